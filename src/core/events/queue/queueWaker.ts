// core/events/queue: when a queue's messages may have become receivable — a send, a delay or visibility
// timeout running out, a message made visible again — for long polls waiting on it and for pollers listening
// (onDidBecomeAvailable). One engine-clock timer, at the next time a hidden message becomes visible, armed only
// while someone waits or listens.
import type { Clock, TimerHandle } from '../../common/clock';
import { Emitter, type Event } from '../../common/events';

export class QueueWaker {
  private readonly waiters = new Set<() => void>();
  private readonly available = new Emitter<void>();
  private timer: { at: number; handle: TimerHandle } | undefined;
  private closed = false;

  /**
   * @param nextVisibleAt the earliest engine-clock time after `now` at which a hidden message becomes visible
   */
  constructor(
    private readonly clock: Clock,
    private readonly nextVisibleAt: (now: number) => number | undefined,
  ) {}

  readonly event: Event<void> = (listener) => {
    const d = this.available.event(listener);
    this.arm();
    return d;
  };

  /** Resolves when notified, or after `ms` of engine time. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.waiters.delete(done);
        timer.cancel();
        resolve();
      };
      const timer = this.clock.setTimeout(done, ms, true);
      this.waiters.add(done);
      this.arm();
    });
  }

  /** Messages may be receivable now: wake the waiters, tell the listeners. */
  notify(): void {
    for (const w of [...this.waiters]) w();
    this.available.fire();
  }

  /** (Re)arms the timer for the next hidden message, if anyone waits or listens. */
  arm(): void {
    if (this.closed || (!this.waiters.size && !this.available.hasListeners)) return;
    const now = this.clock.now();
    const next = this.nextVisibleAt(now);
    if (next === undefined || (this.timer && this.timer.at <= next && this.timer.at > now)) return;
    this.timer?.handle.cancel();
    this.timer = {
      at: next,
      handle: this.clock.setTimeout(() => {
        this.timer = undefined;
        this.notify();
        this.arm();
      }, next - now, true),
    };
  }

  /** Ends every wait and listens no more. */
  close(): void {
    this.closed = true;
    this.timer?.handle.cancel();
    this.notify();
    this.available.dispose();
  }
}
