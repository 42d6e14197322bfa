// core/events/stream/poller: one lane of one shard (§11.3/§11.4). A shard has ParallelizationFactor lanes; a
// record belongs to the lane its partition key hashes to, so each key keeps its order while lanes run at once.
// A lane reads after its checkpoint, gathers up to BatchSize records (waiting out MaximumBatchingWindowInSeconds),
// skips what FilterCriteria drops, invokes, and on error blocks, retrying the batch until it succeeds or
// MaximumRetryAttempts / MaximumRecordAgeInSeconds run out (BisectBatchOnFunctionError splits it without using
// retries; a partial batch response checkpoints before the lowest failed sequence number and retries from it);
// a discarded batch goes to DestinationConfig.OnFailure as a failure record (§10). With TumblingWindowInSeconds
// a batch never spans two windows, the function's `state` is carried to the next invoke of the window, and
// once the window has passed a final invoke (isFinalInvokeForWindow, no records) closes it.
import { createHash } from 'node:crypto';
import { readBatchResponse } from '../../mappings/batchResponse';
import type { InvokeOutcome, PollerContext } from '../../mappings/pollerTypes';
import type { ShardRecord, ShardSource } from '../shardSource';
import { LaneWaits } from './laneWaits';
import { failureRecord, windowTime, type StreamKindAdapter } from './streamRecords';

/** Batch payloads stay under Lambda's 6 MB invoke limit (with room for the envelope). */
const MAX_BATCH_BYTES = 5.5 * 1024 * 1024;
/** Backoff between retries of a failed batch (local choice; Lambda does not document its delays). */
const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 30_000;
/** Tumbling-window state above this ends the window early (§11.3). */
const MAX_STATE_BYTES = 1024 * 1024;

export function laneOf(partitionKey: string, lanes: number): number {
  return lanes <= 1 ? 0 : createHash('md5').update(partitionKey).digest().readUInt32BE(0) % lanes;
}

interface Item {
  r: ShardRecord;
  event: Record<string, unknown>;
}

interface Part {
  items: Item[];
  attempts: number;
  invokes: number;
}

export class ShardLane {
  private position = -1;
  private window: { start: number; end: number; state: unknown; tooBig?: boolean } | undefined;
  private firstSeenAt: number | undefined;
  private readonly waits: LaneWaits;
  inFlight = 0;
  lastArrival: number | undefined;

  constructor(
    private readonly ctx: PollerContext,
    private readonly adapter: StreamKindAdapter,
    private readonly source: ShardSource,
    readonly shardId: string,
    private readonly lane: number,
    private readonly lanes: number,
  ) {
    this.waits = new LaneWaits(ctx.clock, source);
  }

  private get key(): string {
    return this.lanes === 1 ? this.shardId : `${this.shardId}#${this.lane}`;
  }

  private get m() {
    return this.ctx.mapping;
  }

  stop(): void {
    this.waits.stop();
  }

  private get stopped(): boolean {
    return this.waits.stopped;
  }

  async run(): Promise<void> {
    await this.start();
    while (!this.stopped) {
      const next = await this.gather();
      if (!next) continue;
      if (next.final) await this.finalInvoke();
      else await this.process(next.records, next.upTo);
    }
  }

  /** The checkpoint, or (first run) StartingPosition; stored at once so a restart resumes from the same place. */
  private async start(): Promise<void> {
    const cp = this.source.checkpoints;
    const stored = cp.get(this.ctx.uuid, this.key) ?? (cp.matching(this.ctx.uuid, this.shardId).length ? Math.min(...cp.matching(this.ctx.uuid, this.shardId)) : undefined);
    this.position = stored ?? this.source.startPosition(this.shardId, this.m.startingPosition ?? 'LATEST', this.m.startingPositionTimestamp === undefined ? undefined : this.m.startingPositionTimestamp * 1000);
    if (stored === undefined || cp.get(this.ctx.uuid, this.key) === undefined) await cp.set(this.ctx.uuid, this.key, this.position);
  }

  private async checkpoint(n: number): Promise<void> {
    if (n <= this.position) return;
    this.position = n;
    await this.source.checkpoints.set(this.ctx.uuid, this.key, n);
  }

  private windowOf(r: ShardRecord): number {
    const w = (this.m.tumblingWindowInSeconds ?? 0) * 1000;
    return Math.floor(r.arrival / w) * w;
  }

  /** This lane's records after the checkpoint: up to `limit` (and the payload limit), and how far it looked. */
  private scan(limit: number): { records: ShardRecord[]; upTo: number } {
    let cursor = this.position;
    const out: ShardRecord[] = [];
    let bytes = 0;
    const tumbling = (this.m.tumblingWindowInSeconds ?? 0) > 0;
    for (;;) {
      const chunk = this.source.readAfter(this.shardId, cursor, 1000);
      if (!chunk.length) return { records: out, upTo: cursor };
      for (const r of chunk) {
        if (laneOf(r.partitionKey, this.lanes) === this.lane) {
          if (out.length && (bytes + r.size > MAX_BATCH_BYTES || (tumbling && this.windowOf(r) !== this.windowOf(out[0])))) return { records: out, upTo: cursor };
          out.push(r);
          bytes += r.size;
        }
        cursor = r.n;
        if (out.length >= limit) return { records: out, upTo: cursor };
      }
    }
  }

  /** The next batch (or the window's final invoke); undefined when it waited and should look again. */
  private async gather(): Promise<{ final: true } | { final?: false; records: ShardRecord[]; upTo: number } | undefined> {
    this.waits.beforeRead();
    const now = this.ctx.clock.now();
    const { records, upTo } = this.scan(this.m.batchSize);
    if (this.window?.tooBig) return { final: true };
    if (this.window && now >= this.window.end && (!records.length || this.windowOf(records[0]) !== this.window.start)) return { final: true };
    if (this.window && records.length && this.windowOf(records[0]) !== this.window.start) {
      // Records of a later window while this one has not ended on the clock yet: wait for its end.
      await this.waits.sleep(this.window.end - now);
      return undefined;
    }
    if (!records.length) {
      if (upTo > this.position) await this.checkpoint(upTo);
      await this.waits.forRecords(this.window ? this.window.end - now : undefined);
      return undefined;
    }
    const windowMs = this.m.maximumBatchingWindowInSeconds * 1000;
    if (windowMs > 0 && records.length < this.m.batchSize) {
      this.firstSeenAt ??= now;
      if (now - this.firstSeenAt < windowMs) {
        await this.waits.forRecords(this.firstSeenAt + windowMs - now);
        return undefined;
      }
    }
    this.firstSeenAt = undefined;
    return { records, upTo };
  }

  private payload(items: readonly Item[], final = false): string {
    const Records = items.map((i) => i.event);
    if (!this.window) return JSON.stringify({ Records });
    const early = final && this.window.tooBig === true;
    return JSON.stringify({ Records, window: { start: windowTime(this.window.start), end: windowTime(this.window.end) }, state: this.window.state ?? {}, shardId: this.shardId, eventSourceARN: this.source.arn, isFinalInvokeForWindow: final, isWindowTerminatedEarly: early });
  }

  private async invoke(payload: string): Promise<InvokeOutcome> {
    this.inFlight++;
    try {
      return await this.ctx.invoke(payload);
    } finally {
      this.inFlight--;
    }
  }

  private backoff(attempt: number): number {
    return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1), RETRY_MAX_MS);
  }

  private async process(records: ShardRecord[], upTo: number): Promise<void> {
    const c = { region: this.ctx.region, accountId: this.ctx.accountId, functionName: this.m.functionName };
    const all = records.map((r) => ({ r, event: this.adapter.record(this.source, r, this.shardId, c) }));
    const kept = this.ctx.filter ? all.filter((i) => this.ctx.filter!(i.event)) : all;
    const filtered = all.length - kept.length;
    this.lastArrival = records[records.length - 1].arrival;
    if (!kept.length) {
      this.ctx.report({ records: 0, filtered, failures: 0, outcome: 'filtered' });
      await this.checkpoint(upTo);
      return;
    }
    if ((this.m.tumblingWindowInSeconds ?? 0) > 0 && !this.window) {
      const start = this.windowOf(kept[0].r);
      this.window = { start, end: start + (this.m.tumblingWindowInSeconds ?? 0) * 1000, state: {} };
    }
    const queue: Part[] = [{ items: kept, attempts: 0, invokes: 0 }];
    let reportedFiltered = filtered;
    while (queue.length && !this.stopped) {
      const part = queue[0];
      const maxAge = this.m.maximumRecordAgeInSeconds ?? -1;
      if (maxAge >= 0 && this.ctx.clock.now() - part.items[0].r.arrival > maxAge * 1000) {
        await this.discard(part, 'RecordAgeExceeded', undefined, undefined);
        queue.shift();
        continue;
      }
      const outcome = await this.invoke(this.payload(part.items));
      part.invokes++;
      const report = { records: part.items.length, filtered: reportedFiltered, attempt: part.attempts, requestId: 'requestId' in outcome ? outcome.requestId : undefined };
      reportedFiltered = 0;
      if (outcome.kind === 'throttled' || outcome.kind === 'failed') {
        this.ctx.report({ ...report, failures: part.items.length, outcome: outcome.kind, note: outcome.message });
        await this.waits.sleep(this.backoff(part.invokes));
        continue;
      }
      let failedFrom = outcome.kind === 'functionError' ? 0 : -1;
      let note: string | undefined;
      if (outcome.kind === 'success') {
        this.keepState(outcome.payload);
        if (this.m.functionResponseTypes.includes('ReportBatchItemFailures')) {
          const seqs = part.items.map((i) => i.r.sequenceNumber);
          const v = readBatchResponse(outcome.payload, seqs);
          if (v.kind === 'allFailed') {
            failedFrom = 0;
            note = `the partial batch response counts as a complete failure: ${v.reason}`;
          } else if (v.kind === 'someFailed') failedFrom = Math.min(...v.failed.map((id) => seqs.indexOf(id)));
        }
      }
      if (failedFrom < 0) {
        this.ctx.report({ ...report, failures: 0, outcome: 'success' });
        await this.checkpoint(queue.length === 1 ? upTo : part.items[part.items.length - 1].r.n);
        queue.shift();
        continue;
      }
      this.ctx.report({ ...report, failures: part.items.length - failedFrom, outcome: outcome.kind, note });
      if (failedFrom > 0) {
        // §11.3: checkpoint before the lowest failed sequence number; retry from there.
        await this.checkpoint(part.items[failedFrom - 1].r.n);
        part.items = part.items.slice(failedFrom);
      } else if (this.m.bisectBatchOnFunctionError && part.items.length > 1) {
        const half = Math.ceil(part.items.length / 2);
        queue.splice(0, 1, { items: part.items.slice(0, half), attempts: part.attempts, invokes: part.invokes }, { items: part.items.slice(half), attempts: part.attempts, invokes: 0 });
        continue;
      }
      part.attempts++;
      const maxRetries = this.m.maximumRetryAttempts ?? -1;
      if (maxRetries >= 0 && part.attempts > maxRetries) {
        await this.discard(part, 'RetryAttemptsExhausted', outcome.requestId, outcome.kind === 'functionError' ? 'Unhandled' : undefined);
        queue.shift();
        continue;
      }
      await this.waits.sleep(this.backoff(part.attempts));
    }
    if (!this.stopped) await this.checkpoint(upTo);
  }

  private keepState(payload: Buffer): void {
    if (!this.window) return;
    try {
      const v = JSON.parse(payload.toString('utf8')) as { state?: unknown } | null;
      if (v && typeof v === 'object' && 'state' in v) {
        this.window.state = v.state;
        // §11.3: state over 1 MB (per shard) ends the window early.
        this.window.tooBig = Buffer.byteLength(JSON.stringify(v.state ?? {})) > MAX_STATE_BYTES;
      }
    } catch {
      // Not JSON: the state stays as it was.
    }
  }

  /** A batch given up: its failure record to the on-failure destination (§10), then past it. */
  private async discard(part: Part, condition: 'RetryAttemptsExhausted' | 'RecordAgeExceeded', requestId: string | undefined, functionError: string | undefined): Promise<void> {
    const records = part.items.map((i) => i.r);
    const dest = this.m.onFailureDestination;
    let note = `batch of ${records.length} discarded (${condition})`;
    if (dest) {
      const executedVersion = this.m.qualifier && /^\d+$/.test(this.m.qualifier) ? this.m.qualifier : '$LATEST';
      const rec = failureRecord(this.adapter, { requestId, functionArn: this.ctx.functionArn, condition, approximateInvokeCount: part.invokes, response: part.invokes ? { executedVersion, functionError } : undefined, now: this.ctx.clock.now(), shardId: this.shardId, streamArn: this.source.arn, records });
      try {
        await this.ctx.sendFailure(dest, rec);
        note += `; failure record sent to ${dest}`;
      } catch (e) {
        note += `; the failure record could not be sent to ${dest}: ${(e as Error).message}`;
        this.ctx.log.warn(`Event source mapping ${this.ctx.uuid}: ${note}`);
      }
    }
    this.ctx.report({ records: records.length, filtered: 0, failures: records.length, outcome: 'functionError', attempt: part.attempts, requestId, note });
    await this.checkpoint(records[records.length - 1].n);
  }

  /** Closes the tumbling window: one invoke with its state, isFinalInvokeForWindow, no records. */
  private async finalInvoke(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      const outcome = await this.invoke(this.payload([], true));
      this.ctx.report({ records: 0, filtered: 0, failures: 0, outcome: outcome.kind, requestId: 'requestId' in outcome ? outcome.requestId : undefined, note: 'final invoke of the tumbling window' });
      const max = this.m.maximumRetryAttempts ?? -1;
      if (outcome.kind === 'success' || (max >= 0 && attempt >= max)) break;
      await this.waits.sleep(this.backoff(attempt + 1));
    }
    this.window = undefined;
  }
}
