// core/events/table: a local table — a minimal item store keyed by the table's KeySchema (no query engine) — and,
// when it has a StreamSpecification, its DynamoDB-Streams-like stream (§11.4): put-item makes INSERT or MODIFY
// (nothing when the item is unchanged, like DynamoDB), delete-item REMOVE, each with Keys / NewImage / OldImage
// per StreamViewType. Journalled and fsynced before a change is acknowledged; stream records live 24 hours.
// The stream is one shard, read by the stream poller through ShardSource.
import { createHash } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Emitter } from '../../common/events';
import { describeDamage, Journal } from '../../store/journal';
import type { MessageTarget, ResourceContext, StreamViewType, TableDecl } from '../resourceTypes';
import { ShardCheckpoints } from '../stream/shardCheckpoints';
import type { ShardRecord, ShardSource } from '../stream/shardSource';
import { StreamError } from '../stream/streamErrors';
import { itemSize, toItem, type AttributeValue, type Item } from './dynamoJson';

const RETENTION_MS = 24 * 3_600_000;

export type ChangeName = 'INSERT' | 'MODIFY' | 'REMOVE';

export interface TableStreamRecord extends ShardRecord {
  eventID: string;
  eventName: ChangeName;
  keys: Item;
  newImage?: Item;
  oldImage?: Item;
}

type TableJournalRecord = { k: 'c'; n: number; e: ChangeName; key: Item; new?: Item; old?: Item; t: number } | { k: 's'; upTo: number; items: Item[] };

function sameItem(a: Item, b: Item): boolean {
  const norm = (i: Item) => JSON.stringify(Object.keys(i).sort().map((k) => [k, i[k]]));
  return norm(a) === norm(b);
}

export class LocalTable implements MessageTarget, ShardSource<TableStreamRecord> {
  private readonly items = new Map<string, Item>();
  private readonly records: TableStreamRecord[] = [];
  private counter = 0;
  private readonly emitter = new Emitter<void>();
  readonly onDidPut = this.emitter.event;
  readonly shardId: string;

  private constructor(
    readonly decl: TableDecl,
    private readonly journal: Journal<TableJournalRecord>,
    private readonly ctx: ResourceContext,
    readonly checkpoints: ShardCheckpoints,
  ) {
    this.shardId = `shardId-${String(decl.createdAt ?? 1).padStart(20, '0')}-${createHash('md5').update(decl.arn).digest('hex').slice(0, 8)}`;
  }

  static async open(decl: TableDecl, ctx: ResourceContext): Promise<LocalTable> {
    const file = join(ctx.dir, 'tables', `${decl.name}.journal`);
    const { journal, records } = await Journal.open<TableJournalRecord>(file, (d) => ctx.warn(`Table "${decl.name}": ${describeDamage(d)}; the changes before it are kept, the damaged bytes are in ${d.file}.corrupt-${d.offset}.`));
    const checkpoints = await ShardCheckpoints.open(join(ctx.dir, 'tables', `${decl.name}.checkpoints`), ctx.warn);
    const t = new LocalTable(decl, journal, ctx, checkpoints);
    let upTo = -1;
    for (const r of records) {
      if (r.k === 's') {
        upTo = r.upTo;
        t.items.clear();
        for (const i of r.items) t.items.set(t.keyString(i), i);
        t.counter = Math.max(t.counter, r.upTo + 1);
      } else t.apply(r, r.n > upTo);
    }
    return t;
  }

  /** The table's stream ARN, or (without a stream) the table ARN. */
  get arn(): string {
    return this.decl.streamArn ?? this.decl.arn;
  }

  get name(): string {
    return this.decl.name;
  }

  get viewType(): StreamViewType | undefined {
    return this.decl.streamViewType;
  }

  /** The key attributes of an item (KeySchema order); a clear error when one is missing or not S/N/B. */
  keyOf(item: Item): Item {
    const out: Item = {};
    for (const k of this.decl.keys) {
      const v = item[k.name];
      const type = v ? Object.keys(v)[0] : undefined;
      if (!v || !['S', 'N', 'B'].includes(type!)) throw new StreamError('ValidationException', `One of the required keys was not given a value: table ${this.name} needs ${k.type === 'HASH' ? 'hash' : 'range'} key "${k.name}" as a string, number or binary (keys: ${this.decl.keys.map((x) => x.name).join(', ')}).`);
      out[k.name] = v;
    }
    return out;
  }

  private keyString(item: Item): string {
    return JSON.stringify(this.decl.keys.map((k) => item[k.name]));
  }

  private apply(r: Extract<TableJournalRecord, { k: 'c' }>, toItems = true): void {
    const ks = this.keyString(r.key);
    if (toItems) {
      if (r.e === 'REMOVE') this.items.delete(ks);
      else if (r.new) this.items.set(ks, r.new);
    }
    this.counter = Math.max(this.counter, r.n + 1);
    if (!this.decl.streamArn) return;
    const newImage = this.viewType === 'NEW_IMAGE' || this.viewType === 'NEW_AND_OLD_IMAGES' ? r.new : undefined;
    const oldImage = this.viewType === 'OLD_IMAGE' || this.viewType === 'NEW_AND_OLD_IMAGES' ? r.old : undefined;
    this.records.push({
      n: r.n,
      sequenceNumber: (10n ** 20n + BigInt(r.n)).toString(),
      arrival: r.t,
      partitionKey: ks,
      size: itemSize(r.key) + itemSize(newImage) + itemSize(oldImage),
      eventID: createHash('md5').update(`${this.arn}#${r.n}`).digest('hex'),
      eventName: r.e,
      keys: r.key,
      ...(newImage ? { newImage } : {}),
      ...(oldImage ? { oldImage } : {}),
    });
  }

  private async change(r: Extract<TableJournalRecord, { k: 'c' }>): Promise<void> {
    await this.journal.append(r);
    this.apply(r);
    this.emitter.fire();
    if (this.journal.lines > 1000 && this.journal.lines > 2 * (this.items.size + this.records.length)) {
      this.trim();
      await this.journal.compact(() => [{ k: 's', upTo: this.counter - 1, items: [...this.items.values()] }, ...this.records.map((x): TableJournalRecord => ({ k: 'c', n: x.n, e: x.eventName, key: x.keys, new: x.newImage, old: x.oldImage, t: x.arrival }))]);
    }
  }

  /** PutItem: INSERT or MODIFY on the stream (nothing when the item is unchanged). Durable when this resolves. */
  async putItem(input: unknown): Promise<{ eventName?: ChangeName; sequenceNumber?: string }> {
    const item = toItem(input);
    const key = this.keyOf(item);
    const old = this.items.get(this.keyString(item));
    if (old && sameItem(old, item)) return {};
    const r = { k: 'c' as const, n: this.counter++, e: old ? ('MODIFY' as const) : ('INSERT' as const), key, new: item, ...(old ? { old } : {}), t: this.ctx.clock.now() };
    await this.change(r);
    return { eventName: r.e, sequenceNumber: this.records.find((x) => x.n === r.n)?.sequenceNumber };
  }

  /** DeleteItem: REMOVE on the stream when the item existed. */
  async deleteItem(input: unknown): Promise<{ eventName?: ChangeName; sequenceNumber?: string }> {
    const key = this.keyOf(toItem(input));
    const old = this.items.get(this.keyString(key));
    if (!old) return {};
    const r = { k: 'c' as const, n: this.counter++, e: 'REMOVE' as const, key, old, t: this.ctx.clock.now() };
    await this.change(r);
    return { eventName: r.e, sequenceNumber: this.records.find((x) => x.n === r.n)?.sequenceNumber };
  }

  getItem(input: unknown): Item | undefined {
    return this.items.get(this.keyString(this.keyOf(toItem(input))));
  }

  itemCount(): number {
    return this.items.size;
  }

  /** As a message target: the body (a JSON item) is put. */
  async send(body: string): Promise<{ messageId: string }> {
    const r = await this.putItem(JSON.parse(body) as unknown);
    return { messageId: r.sequenceNumber ?? '' };
  }

  private trim(): void {
    const oldest = this.ctx.clock.now() - RETENTION_MS;
    let i = 0;
    while (i < this.records.length && this.records[i].arrival < oldest) i++;
    if (i) this.records.splice(0, i);
  }

  shardIds(): string[] {
    return this.decl.streamArn ? [this.shardId] : [];
  }

  readAfter(shardId: string, after: number, limit: number): TableStreamRecord[] {
    if (shardId !== this.shardId) throw new StreamError('ResourceNotFoundException', `Shard ${shardId} of table ${this.name}'s stream does not exist.`);
    this.trim();
    const i = this.records.findIndex((r) => r.n > after);
    return i < 0 ? [] : this.records.slice(i, i + limit);
  }

  startPosition(_shardId: string, start: 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP', timestamp?: number): number {
    if (start === 'TRIM_HORIZON') return -1;
    if (start === 'AT_TIMESTAMP') {
      const first = this.records.find((r) => r.arrival >= (timestamp ?? 0));
      if (first) return first.n - 1;
    }
    return this.counter - 1;
  }

  /** A stream record's `dynamodb` part, as Lambda delivers it (§11.4). */
  dynamodbOf(r: TableStreamRecord): Record<string, unknown> {
    const out: Record<string, unknown> = { ApproximateCreationDateTime: Math.floor(r.arrival / 1000), Keys: r.keys };
    if (r.newImage) out.NewImage = r.newImage;
    if (r.oldImage) out.OldImage = r.oldImage;
    return { ...out, SequenceNumber: r.sequenceNumber, SizeBytes: r.size, StreamViewType: this.viewType };
  }

  async close(): Promise<void> {
    this.emitter.dispose();
    await this.journal.close();
    await this.checkpoints.close();
  }

  async destroy(): Promise<void> {
    await this.close();
    await unlink(this.journal.file).catch(() => undefined);
    await this.checkpoints.destroy();
  }
}

export type { AttributeValue, Item };
