// core/packaging: lets long synchronous file work (walks, hashing, staging) give the event loop a turn every
// few milliseconds, so an engine's warm invokes and Runtime API servers keep answering during a build.

/** How long synchronous work may run before yielding. */
const SLICE_MS = 8;

export class TimeSlicer {
  private since = performance.now();

  /**
   * `background`: work nobody waits for — it yields through an unref'd timer, so it never keeps a process
   * (a one-shot CLI run) alive; left unfinished, what it made is swept as a dead process's temp files.
   */
  constructor(private readonly background = false) {}

  /** Resolves at once while the slice lasts; after it, on a later turn of the event loop. */
  tick(): Promise<void> | undefined {
    if (performance.now() - this.since < SLICE_MS) return undefined;
    return new Promise<void>((resolve) => {
      const go = (): void => {
        this.since = performance.now();
        resolve();
      };
      if (this.background) setTimeout(go, 0).unref();
      else setImmediate(go);
    });
  }
}
