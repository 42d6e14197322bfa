// core/runtime: the resident-memory watch of a running environment: samples its process tree while init or
// an invocation runs — and, more slowly, while it sits idle, since background timers keep running here where
// Lambda would freeze them — and reports when it goes over MemorySize, as Lambda's sandbox would kill it.
// Short peaks between samples are caught afterwards from the kernel's high-water mark (RuntimeProcess).
import type { Clock, TimerHandle } from '../common/clock';
import type { RuntimeProcess } from './runtimeProcess';

export class MemoryWatch {
  private timer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    readonly limitKb: number,
    private readonly everyMs: number,
    private readonly idleEveryMs = 500,
  ) {}

  /** Samples `proc` until stopped; calls `over` (once) with the KiB seen when it passes the limit. */
  start(proc: RuntimeProcess, over: (kb: number) => void, idle = false): void {
    this.stop();
    const every = idle ? this.idleEveryMs : this.everyMs;
    const tick = () => {
      this.timer = undefined;
      if (!proc.isAlive) return;
      const kb = proc.sample();
      if (kb > this.limitKb) return over(kb);
      this.timer = this.clock.setTimeout(tick, every, idle);
    };
    this.timer = this.clock.setTimeout(tick, every, idle);
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }
}
