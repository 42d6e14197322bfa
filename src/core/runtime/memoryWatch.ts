// core/runtime: the resident-memory watch of a running environment: samples its process tree while init or
// an invocation runs and kills it over MemorySize, as Lambda's sandbox does (REPORT Runtime.OutOfMemory).
import type { Clock, TimerHandle } from '../common/clock';
import { Deferred } from '../common/deferred';
import type { RuntimeProcess } from './runtimeProcess';

export class MemoryWatch {
  private timer: TimerHandle | undefined;
  private killed: Deferred<void> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly limitKb: number,
    private readonly everyMs: number,
  ) {}

  /** Starts sampling `proc`; the promise resolves if it was killed for using too much memory. */
  start(proc: RuntimeProcess): Promise<void> {
    this.stop();
    const killed = (this.killed = new Deferred<void>());
    const tick = () => {
      if (!proc.isAlive) return;
      if (proc.sample() > this.limitKb) {
        proc.kill();
        killed.resolve();
        return;
      }
      this.timer = this.clock.setTimeout(tick, this.everyMs);
    };
    this.timer = this.clock.setTimeout(tick, this.everyMs);
    return killed.promise;
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }
}
