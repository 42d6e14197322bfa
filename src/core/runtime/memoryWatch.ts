// core/runtime: the resident-memory watch of a running environment: samples its process tree while init or
// an invocation runs — and, more slowly, while it sits idle, since background timers keep running here where
// Lambda would freeze them — and reports when it goes over MemorySize, as Lambda's sandbox would kill it.
// Short peaks between samples are caught afterwards from the kernel's high-water mark (RuntimeProcess).
// One timer per environment, kept across invocations: back-to-back warm invokes arm nothing.
import type { Clock, TimerHandle } from '../common/clock';
import type { RuntimeProcess } from './runtimeProcess';

export class MemoryWatch {
  private timer: TimerHandle | undefined;
  /** When the armed timer fires (monotonic ms). */
  private dueAt = 0;
  private watched: { proc: RuntimeProcess; over: (kb: number) => void; idle: boolean } | undefined;

  constructor(
    private readonly clock: Clock,
    readonly limitKb: number,
    private readonly everyMs: number,
    private readonly idleEveryMs = 500,
  ) {}

  /** Samples `proc` until stopped; calls `over` (once) with the KiB seen when it passes the limit. */
  start(proc: RuntimeProcess, over: (kb: number) => void, idle = false): void {
    this.watched = { proc, over, idle };
    const every = idle ? this.idleEveryMs : this.everyMs;
    // A timer that fires soon enough already serves this period; only a later one is re-armed.
    if (this.timer && this.dueAt <= this.clock.monotonic() + every) return;
    this.arm(every);
  }

  /** Stops reporting; the timer, if armed, lapses at its next tick unless start() comes first. */
  stop(): void {
    this.watched = undefined;
  }

  /** Stops for good (the environment is going away). */
  dispose(): void {
    this.watched = undefined;
    this.timer?.cancel();
    this.timer = undefined;
  }

  private arm(every: number): void {
    this.timer?.cancel();
    this.dueAt = this.clock.monotonic() + every;
    // Never what keeps the process alive: an invocation in flight has its own deadline timer.
    this.timer = this.clock.setTimeout(() => this.tick(), every, true);
  }

  private tick(): void {
    this.timer = undefined;
    const w = this.watched;
    if (!w || !w.proc.isAlive) return;
    const kb = w.proc.sample();
    if (kb > this.limitKb) {
      this.watched = undefined;
      return w.over(kb);
    }
    this.arm(w.idle ? this.idleEveryMs : this.everyMs);
  }
}
