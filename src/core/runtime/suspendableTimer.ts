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
