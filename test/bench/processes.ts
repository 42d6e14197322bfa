// Benchmark helpers: child processes the bench starts itself, all tracked so none outlives the run.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import { nowMs } from './stats';

const live = new Set<ChildProcess>();

/** Kills every child this module started that is still running (called in finally and on exit). */
export function killAllChildren(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

process.on('exit', killAllChildren);

function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** spawn(), tracked: killAllChildren() ends it if it is still running when the bench ends. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  return track(spawn(command, args, options));
}

/** Runs a process to its end and returns its stdout; it must exit 0 (stderr goes into the error otherwise). */
export async function runForOutput(command: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const child = track(spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env }));
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => out.push(c));
  child.stderr?.on('data', (c: Buffer) => err.push(c));
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}: ${Buffer.concat(err).toString('utf8').trim()}`);
  return Buffer.concat(out).toString('utf8');
}

/** Wall time from spawn() until the process has exited (it must exit 0). */
export async function timeProcessRun(command: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<number> {
  const t0 = nowMs();
  const child = track(spawn(command, args, { cwd, stdio: 'ignore', env }));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  const elapsed = nowMs() - t0;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}`);
  return elapsed;
}

/** A node script in a child process that prints its listening port on the first stdout line. */
export interface ChildServer {
  port: number;
  close(): Promise<void>;
}

export async function startChildServer(script: string): Promise<ChildServer> {
  const child = track(spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n', 2);
      if (line.length < 2) return;
      child.stdout?.off('data', onData);
      const n = Number(line[0]);
      if (Number.isInteger(n) && n > 0) resolve(n);
      else reject(new Error(`child server printed "${line[0]}" instead of a port`));
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`child server ${script} exited early (${code})`)));
    child.once('error', reject);
  });
  return {
    port,
    async close(): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
