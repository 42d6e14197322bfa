// core/events/stream: a local Kinesis-like data stream, durable in a journal under the state directory. Shards own
// hash-key ranges (hashKeys.ts); PutRecord(s) resolve after the fsync, so an acknowledged record survives a
// kill -9; records older than the retention period disappear from reads. Readers are GetShardIterator /
// GetRecords (the Kinesis API row) and the stream poller (through ShardSource).
import { randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Emitter } from '../../common/events';
import { describeDamage, Journal } from '../../store/journal';
import type { MessageTarget, ResourceContext, StreamDecl } from '../resourceTypes';
import { counterOf, hashKeyOf, sequenceNumber, shardFor, shardIdOf, shardRanges, type ShardRange } from './hashKeys';
import { decodeIterator, encodeIterator, ITERATOR_TYPES, type IteratorType } from './shardIterators';
import { ShardCheckpoints } from './shardCheckpoints';
import type { ShardRecord, ShardSource } from './shardSource';
import { StreamError } from './streamErrors';

export interface StreamRecord extends ShardRecord {
  /** Base64 of the record's bytes. */
  data: string;
}

type StreamJournalRecord = { k: 'r'; n: number; s: number; p: string; d: string; t: number };

export interface PutRecordInput {
  Data: unknown;
  PartitionKey: unknown;
  ExplicitHashKey?: unknown;
}

const MAX_RECORD_BYTES = 1024 * 1024;

export class LocalStream implements MessageTarget, ShardSource<StreamRecord> {
  private readonly shards: StreamRecord[][];
  readonly ranges: ShardRange[];
  private counter = 0;
  private readonly emitter = new Emitter<void>();
  readonly onDidPut = this.emitter.event;

  private constructor(
    readonly decl: StreamDecl,
    private readonly journal: Journal<StreamJournalRecord>,
    private readonly ctx: ResourceContext,
    readonly checkpoints: ShardCheckpoints,
  ) {
    this.ranges = shardRanges(decl.shardCount);
    this.shards = this.ranges.map(() => []);
  }

  static async open(decl: StreamDecl, ctx: ResourceContext): Promise<LocalStream> {
    const file = join(ctx.dir, 'streams', `${decl.name}.journal`);
    const { journal, records } = await Journal.open<StreamJournalRecord>(file, (d) => ctx.warn(`Stream "${decl.name}": ${describeDamage(d)}; the records before it are kept, the damaged bytes are in ${d.file}.corrupt-${d.offset}.`));
    const checkpoints = await ShardCheckpoints.open(join(ctx.dir, 'streams', `${decl.name}.checkpoints`), ctx.warn);
    const s = new LocalStream(decl, journal, ctx, checkpoints);
    for (const r of records) s.insert(r);
    return s;
  }

  get arn(): string {
    return this.decl.arn;
  }

  get name(): string {
    return this.decl.name;
  }

  private insert(r: StreamJournalRecord): void {
    const shard = this.shards[Math.min(r.s, this.shards.length - 1)];
    const rec: StreamRecord = { n: r.n, sequenceNumber: sequenceNumber(r.n, r.s), arrival: r.t, partitionKey: r.p, data: r.d, size: Math.ceil((r.d.length * 3) / 4) + r.p.length };
    if (shard.length && shard[shard.length - 1].n > r.n) {
      shard.push(rec);
      shard.sort((a, b) => a.n - b.n);
    } else shard.push(rec);
    this.counter = Math.max(this.counter, r.n + 1);
  }

  private get retentionMs(): number {
    return this.decl.retentionHours * 3_600_000;
  }

  /** Drops expired records from memory; true when any went. */
  private trim(): boolean {
    const oldest = this.ctx.clock.now() - this.retentionMs;
    let dropped = false;
    for (const shard of this.shards) {
      let i = 0;
      while (i < shard.length && shard[i].arrival < oldest) i++;
      if (i) {
        shard.splice(0, i);
        dropped = true;
      }
    }
    return dropped;
  }

  private validate(input: PutRecordInput, where: string): { data: string; partitionKey: string; shard: number } {
    const pk = input.PartitionKey;
    if (typeof pk !== 'string' || pk.length < 1 || pk.length > 256) throw new StreamError('ValidationException', `${where}: PartitionKey must be a string of 1 to 256 characters.`);
    let data: string;
    if (typeof input.Data === 'string') data = input.Data;
    else if (input.Data instanceof Uint8Array) data = Buffer.from(input.Data).toString('base64');
    else throw new StreamError('ValidationException', `${where}: Data must be base64-encoded bytes.`);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw new StreamError('ValidationException', `${where}: Data is not valid base64.`);
    if (Buffer.from(data, 'base64').length + Buffer.byteLength(pk) > MAX_RECORD_BYTES) throw new StreamError('ValidationException', `${where}: the record (data plus partition key) is larger than 1 MiB.`);
    const explicit = input.ExplicitHashKey === undefined || input.ExplicitHashKey === null ? undefined : String(input.ExplicitHashKey);
    return { data, partitionKey: pk, shard: shardFor(this.ranges, hashKeyOf(pk, explicit)) };
  }

  /** PutRecords: all validated first (a bad one refuses the call, nothing stored), then stored in one fsync. */
  async putRecords(inputs: readonly PutRecordInput[]): Promise<{ ShardId: string; SequenceNumber: string }[]> {
    if (!inputs.length || inputs.length > 500) throw new StreamError('ValidationException', `Records must hold 1 to 500 records (got ${inputs.length}).`);
    const checked = inputs.map((r, i) => this.validate(r, `Records[${i}]`));
    const total = checked.reduce((n, c) => n + Math.ceil((c.data.length * 3) / 4) + c.partitionKey.length, 0);
    if (total > 5 * 1024 * 1024) throw new StreamError('InvalidArgumentException', `The records together are larger than 5 MiB (${total} bytes).`);
    const now = this.ctx.clock.now();
    const rows: StreamJournalRecord[] = checked.map((c) => ({ k: 'r', n: this.counter++, s: c.shard, p: c.partitionKey, d: c.data, t: now }));
    await this.journal.append(...rows);
    for (const r of rows) this.insert(r);
    this.emitter.fire();
    if (this.journal.lines > 500 && this.trim() && this.journal.lines > 2 * this.liveCount()) await this.journal.compact(() => this.snapshot());
    return rows.map((r) => ({ ShardId: shardIdOf(r.s), SequenceNumber: sequenceNumber(r.n, r.s) }));
  }

  async putRecord(input: PutRecordInput): Promise<{ ShardId: string; SequenceNumber: string }> {
    const [out] = await this.putRecords([input]);
    return out;
  }

  /** As a message target: one record, the body its data, a random partition key. */
  async send(body: string): Promise<{ messageId: string }> {
    const r = await this.putRecord({ Data: Buffer.from(body).toString('base64'), PartitionKey: randomUUID() });
    return { messageId: r.SequenceNumber };
  }

  private liveCount(): number {
    return this.shards.reduce((n, s) => n + s.length, 0);
  }

  private snapshot(): StreamJournalRecord[] {
    return this.shards.flatMap((shard, s) => shard.map((r): StreamJournalRecord => ({ k: 'r', n: r.n, s, p: r.partitionKey, d: r.data, t: r.arrival }))).sort((a, b) => a.n - b.n);
  }

  shardIds(): string[] {
    return this.ranges.map((r) => r.shardId);
  }

  private shardIndex(shardId: unknown): number {
    const i = this.ranges.findIndex((r) => r.shardId === shardId);
    if (i < 0) throw new StreamError('ResourceNotFoundException', `Shard ${String(shardId)} in stream ${this.name} under account ${this.ctx.accountId} does not exist.`);
    return i;
  }

  readAfter(shardId: string, after: number, limit: number): StreamRecord[] {
    this.trim();
    const shard = this.shards[this.shardIndex(shardId)];
    let lo = 0;
    let hi = shard.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (shard[mid].n <= after) lo = mid + 1;
      else hi = mid;
    }
    return shard.slice(lo, lo + limit);
  }

  startPosition(shardId: string, start: 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP', timestamp?: number): number {
    const shard = this.shards[this.shardIndex(shardId)];
    if (start === 'TRIM_HORIZON') return -1;
    if (start === 'LATEST') return this.counter - 1;
    const first = shard.find((r) => r.arrival >= (timestamp ?? 0));
    return first ? first.n - 1 : this.counter - 1;
  }

  /** GetShardIterator. */
  shardIterator(input: { ShardId?: unknown; ShardIteratorType?: unknown; StartingSequenceNumber?: unknown; Timestamp?: unknown }): string {
    const i = this.shardIndex(input.ShardId);
    const type = input.ShardIteratorType as IteratorType;
    if (!ITERATOR_TYPES.includes(type)) throw new StreamError('ValidationException', `ShardIteratorType must be one of ${ITERATOR_TYPES.join(', ')} (got ${String(input.ShardIteratorType)}).`);
    let after: number;
    if (type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER') {
      const seq = String(input.StartingSequenceNumber ?? '');
      const n = counterOf(seq);
      if (n === undefined || seq.slice(46) !== String(i).padStart(10, '0')) throw new StreamError('InvalidArgumentException', `StartingSequenceNumber ${seq || '(none)'} used in GetShardIterator on shard ${shardIdOf(i)} in stream ${this.name} is invalid because it did not come from this stream.`);
      after = type === 'AT_SEQUENCE_NUMBER' ? n - 1 : n;
    } else if (type === 'AT_TIMESTAMP') {
      const ts = typeof input.Timestamp === 'number' ? input.Timestamp * 1000 : Date.parse(String(input.Timestamp));
      if (!Number.isFinite(ts)) throw new StreamError('InvalidArgumentException', 'AT_TIMESTAMP needs Timestamp (epoch seconds or an ISO date).');
      after = this.startPosition(shardIdOf(i), 'AT_TIMESTAMP', ts);
    } else after = this.startPosition(shardIdOf(i), type);
    return encodeIterator(this.arn, shardIdOf(i), after, this.ctx.clock.now());
  }

  /** GetRecords. */
  getRecords(iterator: unknown, limit = 10_000): { records: StreamRecord[]; next: string; millisBehindLatest: number } {
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new StreamError('ValidationException', `Limit must be between 1 and 10000 (got ${limit}).`);
    const now = this.ctx.clock.now();
    const it = decodeIterator(iterator, now);
    if (it.streamArn !== this.arn) throw new StreamError('InvalidArgumentException', `The shard iterator belongs to ${it.streamArn}, not to stream ${this.name}.`);
    const records = this.readAfter(it.shardId, it.after, limit);
    const last = records.length ? records[records.length - 1].n : it.after;
    const [behind] = this.readAfter(it.shardId, last, 1);
    return { records, next: encodeIterator(this.arn, it.shardId, last, now), millisBehindLatest: behind ? Math.max(0, now - behind.arrival) : 0 };
  }

  /** For DescribeStream / ListShards / the CLI. */
  describe(): { records: number; openShards: number; createdAt: number } {
    this.trim();
    return { records: this.liveCount(), openShards: this.ranges.length, createdAt: this.decl.createdAt ?? 0 };
  }

  async close(): Promise<void> {
    this.emitter.dispose();
    await this.journal.close();
    await this.checkpoints.close();
  }

  /** DeleteStream: closes the journal and removes it. */
  async destroy(): Promise<void> {
    await this.close();
    await unlink(this.journal.file).catch(() => undefined);
    await this.checkpoints.destroy();
  }
}
