// core/scheduler: the public picture of one execution environment for listings (`environments`, the VS Code
// Environments view, the `start` server): which function/version it runs, its state, age, invocations
// served and peak memory. Plain data, made on demand, never on the invoke path.
import type { ExecutionEnvironment } from '../runtime/environment';

export type EnvironmentState = 'initializing' | 'idle' | 'busy' | 'frozen' | 'stopped';

export interface EnvironmentSnapshot {
  id: string;
  functionName: string;
  version: string;
  /** on-demand, or provisioned-concurrency (initialised ahead of requests, never reaped for idleness). */
  initializationType: 'on-demand' | 'provisioned-concurrency';
  /**
   * initializing (Init runs), busy (an invocation runs), idle (warm, waiting), frozen (stopped between
   * invocations, set by the freeze code), stopped (its process is gone; the next invocation starts it cold).
   */
  state: EnvironmentState;
  pid?: number;
  ageMs: number;
  invocations: number;
  peakMemoryMB: number;
  memorySizeMB: number;
  debug: boolean;
}

export function snapshotOf(env: ExecutionEnvironment, o: { functionName: string; version: string; provisioned: boolean; debug: boolean; memorySizeMB: number; now: number }): EnvironmentSnapshot {
  const s = env.state;
  const state: EnvironmentState = s === 'cold' || s === 'disposed' ? (o.provisioned || env.invocations === 0 ? 'initializing' : 'stopped') : s;
  const snap: EnvironmentSnapshot = {
    id: env.id,
    functionName: o.functionName,
    version: o.version,
    initializationType: o.provisioned ? 'provisioned-concurrency' : 'on-demand',
    state,
    ageMs: Math.max(0, o.now - env.createdAt),
    invocations: env.invocations,
    peakMemoryMB: env.peakMemoryMB,
    memorySizeMB: o.memorySizeMB,
    debug: o.debug,
  };
  if (env.pid !== undefined) snap.pid = env.pid;
  return snap;
}
