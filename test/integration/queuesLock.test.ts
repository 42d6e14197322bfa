// Integration: two engines on one state directory (store/engineLock.ts) — `lambda-workbench start` runs the
// queues; a CLI `invoke --async` beside it forwards its event there instead of running the journal a second
// time; after `start` is killed with SIGKILL the next engine takes the queues over.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot, waitFor } from './helpers/engine';
import { processesWith } from './helpers/processes';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const cwd = join(fixtures, 'async');

describe('queues lock: one engine runs a state directory\'s queues', () => {
  const stateDir = tempDir('lwb-qlock-');
  const token = randomUUID();
  const common = ['--state-dir', stateDir, '--parameter-overrides', `Token=${token}`];
  const server = spawn(process.execPath, [bin, 'start', '--port', '0', ...common], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  server.stdout.on('data', (d: Buffer) => (out += d));
  server.stderr.on('data', (d: Buffer) => (err += d));
  const exited = new Promise((r) => server.on('exit', r));
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args, ...common], { cwd, encoding: 'utf8', timeout: 60_000, input: '{"n":1}' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  after(async () => {
    server.kill('SIGKILL');
    await exited;
    for (const pid of processesWith(token)) process.kill(pid, 'SIGKILL');
  });

  test('an Event invoke from a second engine is queued in the first and runs there, once', async () => {
    assert.ok(await waitFor(() => /listening on/.test(out), 30_000), err);
    const r = cli('invoke', 'ok', '--async', '-e', '-');
    assert.equal(r.code, 0, r.stderr);
    const { StatusCode, RequestId } = JSON.parse(r.stdout);
    assert.equal(StatusCode, 202);
    assert.match(r.stderr, new RegExp(`Queued in the engine that runs this state directory's queues \\(cli, pid ${server.pid}, http://127\\.0\\.0\\.1:\\d+\\)`));
    assert.doesNotMatch(r.stderr, /START RequestId/, 'the second engine does not run it');
    assert.ok(await waitFor(() => err.includes(`END RequestId: ${RequestId}`), 30_000), err);
    assert.equal(err.split(`START RequestId: ${RequestId}`).length - 1, 1);
    // Commands that would open the queues' journals say who runs them.
    const list = cli('queues', 'list');
    assert.notEqual(list.code, 0);
    assert.match(list.stderr, new RegExp(`run by another engine \\(cli, pid ${server.pid}, since .*\\); ask it instead \\(--endpoint-url http://127\\.0\\.0\\.1:\\d+\\)`));
  });

  test('after kill -9 of that engine, the next one takes the queues over and runs its event itself', async () => {
    server.kill('SIGKILL');
    await exited;
    const r = cli('invoke', 'ok', '--async', '-e', '-');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /The async queue of "ok" is empty/);
    assert.equal((r.stderr.match(/START RequestId: /g) ?? []).length, 1);
  });
});
