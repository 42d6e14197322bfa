// Benchmark helper for warm_invoke (warmInvokeBench.ts): the same three arms (engine, Runtime API loop,
// lambda-local) measured in a child bench process started under `taskset -c <cpu>`, so the bench, the
// engine's runtime process and the loop's client (which inherit the affinity) all share one CPU.
// Run as a script, it is that child: it measures and prints {"p50": {arm: ms}, "blockMedians": {arm: ms[]}}.
//   node warmInvokeSameCpu.js <fixtureDir> <tmpRoot> <quick|full>
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import * as path from 'node:path';
import type { BenchContext } from './cases';
import { spawnTracked } from './processes';
import { median } from './stats';
import { measureWarmArms } from './warmInvokeArms';

export interface SameCpuResult {
  cpuList: string;
  p50: Record<string, number>;
  blockMedians: Record<string, number[]>;
}

/** The CPU to pin to: the first one this process may run on (taskset -c 0 fails if 0 is not allowed). */
function firstAllowedCpu(): string | undefined {
  const probe = spawnSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return undefined;
  // "pid 123's current affinity list: 0,1" or "0-3"
  return /:\s*(\d+)/.exec(probe.stdout)?.[1];
}

/** Runs the child under taskset; undefined (with the reason logged) when taskset is missing or fails. */
export async function warmInvokeOnOneCpu(ctx: BenchContext): Promise<SameCpuResult | undefined> {
  const cpu = firstAllowedCpu();
  if (cpu === undefined) {
    ctx.log('bench:   same-CPU figures skipped: `taskset` (util-linux) is missing or cannot read this process\'s affinity');
    return undefined;
  }
  const args = ['-c', cpu, process.execPath, __filename, ctx.fixtureDir, mkdtempSync(path.join(ctx.tmpRoot, 'same-cpu-')), ctx.quick ? 'quick' : 'full'];
  // stderr inherited: the child's own progress and failures show in the bench log as they happen.
  const child = spawnTracked('taskset', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const out: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => out.push(c));
  const code = await new Promise<number | string>((resolve) => {
    child.once('error', (err) => resolve(err.message));
    child.once('close', (c, signal) => resolve(c ?? signal ?? 'unknown'));
  });
  if (code !== 0) throw new Error(`same-CPU child (taskset ${args.join(' ')}) exited with ${code}`);
  return { cpuList: `CPU ${cpu}`, ...(JSON.parse(Buffer.concat(out).toString('utf8')) as Omit<SameCpuResult, 'cpuList'>) };
}

async function main(): Promise<void> {
  const [fixtureDir, tmpRoot, mode] = process.argv.slice(2);
  if (!tmpRoot || (mode !== 'quick' && mode !== 'full')) throw new Error('usage: warmInvokeSameCpu.js <fixtureDir> <tmpRoot> <quick|full>');
  const quick = mode === 'quick';
  const ctx: BenchContext = {
    quick,
    repoRoot: path.resolve(__dirname, '../../..'),
    fixtureDir,
    tmpRoot,
    n: (full, q) => (quick ? q : full),
    log: (message) => process.stderr.write(`${message}\n`),
  };
  const { samples, blockMedians } = await measureWarmArms(ctx);
  const p50 = Object.fromEntries(Object.entries(samples).map(([arm, s]) => [arm, median(s)]));
  process.stdout.write(`${JSON.stringify({ p50, blockMedians })}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
