// Benchmark helpers: measuring a figure and its floors or peers in the same run, interleaved, so that
// whatever else loads the machine (other processes, CPU frequency, GC) weighs on all of them alike.
import { median, nowMs, percentile } from './stats';

/** One of the things measured side by side: a name and one sequential call. */
export interface Arm {
  name: string;
  call(): Promise<unknown>;
}

export interface InterleavedSamples {
  /** Every timed call's wall time, per arm. */
  samples: Record<string, number[]>;
  /** Per arm, the median of each block (same index = same round), for per-round ratios. */
  blockMedians: Record<string, number[]>;
}

/**
 * Runs the arms in alternating blocks of `perBlock` sequential calls: round 0 is A-block, B-block, C-block,
 * round 1 starts with B, and so on (the order rotates, so no arm always runs right after another one).
 * The first `warmupRounds` rounds are run the same way and not recorded.
 */
export async function interleavedBlocks(arms: readonly Arm[], o: { rounds: number; perBlock: number; warmupRounds: number }): Promise<InterleavedSamples> {
  const samples: Record<string, number[]> = {};
  const blockMedians: Record<string, number[]> = {};
  for (const a of arms) {
    samples[a.name] = [];
    blockMedians[a.name] = [];
  }
  for (let r = -o.warmupRounds; r < o.rounds; r++) {
    const start = ((r % arms.length) + arms.length) % arms.length;
    for (let k = 0; k < arms.length; k++) {
      const arm = arms[(start + k) % arms.length];
      const block = new Array<number>(o.perBlock);
      for (let i = 0; i < o.perBlock; i++) {
        const t0 = nowMs();
        await arm.call();
        block[i] = nowMs() - t0;
      }
      if (r < 0) continue;
      samples[arm.name].push(...block);
      blockMedians[arm.name].push(median(block));
    }
  }
  return { samples, blockMedians };
}

/**
 * Runs one call of each arm per round (A, B, C, A, B, C, …), for things that take long (process runs):
 * a paired, interleaved measurement. The first `warmupRounds` rounds are not recorded.
 */
export async function interleavedRuns(arms: readonly Arm[], o: { rounds: number; warmupRounds: number }): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = {};
  for (const a of arms) samples[a.name] = [];
  for (let r = -o.warmupRounds; r < o.rounds; r++) {
    for (const arm of arms) {
      const t0 = nowMs();
      await arm.call();
      const t = nowMs() - t0;
      if (r >= 0) samples[arm.name].push(t);
    }
  }
  return samples;
}

/** "per-round ratio a/b: median m (p10 x – p90 y)", for the progress log: how steady a ratio was. */
export function describeRoundRatios(a: readonly number[], b: readonly number[]): string {
  const ratios = a.map((x, i) => x / b[i]).filter(Number.isFinite);
  if (!ratios.length) return 'no rounds';
  const f = (n: number): string => n.toFixed(2);
  return `median ${f(median(ratios))}× (p10 ${f(percentile(ratios, 10))}× – p90 ${f(percentile(ratios, 90))}×, ${ratios.length} rounds)`;
}
