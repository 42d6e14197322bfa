// core/scheduler: the execution environments of one function version. Reuses an idle warm environment
// when there is one (init once, then reuse), otherwise creates a new one, so concurrent invocations run
// in separate environments; reaps environments idle for longer than the configured lifetime. Provisioned
// environments (§8) are a set of their own, kept by ProvisionedEnvironments.
import type { Clock, TimerHandle } from '../common/clock';
import type { ExecutionEnvironment } from '../runtime/environment';
import type { CapacityGuard } from './capacityGuard';
import { ProvisionedEnvironments, type ProvisionedState } from './provisionedEnvironments';

export interface PoolOptions {
  create(initializationType?: 'on-demand' | 'provisioned-concurrency'): Promise<ExecutionEnvironment>;
  /** Provisioned concurrency's init limit (§2.1: max(130 s, the function's timeout), at most 900 s). */
  provisionedInitLimitMs?: number;
  clock: Clock;
  /** Idle lifetime before an environment is shut down (Lambda's is undocumented, §2.1; default 10 min). */
  idleTimeoutMs: number;
  /**
   * Age after which an environment is recycled once it is next free (Lambda recycles environments after a few
   * hours regardless of use; the figure is undocumented, §2.1). Undefined: never.
   */
  maxLifetimeMs?: number;
  /** Upper bound of concurrent environments (the concurrency issue refines this). */
  maxEnvironments: number;
  /** The machine-wide guard on environment processes, and what one of this pool's environments costs it. */
  capacity?: { guard: CapacityGuard; cost: number };
  /** Called before a new environment is created; throws (a ThrottleError) when the scaling rate is used up. */
  beforeCreate?: () => void;
}

/** Takes an environment (or, with 'capacity', room to create one); false when the request was served already. */
type PoolWaiter = (got: ExecutionEnvironment | 'capacity' | undefined) => boolean;

export class EnvironmentPool {
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly waiters: PoolWaiter[] = [];
  private creating = 0;
  private reaper: TimerHandle | undefined;
  private disposed = false;
  private draining = false;
  /** Environments initialised ahead of requests (provisioned concurrency), apart from the on-demand ones. */
  readonly provisioned: ProvisionedEnvironments;

  constructor(private readonly o: PoolOptions) {
    this.provisioned = new ProvisionedEnvironments({
      clock: o.clock,
      maxLifetimeMs: o.maxLifetimeMs,
      initLimitMs: o.provisionedInitLimitMs ?? 130_000,
      create: () => o.create('provisioned-concurrency'),
      capacity: o.capacity,
    });
  }

  get size(): number {
    return this.all.size + this.provisioned.size;
  }

  get environments(): readonly ExecutionEnvironment[] {
    return [...this.all, ...this.provisioned.environments];
  }

  /** Keep `count` provisioned environments ready (0: none); `onChange` hears their state. */
  setProvisioned(count: number, onChange?: (s: ProvisionedState) => void): void {
    if (this.disposed || this.draining) return;
    this.provisioned.setTarget(count, onChange);
  }

  /** An idle provisioned environment for one invocation (give it back with release()), or undefined. */
  takeProvisioned(): ExecutionEnvironment | undefined {
    return this.provisioned.take();
  }

  /** An environment reserved for one invocation; give it back with release(). */
  async acquire(): Promise<ExecutionEnvironment> {
    // Most recently used first: it is the warmest (Lambda favours recently used environments).
    let env = this.idle.pop();
    // One stopped from outside (Stop Environment) is dropped here.
    while (env?.isDisposed) {
      this.forget(env);
      env = this.idle.pop();
    }
    if (env) return env;
    const cap = this.o.capacity;
    const atMax = this.all.size + this.creating >= this.o.maxEnvironments;
    if (!atMax) this.o.beforeCreate?.(); // a cold start ahead: the scaling rate may throttle it (§8)
    if (atMax || (cap && !cap.guard.tryTake(cap.cost))) {
      // Wait for an environment of this pool to come free or (below the pool's maximum) for machine capacity.
      const waited = await new Promise<ExecutionEnvironment | 'capacity' | undefined>((res) => {
        let done = false;
        const take: PoolWaiter = (got) => {
          if (done) return false;
          done = true;
          res(got);
          return true;
        };
        this.waiters.push(take);
        if (!atMax && cap) cap.guard.wait(cap.cost, () => take('capacity'), () => !done);
      });
      if (!waited) throw new Error('pool disposed');
      if (waited !== 'capacity') {
        if (!atMax) cap?.guard.wake(); // our place in the capacity queue goes to the next in line
        return waited;
      }
      if (this.disposed) {
        cap?.guard.give(cap.cost);
        throw new Error('pool disposed');
      }
    }
    this.creating++;
    try {
      const created = await this.o.create();
      this.all.add(created);
      return created;
    } catch (e) {
      if (cap) cap.guard.give(cap.cost);
      throw e;
    } finally {
      this.creating--;
    }
  }

  /** Drop an environment from the pool and shut it down; its machine capacity goes to whoever waits. */
  private forget(env: ExecutionEnvironment): void {
    if (this.all.delete(env) && this.o.capacity) this.o.capacity.guard.give(this.o.capacity.cost);
    if (!env.isDisposed) void env.dispose();
  }

  /** Monotonic time the least recently used idle environment was last used (undefined: none idle). */
  get oldestIdleUse(): number | undefined {
    return this.idle.length ? this.idle[0].lastUsed : undefined;
  }

  /** Shut down the least recently used idle environment (to make room on this machine). */
  evictOldestIdle(): boolean {
    const env = this.idle.shift();
    if (!env) return false;
    this.forget(env);
    return true;
  }

  release(env: ExecutionEnvironment): void {
    if (this.provisioned.owns(env)) {
      this.provisioned.release(env, this.disposed || this.draining);
      return;
    }
    if (this.disposed || env.isDisposed || this.draining) {
      this.forget(env);
      return;
    }
    while (this.waiters.length) if (this.waiters.shift()!(env)) return;
    if (this.o.maxLifetimeMs !== undefined && this.o.clock.monotonic() - env.createdAt >= this.o.maxLifetimeMs) {
      this.forget(env); // recycled: the next request starts a new environment (cold)
      return;
    }
    this.idle.push(env);
    this.scheduleReap();
  }

  private scheduleReap(): void {
    if (this.reaper || this.disposed) return;
    this.reaper = this.o.clock.setTimeout(() => {
      this.reaper = undefined;
      const now = this.o.clock.monotonic();
      for (const env of [...this.idle]) {
        if (now - env.lastUsed >= this.o.idleTimeoutMs || (this.o.maxLifetimeMs !== undefined && now - env.createdAt >= this.o.maxLifetimeMs)) {
          this.idle.splice(this.idle.indexOf(env), 1);
          this.forget(env);
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
    for (const env of this.idle.splice(0)) this.forget(env);
    this.provisioned.drain();
  }

  /** Shut down every environment (idle or busy). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.reaper?.cancel();
    for (const w of this.waiters.splice(0)) w(undefined);
    const envs = [...this.all];
    this.all.clear();
    if (this.o.capacity) for (let i = 0; i < envs.length; i++) this.o.capacity.guard.give(this.o.capacity.cost);
    this.idle.length = 0;
    await Promise.all([...envs.map((e) => e.dispose()), this.provisioned.dispose()]);
  }
}
