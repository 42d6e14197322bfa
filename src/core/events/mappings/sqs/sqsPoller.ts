// core/events/mappings/sqs: the SQS poller (lambda-semantics.md §11.2) — the `sqs` row of the poller table.
// Concurrent pollers each gather a batch (up to BatchSize; with MaximumBatchingWindowInSeconds, messages keep
// being gathered until the window since the first one ends), receive it with the effective visibility timeout,
// and run it (sqsBatch.ts). Scaling on the engine clock: 5 pollers at first, one more per 200 ms (300 a minute)
// while every poller is busy with full batches, up to ScalingConfig.MaximumConcurrency (else 1,250); pollers
// idle for a long-poll period (20 s) leave, down to 2. An empty queue is waited on (its onDidBecomeAvailable),
// never spun on.
import type { TimerHandle } from '../../../common/clock';
import { Deferred } from '../../../common/deferred';
import { LocalQueue, type QueueMessage } from '../../queue/localQueue';
import type { PollerContext, PollerHandle, PollerPlugin, PollerStats } from '../pollerTypes';
import { runSqsBatch } from './sqsBatch';

const INITIAL_POLLERS = 5;
const IDLE_POLLERS = 2;
const MAX_POLLERS = 1250;
/** +300 concurrent invokes per minute. */
const SCALE_UP_EVERY_MS = 60_000 / 300;
/** Long polling: how long an idle poller waits before it counts as idle. */
const LONG_POLL_MS = 20_000;

export const sqsPoller: PollerPlugin = { kind: 'sqs', start: (ctx) => new SqsPoller(ctx) };

class SqsPoller implements PollerHandle {
  private queue: LocalQueue | undefined;
  private readonly running = new Set<Promise<void>>();
  private readonly onStop = new Set<() => void>();
  private stopped = false;
  private workers = 0;
  private inFlight = 0;
  private lastScaleUp = -Infinity;
  private readonly cap: number;

  constructor(private readonly ctx: PollerContext) {
    this.cap = Math.min(ctx.mapping.maximumConcurrency ?? MAX_POLLERS, MAX_POLLERS);
    const opening = this.open();
    this.running.add(opening);
    void opening.finally(() => this.running.delete(opening));
  }

  private async open(): Promise<void> {
    const q = await this.ctx.source(this.ctx.mapping.eventSourceArn).catch((e: unknown) => e);
    if (!(q instanceof LocalQueue)) {
      const why = q instanceof Error ? q.message : 'it is not a local queue (declare an AWS::SQS::Queue in the template, or create it with CreateQueue)';
      this.ctx.log.warn(`Event source mapping ${this.ctx.uuid}: the queue ${this.ctx.mapping.eventSourceArn} cannot be polled: ${why}.`);
      this.ctx.report({ records: 0, filtered: 0, failures: 0, outcome: 'failed', note: `PROBLEM: the queue cannot be polled: ${why}` });
      return;
    }
    this.queue = q;
    this.lastScaleUp = this.ctx.clock.monotonic();
    for (let i = 0; i < Math.min(INITIAL_POLLERS, this.cap); i++) this.spawn();
  }

  private spawn(): void {
    if (this.stopped) return;
    this.workers++;
    // A poller that leaves when idle has already given up its place (work() returns true).
    const w = this.work().then(
      (left) => void (left || this.workers--),
      (e: unknown) => {
        this.workers--;
        this.ctx.log.warn(`Event source mapping ${this.ctx.uuid}: a poller stopped: ${(e as Error).message}`);
      },
    );
    this.running.add(w);
    void w.finally(() => this.running.delete(w));
  }

  /** Seconds a batch stays invisible: the queue's, unless window + function timeout exceed it (§11.2). */
  private visibilityTimeout(q: LocalQueue): number {
    const vt = q.decl.visibilityTimeout;
    const window = this.ctx.mapping.maximumBatchingWindowInSeconds;
    return window + this.ctx.functionTimeout > vt ? window + this.ctx.functionTimeout + 30 : vt;
  }

  /** One poller's loop; true when it left because the queue was idle (it has given up its place then). */
  private async work(): Promise<boolean> {
    const q = this.queue!;
    while (!this.stopped) {
      const batch = await this.gather(q);
      if (batch === 'idle') {
        if (this.workers <= IDLE_POLLERS) continue;
        this.workers--;
        return true;
      }
      if (!batch.length) continue;
      this.maybeScaleUp(batch.length);
      this.inFlight++;
      try {
        this.ctx.report(await runSqsBatch(this.ctx, q, batch));
      } finally {
        this.inFlight--;
      }
    }
    return false;
  }

  private maybeScaleUp(got: number): void {
    const now = this.ctx.clock.monotonic();
    if (got < this.ctx.mapping.batchSize || this.inFlight + 1 < this.workers || this.workers >= this.cap || now - this.lastScaleUp < SCALE_UP_EVERY_MS) return;
    this.lastScaleUp = now;
    this.spawn();
  }

  /** A batch: waits for the first message (or 'idle' after a long poll), then fills it for the batching window. */
  private async gather(q: LocalQueue): Promise<QueueMessage[] | 'idle'> {
    const size = this.ctx.mapping.batchSize;
    const vt = this.visibilityTimeout(q);
    let got: QueueMessage[] = [];
    while (!got.length) {
      if (this.stopped) return [];
      const wake = this.available(q, LONG_POLL_MS);
      got = await q.receive(size, vt, { waitTimeSeconds: 0 });
      if (got.length) {
        wake.cancel();
        break;
      }
      if ((await wake.promise) === 'timeout') return 'idle';
    }
    const windowMs = this.ctx.mapping.maximumBatchingWindowInSeconds * 1000;
    if (windowMs > 0) {
      const deadline = this.ctx.clock.monotonic() + windowMs;
      while (got.length < size && !this.stopped) {
        const left = deadline - this.ctx.clock.monotonic();
        if (left <= 0) break;
        const wake = this.available(q, left);
        const more = await q.receive(size - got.length, vt, { waitTimeSeconds: 0 });
        if (more.length) {
          wake.cancel();
          got = got.concat(more);
          continue;
        }
        if ((await wake.promise) !== 'available') break;
      }
    }
    return got;
  }

  /** Resolves 'available' when the queue may have messages, 'timeout' after `ms` of engine time, 'stopped' on stop. */
  private available(q: LocalQueue, ms: number): { promise: Promise<'available' | 'timeout' | 'stopped'>; cancel(): void } {
    const d = new Deferred<'available' | 'timeout' | 'stopped'>();
    const stop = () => done('stopped');
    const done = (v: 'available' | 'timeout' | 'stopped') => {
      void sub.dispose();
      timer.cancel();
      this.onStop.delete(stop);
      d.resolve(v);
    };
    this.onStop.add(stop);
    const sub = q.onDidBecomeAvailable(() => done('available'));
    const timer: TimerHandle = this.ctx.clock.setTimeout(() => done('timeout'), ms, true);
    return { promise: d.promise, cancel: () => done('stopped') };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of [...this.onStop]) s();
    while (this.running.size) await Promise.all([...this.running]);
  }

  stats(): PollerStats {
    return { inFlight: this.inFlight, concurrency: this.workers, queueDepth: this.queue?.stats().visible };
  }
}
