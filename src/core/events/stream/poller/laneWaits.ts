// core/events/stream/poller: the waits of a shard lane on the engine clock — for new records (the source's
// onDidPut; a put between a read and the wait is not missed), for a timer, and for stop — so a lane never spins.
import type { Clock, TimerHandle } from '../../../common/clock';
import type { Disposable } from '../../../common/disposable';
import type { ShardSource } from '../shardSource';

export class LaneWaits {
  private dirty = false;
  private wake: (() => void) | undefined;
  private readonly sub: Disposable;
  stopped = false;

  constructor(
    private readonly clock: Clock,
    source: ShardSource,
  ) {
    this.sub = source.onDidPut(() => {
      this.dirty = true;
      this.wake?.();
    });
  }

  /** Call before reading: puts after this make the next `forRecords` return at once. */
  beforeRead(): void {
    this.dirty = false;
  }

  /** Until a record is put (since beforeRead), `ms` pass (if given), or stop. */
  forRecords(ms?: number): Promise<void> {
    if (this.dirty || this.stopped) return Promise.resolve();
    return this.until(ms, true);
  }

  /** Until `ms` pass or stop (retry backoff: new records do not end it). */
  sleep(ms: number): Promise<void> {
    return this.stopped ? Promise.resolve() : this.until(ms, false);
  }

  private until(ms: number | undefined, onPut: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: TimerHandle | undefined;
      const done = () => {
        timer?.cancel();
        this.wake = undefined;
        resolve();
      };
      if (ms !== undefined) timer = this.clock.setTimeout(done, Math.max(0, ms));
      this.wake = onPut ? done : () => (this.stopped ? done() : undefined);
    });
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
    void this.sub.dispose();
  }
}
