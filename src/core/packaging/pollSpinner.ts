// core/packaging: keeps the event loop turning while archiver writes a ZIP, so each zlib round trip to the
// thread pool is picked up at once instead of after the loop has gone to sleep in epoll and been woken again.
// archiver deflates one entry at a time, two round trips each; for small files those wake-ups cost more than
// the deflating (measured on the 5,202-file bench function: writeZipFile ~1000 ms sleeping, ~700 ms turning).
// Turning takes a core, which only pays while one is spare: on a saturated machine it slows the thread pool
// down instead. So it measures both ways as it goes (windows of entries) and keeps to the faster one.

/** Without progress for this long (a slow disk, a stalled source stream) it stops turning; progress restarts it. */
const IDLE_MS = 20;
/** Entries per measuring window. */
const WINDOW = 128;
/** Windows written the faster way before both ways are measured again. */
const KEEP_WINDOWS = 16;

type Phase = 'warm-up' | 'measure-turning' | 'measure-sleeping' | 'keep';

/** Turns the loop with setImmediate while progress() keeps being called (and turning is the faster way), until stop(). */
export class PollSpinner {
  private turning = false;
  private stopped = false;
  private last = 0;
  private wanted = true;
  private phase: Phase = 'warm-up';
  private inWindow = 0;
  private windowStart: number;
  private turningMs = 0;
  private kept = 0;

  /** `now`: the clock windows are measured with (tests pass their own). */
  constructor(private readonly now: () => number = () => performance.now()) {
    this.windowStart = now();
  }

  /** Something moved on (a chunk of output): keep turning, or start again. */
  progress(): void {
    this.last = this.now();
    if (this.turning || this.stopped || !this.wanted) return;
    this.turning = true;
    setImmediate(this.turn);
  }

  /** An entry is written: every WINDOW entries, the way of waiting is measured or chosen. */
  entryDone(): void {
    if (++this.inWindow < WINDOW) return;
    const now = this.now();
    const took = now - this.windowStart;
    this.windowStart = now;
    this.inWindow = 0;
    if (this.phase === 'measure-turning') this.turningMs = took;
    if (this.phase === 'measure-sleeping') {
      this.wanted = this.turningMs <= took;
      this.phase = 'keep';
      this.kept = 0;
      return;
    }
    if (this.phase === 'keep' && ++this.kept < KEEP_WINDOWS) return;
    // warm-up (its window holds the appending of entries) → measure turning → measure sleeping → keep
    this.phase = this.phase === 'measure-turning' ? 'measure-sleeping' : 'measure-turning';
    this.wanted = this.phase === 'measure-turning';
  }

  /** True while it turns the loop. */
  get isTurning(): boolean {
    return this.turning;
  }

  /** For good: nothing turns after this (idempotent). */
  stop(): void {
    this.stopped = true;
  }

  private readonly turn = (): void => {
    if (this.stopped || !this.wanted || this.now() - this.last > IDLE_MS) {
      this.turning = false;
      return;
    }
    setImmediate(this.turn);
  };
}
