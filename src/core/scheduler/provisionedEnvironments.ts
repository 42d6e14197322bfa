// core/scheduler: the provisioned environments of one function version (lambda-semantics.md §8): `target`
// environments started with AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency and initialised ahead of
// any request, so invocations on them are warm. They are never reaped for idleness; one that is recycled
// (maximum lifetime, §2.1: "every few hours"), crashed or reset is replaced by a new one initialised ahead.
import type { Clock, TimerHandle } from '../common/clock';
import type { ExecutionEnvironment } from '../runtime/environment';
import type { CapacityGuard } from './capacityGuard';

/** What a provisioned concurrency config shows (GetProvisionedConcurrencyConfig). */
export interface ProvisionedState {
  /** Environments asked for. */
  requested: number;
  /** Environments initialised (ready or busy). */
  allocated: number;
  /** Of those, idle now. */
  available: number;
  /** Of those, running an invocation now. */
  busy: number;
  /** Set when an environment failed to initialise: the runtime's init error. */
  failure?: string;
}

export interface ProvisionedOptions {
  clock: Clock;
  maxLifetimeMs?: number;
  initLimitMs: number;
  create(): Promise<ExecutionEnvironment>;
  capacity?: { guard: CapacityGuard; cost: number };
}

export class ProvisionedEnvironments {
  private readonly ready = new Set<ExecutionEnvironment>();
  /** Created and initialising ahead, not ready yet. */
  private readonly pending = new Set<ExecutionEnvironment>();
  private readonly idle: ExecutionEnvironment[] = [];
  private starting = 0;
  private target = 0;
  private failure: string | undefined;
  private onChange: ((s: ProvisionedState) => void) | undefined;
  private recycler: TimerHandle | undefined;
  private stopped = false;

  constructor(private readonly o: ProvisionedOptions) {}

  get size(): number {
    return this.ready.size;
  }

  get environments(): readonly ExecutionEnvironment[] {
    return [...this.ready, ...this.pending];
  }

  /** Environments of this set running an invocation now. */
  get busy(): number {
    return this.ready.size - this.idle.length;
  }

  get requested(): number {
    return this.target;
  }

  state(): ProvisionedState {
    const s: ProvisionedState = { requested: this.target, allocated: this.ready.size, available: this.idle.length, busy: this.busy };
    if (this.failure !== undefined) s.failure = this.failure;
    return s;
  }

  owns(env: ExecutionEnvironment): boolean {
    return this.ready.has(env);
  }

  /** Ready or still initialising ahead. */
  includes(env: ExecutionEnvironment): boolean {
    return this.ready.has(env) || this.pending.has(env);
  }

  setTarget(count: number, onChange?: (s: ProvisionedState) => void): void {
    this.target = count;
    this.failure = undefined; // a new request tries again
    if (onChange) this.onChange = onChange;
    while (this.ready.size > this.target && this.idle.length) this.forget(this.idle.shift()!);
    this.fill();
    this.changed();
  }

  take(): ExecutionEnvironment | undefined {
    // Most recently used first, as for on-demand environments; one stopped from outside is replaced.
    let env = this.idle.pop();
    while (env?.isDisposed) {
      this.forget(env);
      this.fill();
      env = this.idle.pop();
    }
    return env;
  }

  release(env: ExecutionEnvironment, retiring: boolean): void {
    const old = this.o.maxLifetimeMs !== undefined && this.o.clock.monotonic() - env.createdAt >= this.o.maxLifetimeMs;
    if (retiring || this.stopped || !env.isWarm || old || this.ready.size > this.target) {
      // Recycled, crashed, reset by a timeout, or no longer wanted: replaced (fill) when still wanted.
      this.forget(env);
      this.fill();
      this.changed();
    } else {
      this.idle.push(env);
    }
  }

  /** Start environments until `target` are ready or starting; a failed init stops it until the next setTarget. */
  private fill(): void {
    while (!this.stopped && this.failure === undefined && this.ready.size + this.starting < this.target) {
      this.starting++;
      void this.startOne().finally(() => {
        this.starting--;
        this.changed();
      });
    }
  }

  private async startOne(): Promise<void> {
    if (!(await this.room())) return;
    let env: ExecutionEnvironment;
    try {
      env = await this.o.create();
    } catch (e) {
      this.giveRoom();
      this.failure = (e as Error).message;
      return;
    }
    if (this.stopped) {
      this.giveRoom();
      await env.dispose();
      return;
    }
    this.pending.add(env);
    const r = await env.initializeAhead(this.o.initLimitMs).catch((e: unknown) => ({ ok: false as const, errorType: 'Runtime.Unknown', message: (e as Error).message }));
    this.pending.delete(env);
    if (!r.ok || this.stopped || this.ready.size >= this.target) {
      if (!r.ok && !this.stopped) this.failure = `${r.errorType}: ${r.message}`;
      this.giveRoom();
      await env.dispose();
      return;
    }
    this.ready.add(env);
    this.idle.push(env);
    this.scheduleRecycle();
  }

  /** Machine capacity for one more environment (the local guard, not a Lambda limit: waits, never fails). */
  private room(): Promise<boolean> {
    const cap = this.o.capacity;
    if (!cap || cap.guard.tryTake(cap.cost)) return Promise.resolve(true);
    return new Promise((res) =>
      cap.guard.wait(
        cap.cost,
        () => {
          res(!this.stopped);
          if (this.stopped) this.giveRoom();
          return true;
        },
        () => !this.stopped,
      ),
    );
  }

  private giveRoom(): void {
    if (this.o.capacity) this.o.capacity.guard.give(this.o.capacity.cost);
  }

  private forget(env: ExecutionEnvironment): void {
    if (this.ready.delete(env)) this.giveRoom();
    const i = this.idle.indexOf(env);
    if (i >= 0) this.idle.splice(i, 1);
    if (!env.isDisposed) void env.dispose();
  }

  /** Idle provisioned environments past the maximum lifetime are replaced (busy ones when they finish). */
  private scheduleRecycle(): void {
    const max = this.o.maxLifetimeMs;
    if (max === undefined || this.recycler || this.stopped) return;
    this.recycler = this.o.clock.setTimeout(() => {
      this.recycler = undefined;
      const now = this.o.clock.monotonic();
      for (const env of [...this.idle]) if (now - env.createdAt >= max) this.forget(env);
      this.fill();
      this.changed();
      if (this.ready.size) this.scheduleRecycle();
    }, Math.min(max, 60_000), true);
  }

  private changed(): void {
    this.onChange?.(this.state());
  }

  /** The pool is retired: idle ones stop now, busy ones when released. */
  drain(): void {
    this.stopped = true;
    this.recycler?.cancel();
    for (const env of this.idle.splice(0)) this.forget(env);
  }

  async dispose(): Promise<void> {
    this.stopped = true;
    this.recycler?.cancel();
    const envs = [...this.ready];
    this.ready.clear();
    this.idle.length = 0;
    for (let i = 0; i < envs.length; i++) this.giveRoom();
    // Those still initialising end their init as cancelled; startOne gives their room back.
    await Promise.all([...envs, ...this.pending].map((e) => e.dispose()));
  }
}
