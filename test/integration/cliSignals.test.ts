// Integration: the CLI interrupted — Ctrl-C, SIGTERM, a reader that closes stdout — as a real process on a
// real engine: no fake result on stdout, the conventional exit code, and nothing of the environment left.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { fixtures, repoRoot, waitFor } from './helpers/engine';
import { processesWith } from './helpers/processes';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const template = join(fixtures, 'cli', 'zoo', 'template.yaml');

/**
 * Whether process `pid` is reading its standard input: fd 0 is in one of its epoll sets (libuv watches it once
 * a read starts). The CLI reads the event only after installing its signal handlers.
 */
function readsStdin(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/fdinfo`).some((fd) => {
      try {
        return /^tfd:\s+0\s/m.test(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'latin1'));
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

interface Run {
  child: ChildProcessWithoutNullStreams;
  token: string;
  stateDir: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const runs: Run[] = [];

function invoke(fn: string, event: object | undefined, extra: string[] = [], opts: { readStderr?: boolean } = {}): Run {
  const token = randomUUID();
  const stateDir = mkdtempSync(join(tmpdir(), 'lwb-cli-signals-'));
  const child = spawn(process.execPath, [bin, 'invoke', fn, '-t', template, '--event', '-', '--state-dir', stateDir, '--parameter-overrides', `Token=${token}`, ...extra]);
  // Without an event, standard input stays open: the CLI is still waiting for it.
  if (event !== undefined) child.stdin.end(JSON.stringify(event));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  if (opts.readStderr !== false) child.stderr.on('data', (d: Buffer) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  const run = { child, token, stateDir, stdout: () => stdout, stderr: () => stderr, exited };
  runs.push(run);
  return run;
}

function envFolders(run: Run): string[] {
  return readdirSync(join(run.stateDir, 'envs'));
}

describe('lambda-workbench invoke, interrupted', () => {
  afterEach(async () => {
    for (const run of runs.splice(0)) {
      if (run.child.exitCode === null && run.child.signalCode === null) {
        run.child.kill('SIGKILL');
        await run.exited;
      }
      run.child.stderr.destroy();
      for (const pid of processesWith(run.token)) process.kill(pid, 'SIGKILL');
      rmSync(run.stateDir, { recursive: true, force: true });
    }
  });

  for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    test(`${signal} mid-invoke: exit ${exitCode}, nothing on stdout, no env folder and no process left`, async () => {
      const run = invoke('Sleeper', { child: true });
      assert.ok(await waitFor(() => /^START RequestId: /m.test(run.stderr()) && processesWith(run.token).length >= 2, 15_000), run.stderr());
      run.child.kill(signal);
      const { code } = await run.exited;
      assert.equal(code, exitCode, run.stderr());
      assert.equal(run.stdout(), '');
      assert.doesNotMatch(run.stderr(), /Runtime\.ExitError|Error \[/);
      assert.match(run.stderr(), new RegExp(`^Interrupted \\(${signal}\\)`, 'm'));
      assert.deepEqual(envFolders(run), []);
      assert.deepEqual(processesWith(run.token), []);
    });
  }

  test('the first Ctrl-C waits for the output to be written; a second one exits at once', async () => {
    // Nobody reads stderr, so the CLI cannot finish writing the handler's 2,000 lines after the first Ctrl-C.
    const run = invoke('Sleeper', { noise: 2000 }, [], { readStderr: false });
    assert.ok(await waitFor(() => processesWith(run.token).length >= 1, 15_000));
    await new Promise((r) => setTimeout(r, 500));
    run.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(run.child.exitCode, null, 'still writing its output');
    assert.deepEqual(processesWith(run.token), [], 'the engine is disposed before the output is flushed');
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    assert.equal(code, 130);
    assert.equal(run.stdout(), '');
  });

  test('Ctrl-C while the event is still being read from standard input: exit 130 at once', async () => {
    const run = invoke('Sleeper', undefined);
    // Once the CLI reads stdin (after installing its handlers), however loaded the machine.
    assert.ok(await waitFor(() => readsStdin(run.child.pid!), 15_000), 'the CLI is reading standard input');
    run.child.kill('SIGINT');
    const timer = setTimeout(() => run.child.kill('SIGKILL'), 5000);
    const { code, signal } = await run.exited;
    clearTimeout(timer);
    assert.deepEqual({ code, signal }, { code: 130, signal: null }, run.stderr());
    assert.equal(run.stdout(), '');
    run.child.stdin.destroy();
  });

  test('a reader that closes stdout (| head -1) ends the CLI quietly and cleanly', async () => {
    const run = invoke('Sleeper', { ms: 300 }, ['--repeat', '3']);
    assert.ok(await waitFor(() => run.stdout().includes('\n'), 15_000), run.stderr());
    run.child.stdout.destroy();
    const { code } = await run.exited;
    assert.equal(code, 141, run.stderr());
    assert.doesNotMatch(run.stderr(), /EPIPE|Error|^\s+at /m);
    // The invocation in flight when the reader left may have started (a race with the reader), no later one.
    const starts = run.stderr().match(/^START /gm)?.length ?? 0;
    assert.ok(starts >= 1 && starts <= 2, `no invoke after the reader went away (${starts} STARTs of --repeat 3)`);
    assert.deepEqual(envFolders(run), []);
    assert.deepEqual(processesWith(run.token), []);
  });
});
