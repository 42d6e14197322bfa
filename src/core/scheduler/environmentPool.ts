// core/scheduler: the execution environments of one function version. Reuses an idle warm environment
// when there is one (init once, then reuse), otherwise creates a new one, so concurrent invocations run
// in separate environments; reaps environments idle for longer than the configured lifetime.
import type { Clock, TimerHandle } from '../common/clock';
import type { ExecutionEnvironment } from '../runtime/environment';

export interface PoolOptions {
  create(): Promise<ExecutionEnvironment>;
  clock: Clock;
  /** Idle lifetime before an environment is shut down (Lambda's is undocumented, §2.1; default 10 min). */
  idleTimeoutMs: number;
  /** Upper bound of concurrent environments (the concurrency issue refines this). */
  maxEnvironments: number;
}

export class EnvironmentPool {
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly waiters: Array<(env: ExecutionEnvironment | undefined) => void> = [];
  private creating = 0;
  private reaper: TimerHandle | undefined;
  private disposed = false;
  private draining = false;

  constructor(private readonly o: PoolOptions) {}

  get size(): number {
    return this.all.size;
  }

  get environments(): readonly ExecutionEnvironment[] {
    return [...this.all];
  }

  /** An environment reserved for one invocation; give it back with release(). */
  async acquire(): Promise<ExecutionEnvironment> {
    // Most recently used first: it is the warmest (Lambda favours recently used environments).
    const env = this.idle.pop();
    if (env) return env;
    if (this.all.size + this.creating >= this.o.maxEnvironments) {
      const waited = await new Promise<ExecutionEnvironment | undefined>((res) => this.waiters.push(res));
      if (!waited) throw new Error('pool disposed');
      return waited;
    }
    this.creating++;
    try {
      const created = await this.o.create();
      this.all.add(created);
      return created;
    } finally {
      this.creating--;
    }
  }

  release(env: ExecutionEnvironment): void {
    if (this.disposed || env.isDisposed || this.draining) {
      this.all.delete(env);
      if (!env.isDisposed) void env.dispose();
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) return waiter(env);
    this.idle.push(env);
    this.scheduleReap();
  }

  private scheduleReap(): void {
    if (this.reaper || this.disposed) return;
    this.reaper = this.o.clock.setTimeout(() => {
      this.reaper = undefined;
      const now = this.o.clock.monotonic();
      for (const env of [...this.idle]) {
        if (now - env.lastUsed >= this.o.idleTimeoutMs) {
          this.idle.splice(this.idle.indexOf(env), 1);
          this.all.delete(env);
          void env.dispose();
        }
      }
      if (this.idle.length) this.scheduleReap();
    }, Math.min(this.o.idleTimeoutMs, 60_000));
  }

  /**
   * Retire the pool (its code changed): idle environments shut down now, busy ones when their invocation
   * ends, and no new ones start. New invocations go to the pool that replaced it.
   */
  drain(): void {
    this.draining = true;
    this.reaper?.cancel();
    for (const env of this.idle.splice(0)) {
      this.all.delete(env);
      void env.dispose();
    }
  }

  /** Shut down every environment (idle or busy). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.reaper?.cancel();
    for (const w of this.waiters.splice(0)) w(undefined);
    const envs = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(envs.map((e) => e.dispose()));
  }
}
