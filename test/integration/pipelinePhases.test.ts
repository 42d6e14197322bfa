// Integration: one buildspec phase in a real shell session (core/pipeline/phaseRunner.ts) — state that carries
// from command to command, output attributed to its command in order (also without a final newline), the first
// failure stopping the commands but not `finally`, a command that ends the session, and a background process
// left behind that must not keep the phase open.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { BuildPhase } from '../../src/core/pipeline/buildspec';
import { runPhase, type PhaseLine } from '../../src/core/pipeline/phaseRunner';
import { tempDir } from '../helpers/tempDirs';

async function phase(commands: string[], fin: string[] = [], shell = '/bin/sh') {
  const dir = tempDir('lwb-phase-');
  const lines: string[] = [];
  const p: BuildPhase = { name: 'build', commands, finally: fin };
  const outcome = await runPhase(p, { shell, cwd: dir, env: { PATH: process.env.PATH, GREETING: 'hi' }, scriptPath: join(dir, 'build.sh'), onLine: (l: PhaseLine) => lines.push(`${l.kind === 'command' ? '$ ' : ''}${l.text}`) });
  return { outcome, lines, dir };
}

describe('a buildspec phase in one shell session', () => {
  test('cd and export carry over; output lines follow their command, also without a final newline', async () => {
    const { outcome, lines } = await phase(['mkdir sub && cd sub', 'export WHO="$GREETING there"', "printf 'no newline'", 'echo "$WHO in $(basename "$PWD")" >&2']);
    assert.deepEqual(outcome, { ok: true });
    assert.deepEqual(lines, ['$ mkdir sub && cd sub', '$ export WHO="$GREETING there"', "$ printf 'no newline'", 'no newline', '$ echo "$WHO in $(basename "$PWD")" >&2', 'hi there in sub']);
  });

  test('the first failing command stops the commands, finally still runs; the failure has exit code and tail', async () => {
    const { outcome, lines } = await phase(['echo one', 'echo two; exit_code() { return 3; }; exit_code', 'echo never'], ['echo cleanup']);
    assert.equal(outcome.ok, false);
    assert.deepEqual(outcome.failure, { phase: 'build', command: 'echo two; exit_code() { return 3; }; exit_code', exitCode: 3, tail: ['two'], inFinally: false });
    assert.deepEqual(lines, ['$ echo one', 'one', '$ echo two; exit_code() { return 3; }; exit_code', 'two', '$ echo cleanup', 'cleanup']);
  });

  test('a command that ends the session is the failing command, with the shell\'s exit status', async () => {
    const { outcome } = await phase(['echo before', 'exit 7', 'echo never'], [], 'bash');
    assert.deepEqual(outcome.failure && [outcome.failure.command, outcome.failure.exitCode, outcome.failure.tail], ['exit 7', 7, []]);
  });

  test('a background process left running does not keep the phase open', async () => {
    const { outcome, lines } = await phase(['(sleep 60; echo late) &', 'echo done']);
    assert.deepEqual(outcome, { ok: true });
    assert.deepEqual(lines, ['$ (sleep 60; echo late) &', '$ echo done', 'done']);
  });
});
