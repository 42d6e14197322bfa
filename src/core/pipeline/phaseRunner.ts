// core/pipeline: one buildspec phase in one shell session, as CodeBuild runs buildspec 0.2 (a `cd` or `export`
// of one command holds for the next). The commands run in order until one fails; the finally commands run
// after them whatever happened. The session writes a marker line (with a per-run nonce nobody can print by
// chance) before and after each command into the same stream as the output, so every line is attributed to
// its command in order, and the failing command's exit code and last lines are known.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import type { BuildPhase, PhaseName } from './buildspec';

/** The command a phase failed on. */
export interface CommandFailure {
  phase: PhaseName;
  command: string;
  /** The command's exit status (the shell's, when the command ended the session). */
  exitCode: number;
  /** Its last output lines (at most TAIL_LINES). */
  tail: string[];
  /** True when it was one of the phase's finally commands. */
  inFinally: boolean;
}

export interface PhaseOutcome {
  ok: boolean;
  failure?: CommandFailure;
}

export type PhaseLine = { kind: 'command'; text: string } | { kind: 'output'; text: string };

export interface PhaseRunOptions {
  shell: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where to write the session's script (outside the source tree). */
  scriptPath: string;
  onLine(line: PhaseLine): void;
  signal?: AbortSignal;
}

export const TAIL_LINES = 30;

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The session's script: each command eval'd in the one shell, guarded so the first failure skips the rest. */
export function phaseScript(phase: BuildPhase, nonce: string): string {
  const lines = ['exec 2>&1', '__lwb_failed=0', '__lwb_ffailed=0'];
  const step = (block: 'commands' | 'finally', i: number, command: string, flag: string) =>
    `if [ "$${flag}" = 0 ]; then printf '%s\\n' '${nonce}:start:${block}:${i}'; eval ${quote(command)}; __lwb_rc=$?; ` +
    `printf '%s\\n' "${nonce}:end:${block}:${i}:$__lwb_rc"; [ "$__lwb_rc" = 0 ] || ${flag}=$__lwb_rc; fi`;
  phase.commands.forEach((c, i) => lines.push(step('commands', i, c, '__lwb_failed')));
  phase.finally.forEach((c, i) => lines.push(step('finally', i, c, '__lwb_ffailed')));
  lines.push('[ "$__lwb_failed" = 0 ] && [ "$__lwb_ffailed" = 0 ]');
  return lines.join('\n') + '\n';
}

/** Runs `phase`; resolves with its outcome (a failing command is an outcome, not an error). */
export async function runPhase(phase: BuildPhase, o: PhaseRunOptions): Promise<PhaseOutcome> {
  const nonce = `__lwb_${randomBytes(12).toString('hex')}`;
  await writeFile(o.scriptPath, phaseScript(phase, nonce), { mode: 0o600 });
  // Its own process group: a stop ends every process the commands started, and what a command left running
  // in the background when the session ended (holding the output pipe open) is ended with it.
  const child = spawn(o.shell, [o.scriptPath], { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // The group is gone already.
    }
  };
  const abort = killGroup;
  child.on('exit', killGroup);
  o.signal?.addEventListener('abort', abort, { once: true });

  let current: { block: 'commands' | 'finally'; index: number; command: string; tail: string[] } | undefined;
  let failure: CommandFailure | undefined;
  const output = (text: string) => {
    if (current) {
      current.tail.push(text);
      if (current.tail.length > TAIL_LINES) current.tail.shift();
    }
    o.onLine({ kind: 'output', text });
  };
  const marker = (m: string) => {
    const [what, block, index, rc] = m.split(':') as ['start' | 'end', 'commands' | 'finally', string, string | undefined];
    const command = (block === 'commands' ? phase.commands : phase.finally)[Number(index)] ?? '';
    if (what === 'start') {
      current = { block, index: Number(index), command, tail: [] };
      o.onLine({ kind: 'command', text: command });
    } else {
      if (Number(rc) !== 0 && current) failure ??= { phase: phase.name, command, exitCode: Number(rc), tail: current.tail, inFinally: block === 'finally' };
      current = undefined;
    }
  };
  const lines = (stream: NodeJS.ReadableStream) =>
    new Promise<void>((resolve) => {
      const rl = createInterface({ input: stream, crlfDelay: Infinity });
      rl.on('line', (line) => {
        const at = line.indexOf(nonce);
        if (at < 0) return output(line);
        // A command whose output did not end with a newline: its last piece comes before the marker.
        if (at > 0) output(line.slice(0, at));
        marker(line.slice(at + nonce.length + 1));
      });
      rl.on('close', resolve);
    });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)));
  });
  try {
    const [code] = await Promise.all([exited, lines(child.stdout), lines(child.stderr)]);
    // The session ended inside a command (`exit`, `set -e`, a shell syntax error): that command failed.
    if (current) failure ??= { phase: phase.name, command: current.command, exitCode: code, tail: current.tail, inFinally: current.block === 'finally' };
    if (!failure && code !== 0) failure = { phase: phase.name, command: '(the shell session)', exitCode: code, tail: [], inFinally: false };
    return failure ? { ok: false, failure } : { ok: true };
  } finally {
    o.signal?.removeEventListener('abort', abort);
  }
}
