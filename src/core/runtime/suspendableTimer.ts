// core/runtime: a deadline timer that can be suspended and resumed, so a function paused in a debugger
// is not killed by its timeout (ARCHITECTURE.md: timeouts are suspended while a debugger is attached).
import type { Clock, TimerHandle } from '../common/clock';

export class SuspendableTimer {
  private handle: TimerHandle | undefined;
  private remaining: number;
  private startedAt = 0;
  private done = false;

  constructor(
    private readonly clock: Clock,
    ms: number,
    private readonly onFire: () => void,
  ) {
    this.remaining = ms;
    this.resume();
  }

  get isSuspended(): boolean {
    return this.handle === undefined && !this.done;
  }

  /** Milliseconds left before it fires (frozen while suspended). */
  get remainingMs(): number {
    return this.handle ? Math.max(0, this.remaining - (this.clock.monotonic() - this.startedAt)) : this.remaining;
  }

  suspend(): void {
    if (!this.handle) return;
    this.remaining = this.remainingMs;
    this.handle.cancel();
    this.handle = undefined;
  }

  resume(): void {
    if (this.handle || this.done) return;
    this.startedAt = this.clock.monotonic();
    this.handle = this.clock.setTimeout(() => {
      this.done = true;
      this.handle = undefined;
      this.onFire();
    }, this.remaining);
  }

  cancel(): void {
    this.done = true;
    this.handle?.cancel();
    this.handle = undefined;
  }
}

/**
 * The deadline of an environment's invocations outside debug mode: one timer per environment, not one per
 * invocation. Arming a deadline later than the pending timer leaves the timer as it is; when that timer fires
 * before the current deadline it waits the rest, so back-to-back warm invokes arm nothing (issue 10). The timer
 * does not keep the process alive on its own: an invocation in flight has its runtime's connection for that.
 */
export class InvocationDeadline {
  private handle: TimerHandle | undefined;
  /** When the pending timer fires (monotonic ms). */
  private firesAt = 0;
  /** The armed deadline (monotonic ms) and what its expiry does; undefined when nothing is armed. */
  private armed: { at: number; onFire: () => void } | undefined;

  constructor(private readonly clock: Clock) {}

  /** Arms the deadline `ms` from now; it replaces any armed one. */
  arm(ms: number, onFire: () => void): void {
    const at = this.clock.monotonic() + ms;
    this.armed = { at, onFire };
    if (this.handle && this.firesAt <= at) return;
    this.handle?.cancel();
    this.schedule(ms);
  }

  /** Disarms it; the pending timer, if any, lapses when it fires (or the next arm() reuses it). */
  cancel(): void {
    this.armed = undefined;
  }

  /** Disarms it and drops the timer (the environment is going away). */
  dispose(): void {
    this.armed = undefined;
    this.handle?.cancel();
    this.handle = undefined;
  }

  private schedule(ms: number): void {
    this.firesAt = this.clock.monotonic() + ms;
    this.handle = this.clock.setTimeout(() => this.fired(), ms, true);
  }

  private fired(): void {
    this.handle = undefined;
    const armed = this.armed;
    if (!armed) return;
    const left = armed.at - this.clock.monotonic();
    if (left > 0) return this.schedule(left);
    this.armed = undefined;
    armed.onFire();
  }
}
