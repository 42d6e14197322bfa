// core/events/stream/poller: the `kinesis` and `dynamodb` rows of the poller table (mappings/pollers.ts). A
// poller opens the mapping's stream (or table stream) and runs ParallelizationFactor lanes per shard
// (shardLane.ts); stop waits for the batches in flight.
import type { PollerContext, PollerHandle, PollerPlugin, PollerStats } from '../../mappings/pollerTypes';
import { ShardLane } from './shardLane';
import { dynamodbAdapter, kinesisAdapter, type StreamKindAdapter } from './streamRecords';

class StreamPoller implements PollerHandle {
  private readonly lanes: ShardLane[] = [];
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly ctx: PollerContext,
    private readonly adapter: StreamKindAdapter,
  ) {
    this.track(this.open());
  }

  private track(p: Promise<void>): void {
    const w = p.catch((e: unknown) => this.ctx.log.warn(`Event source mapping ${this.ctx.uuid}: a shard poller stopped: ${(e as Error).message}`));
    this.running.add(w);
    void w.finally(() => this.running.delete(w));
  }

  private async open(): Promise<void> {
    const arn = this.ctx.mapping.eventSourceArn;
    const opened = await this.ctx.source(arn).catch((e: unknown) => e);
    const source = this.adapter.sourceOf(opened);
    if (!source) {
      const why = opened instanceof Error ? opened.message : `it is not a local ${this.adapter.noun} (declare it in the template${this.adapter.kind === 'kinesis' ? ' as an AWS::Kinesis::Stream, or create it with CreateStream or `streams create`' : ' as an AWS::DynamoDB::Table with a StreamSpecification, or create it with `tables create --stream-view …`'})`;
      this.ctx.log.warn(`Event source mapping ${this.ctx.uuid}: the ${this.adapter.noun} ${arn} cannot be polled: ${why}.`);
      this.ctx.report({ records: 0, filtered: 0, failures: 0, outcome: 'failed', note: `PROBLEM: the ${this.adapter.noun} cannot be polled: ${why}` });
      return;
    }
    if (this.stopped) return;
    const n = Math.max(1, this.ctx.mapping.parallelizationFactor ?? 1);
    for (const shardId of source.shardIds()) {
      for (let lane = 0; lane < n; lane++) {
        const l = new ShardLane(this.ctx, this.adapter, source, shardId, lane, n);
        this.lanes.push(l);
        this.track(l.run());
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const l of this.lanes) l.stop();
    while (this.running.size) await Promise.all([...this.running]);
  }

  stats(): PollerStats {
    const now = this.ctx.clock.now();
    const arrivals = this.lanes.map((l) => l.lastArrival).filter((a): a is number => a !== undefined);
    return { inFlight: this.lanes.reduce((n, l) => n + l.inFlight, 0), iteratorAgeMs: arrivals.length ? Math.max(0, now - Math.min(...arrivals)) : undefined };
  }
}

export const kinesisPoller: PollerPlugin = { kind: 'kinesis', start: (ctx) => new StreamPoller(ctx, kinesisAdapter) };
export const dynamodbPoller: PollerPlugin = { kind: 'dynamodb', start: (ctx) => new StreamPoller(ctx, dynamodbAdapter) };
