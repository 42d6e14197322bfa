// Benchmark helpers: timing and order statistics. Everything is in milliseconds.
import { performance } from 'node:perf_hooks';

/** Milliseconds since an arbitrary origin, sub-microsecond resolution. */
export const nowMs = (): number => performance.now();

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Runs `fn` sequentially `count` times and returns each call's wall time. */
export async function timeSequential(count: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const t0 = nowMs();
    await fn(i);
    samples[i] = nowMs() - t0;
  }
  return samples;
}

/** Rounds for display and JSON: enough significant digits for values from 0.0001 ms to 10^6. */
export function round(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(Math.min(digits, 8)));
}
