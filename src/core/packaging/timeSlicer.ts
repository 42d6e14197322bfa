// core/packaging: lets long synchronous file work (walks, hashing, staging) give the event loop a turn every
// few milliseconds, so an engine's warm invokes and Runtime API servers keep answering during a build.

/** How long synchronous work may run before yielding. */
const SLICE_MS = 8;

export class TimeSlicer {
  private since = performance.now();

  /** Resolves at once while the slice lasts; after it, on the next turn of the event loop. */
  tick(): Promise<void> | undefined {
    if (performance.now() - this.since < SLICE_MS) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        this.since = performance.now();
        resolve();
      }),
    );
  }
}
