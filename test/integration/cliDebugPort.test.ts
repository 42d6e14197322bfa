// Integration: `invoke --debug-port` says "Debugger attached." once, when the user's debugger really attached
// (Node prints the same words for any inspector client, the engine's own pause watcher included, so those
// lines are not shown), and not before.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CdpClient } from '../../src/core/runtime/cdpClient';
import { freePort } from '../../src/core/runtime/portCheck';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');

describe('lambda-workbench invoke --debug-port', () => {
  test('"Debugger attached." only once a debugger attached, once', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [bin, 'invoke', 'Debuggable', '-t', join(fixtures, 'engine', 'template.yaml'), '--event', '-', '--debug-port', String(port), '--state-dir', tempDir('lwb-cli-debug-')]);
    child.stdin.end('{"value":4}');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const cdp = await CdpClient.connect(port);
      // Connected, but not yet told to run: the engine's own watcher and this client are both inspector sessions.
      await new Promise((r) => setTimeout(r, 1000));
      assert.match(stderr, /Debugger listening on ws:\/\/127\.0\.0\.1/);
      assert.doesNotMatch(stderr, /Debugger attached/, stderr);
      // If the CLI ended instead (a port taken in between, a crash), say how, rather than wait for an answer
      // that can no longer come.
      await Promise.race([cdp.send('Runtime.runIfWaitingForDebugger'), exited.then((code) => code === 0 || assert.fail(`the CLI exited (${code}) before the debugger's run was answered:\n${stderr}`))]);
      assert.equal(await exited, 0, stderr);
      cdp.close();
    } finally {
      child.kill('SIGKILL');
    }
    assert.deepEqual(JSON.parse(stdout), { doubled: 8, initValue: 'init' });
    const lines = stderr.split('\n');
    assert.deepEqual(lines.filter((l) => l.includes('Debugger attached')), ['Debugger attached.'], stderr);
    assert.ok(lines.indexOf('Debugger attached.') < lines.findIndex((l) => l.startsWith('START RequestId:')), stderr);
  });
});
