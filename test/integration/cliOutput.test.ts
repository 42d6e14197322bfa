// Integration: what the CLI writes when its output is a pipe — every log line the engine gave it, in order,
// before it exits, and the service's warnings — as a real process on a real engine.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const template = join(fixtures, 'cli', 'zoo', 'template.yaml');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `invoke`; with `holdStderr`, nobody reads stderr until the payload is on stdout and a while after,
 * so the CLI's writes pile up behind a full pipe exactly when it is about to exit.
 */
function invoke(stateDir: string, fn: string, event: object, extra: string[] = [], holdStderr = false, env: NodeJS.ProcessEnv = process.env): Promise<Finished> {
  const child = spawn(process.execPath, [bin, 'invoke', fn, '-t', template, '--event', '-', '--state-dir', stateDir, ...extra], { env });
  child.stdin.end(JSON.stringify(event));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  // Paused with a listener attached: Node neither reads the pipe nor discards it when the child exits.
  if (holdStderr) child.stderr.pause();
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
    if (holdStderr && stdout.includes('\n')) setTimeout(() => child.stderr.resume(), 500);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** The engine's own record of what it emitted: every log event, persisted as JSON lines per log stream. */
function persistedMessages(stateDir: string): string[] {
  const root = join(stateDir, 'logs');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl'));
  assert.equal(files.length, 1, 'one environment, one log stream');
  return readFileSync(join(root, files[0]), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { message: string }).message);
}

/** The numbers of the Chatty handler's lines, in the order they came out. */
function numberedLines(stderr: string): number[] {
  return [...stderr.matchAll(/\tINFO\tline (\d+) of \d+ /g)].map((m) => Number(m[1]));
}

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('lambda-workbench invoke output through pipes', () => {
  const stateDirs: string[] = [];
  const newStateDir = () => {
    stateDirs.push(mkdtempSync(join(tmpdir(), 'lwb-cli-output-')));
    return stateDirs.at(-1)!;
  };
  after(() => stateDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('every log line the engine emitted reaches stderr, in order, before the CLI exits', async () => {
    const stateDir = newStateDir();
    // 1.5 MB, far more than a pipe holds, so the CLI still has writes pending when the invoke is done; the
    // handler answers half a second after printing, so the engine has captured every line by then.
    const run = await invoke(stateDir, 'Chatty', { lines: 5000, width: 300, settleMs: 500 }, [], true);
    assert.equal(run.code, 0, run.stderr.slice(-2000));
    assert.deepEqual(JSON.parse(run.stdout), { printed: 5000 });
    const emitted = persistedMessages(stateDir);
    assert.equal(numberedLines(emitted.join('\n')).length, 5000, 'the engine emitted them all (else the engine, not the CLI, lost lines)');
    const expected = emitted.map((m) => m.replace(/\r/g, '\n') + '\n').join('');
    assert.ok(run.stderr.includes(expected), `stderr has ${numberedLines(run.stderr).length} of the 5000 lines the engine emitted`);
  });

  test('a handler printing 5,000 lines and returning at once: all of them arrive, in order, before END', async () => {
    const run = await invoke(newStateDir(), 'Chatty', { lines: 5000 }, [], true);
    assert.equal(run.code, 0, run.stderr.slice(-2000));
    const numbered = numberedLines(run.stderr);
    // The CLI writes whatever the engine gives it (the test above); lines missing here never reached it.
    assert.deepEqual(numbered, oneToN(5000), `got ${numbered.length} lines, the last ${numbered.at(-1)}: the engine's log capture lost the rest`);
    assert.ok(run.stderr.indexOf('\nEND RequestId: ') > run.stderr.indexOf('\tline 5000 of 5000 '), 'the last line comes before END');
  });
});

describe('lambda-workbench invoke warnings', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'lwb-cli-warnings-'));
  after(() => rmSync(stateDir, { recursive: true, force: true }));
  const tmpWarning = /^Warning: Function "TmpSparse" has more than 512 MB in \/tmp \(its EphemeralStorage\); in Lambda, writes past that fail with ENOSPC\.$/gm;

  test('without namespaces, more than EphemeralStorage in /tmp: the warning is on stderr once, also when the CLI exits right after', async () => {
    // Inside namespaces /tmp is a tmpfs of EphemeralStorage MB and the write itself fails (engineIsolation.test).
    const r = await invoke(stateDir, 'TmpSparse', {}, [], false, { ...process.env, LAMBDA_WORKBENCH_ISOLATION: 'process-tree' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { size: 513 * 1024 * 1024 });
    // The engine measures /tmp after the invoke has returned, so this needs it to deliver that warning
    // while it is disposed, before it drops its listeners.
    assert.equal(r.stderr.match(tmpWarning)?.length, 1, r.stderr);
  });
});
