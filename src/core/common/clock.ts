// core/common: the injected clock. Every timer in core goes through a Clock so tests can use a virtual
// one and users can scale time (ARCHITECTURE.md rule 2).

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Wall-clock epoch milliseconds (what Lambda puts in deadlines and timestamps). */
  now(): number;
  /** Monotonic milliseconds with sub-millisecond precision, for durations. */
  monotonic(): number;
  /** `background`: the timer alone does not keep the process alive (watchdogs of idle things). */
  setTimeout(fn: () => void, ms: number, background?: boolean): TimerHandle;
}

export const realClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout(fn, ms, background) {
    const t = setTimeout(fn, ms);
    if (background) t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told to; timers fire in order during advance(). */
export class VirtualClock implements Clock {
  private current: number;
  private mono = 0;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(startEpochMs = Date.UTC(2026, 0, 1)) {
    this.current = startEpochMs;
  }

  now(): number {
    return this.current;
  }

  monotonic(): number {
    return this.mono;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: PendingTimer = { at: this.mono + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Move time forward by ms, firing due timers in time order. */
  advance(ms: number): void {
    const target = this.mono + ms;
    for (;;) {
      const due = this.timers
        .filter((t) => !t.cancelled && t.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current += due.at - this.mono;
      this.mono = due.at;
      due.fn();
    }
    this.current += target - this.mono;
    this.mono = target;
  }

  get pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}
