// core/events/stream: the service's streams and tables surface (`service.streams`): create, list and feed the
// local Kinesis-like streams, and the local tables whose item changes feed table streams. A thin front over the
// local resources (eventResources.ts) for the Kinesis API row, the CLI and VS Code.
import { WorkbenchError } from '../../common/errors';
import type { EventResources } from '../eventResources';
import type { StreamDecl, StreamViewType, TableDecl } from '../resourceTypes';
import { LocalTable, type Item } from '../table/localTable';
import { LocalStream } from './localStream';
import { StreamError } from './streamErrors';

export interface StreamInfo {
  name: string;
  arn: string;
  shards: number;
  records: number;
  retentionHours: number;
}

export interface TableInfo {
  name: string;
  arn: string;
  keys: string[];
  items: number;
  streamArn?: string;
  streamViewType?: StreamViewType;
}

export class StreamsFacade {
  constructor(
    private readonly resources: () => Promise<EventResources>,
    private readonly where: { region: string; accountId: string; now(): number },
  ) {}

  /** A stream by name, logical id or ARN; ResourceNotFoundException naming the known ones otherwise. */
  async stream(nameOrArn: string): Promise<LocalStream> {
    const res = await this.resources();
    const d = await res.find('stream', nameOrArn.replace(/^arn:aws[\w-]*:kinesis:[^:]*:\d*:stream\//, ''));
    const s = d && (await res.target(d.arn));
    if (s instanceof LocalStream) return s;
    const known = (await res.ofKind('stream')).map((x) => (x as LocalStream).name);
    throw new StreamError('ResourceNotFoundException', `Stream ${nameOrArn} under account ${this.where.accountId} not found. Local streams: ${known.join(', ') || '(none; declare an AWS::Kinesis::Stream or create one with `streams create`)'}.`);
  }

  async streams(): Promise<LocalStream[]> {
    return (await (await this.resources()).ofKind('stream')).filter((s): s is LocalStream => s instanceof LocalStream);
  }

  async list(): Promise<StreamInfo[]> {
    return (await this.streams()).map((s) => ({ name: s.name, arn: s.arn, shards: s.decl.shardCount, records: s.describe().records, retentionHours: s.decl.retentionHours }));
  }

  /** CreateStream: durable when this resolves; ResourceInUseException when the name is taken. */
  async create(name: string, shardCount = 1, retentionHours = 24): Promise<LocalStream> {
    if (!/^[a-zA-Z0-9_.-]{1,128}$/.test(name)) throw new StreamError('ValidationException', `Stream name "${name}" must be 1 to 128 letters, digits, "_", "." or "-".`);
    if (!Number.isInteger(shardCount) || shardCount < 1 || shardCount > 500) throw new StreamError('InvalidArgumentException', `ShardCount must be an integer from 1 to 500 (got ${shardCount}).`);
    const res = await this.resources();
    if (await res.find('stream', name)) throw new StreamError('ResourceInUseException', `Stream ${name} under account ${this.where.accountId} already exists.`);
    const decl: StreamDecl = { kind: 'stream', name, arn: `arn:aws:kinesis:${this.where.region}:${this.where.accountId}:stream/${name}`, shardCount, retentionHours, createdAt: this.where.now() };
    await res.create(decl);
    return this.stream(name);
  }

  async delete(nameOrArn: string): Promise<void> {
    const s = await this.stream(nameOrArn);
    await (await this.resources()).remove(s.arn);
  }

  /** PutRecord from the CLI or VS Code: `data` is the record's text (UTF-8). */
  async put(nameOrArn: string, data: string | Buffer, partitionKey: string, explicitHashKey?: string): Promise<{ ShardId: string; SequenceNumber: string }> {
    return (await this.stream(nameOrArn)).putRecord({ Data: Buffer.from(data).toString('base64'), PartitionKey: partitionKey, ExplicitHashKey: explicitHashKey });
  }

  /** A table by name, logical id, table ARN or stream ARN. */
  async table(nameOrArn: string): Promise<LocalTable> {
    const res = await this.resources();
    const d = await res.find('table', nameOrArn.replace(/^arn:aws[\w-]*:dynamodb:[^:]*:\d*:table\/([^/]+)$/, '$1'));
    const t = d && (await res.target(d.arn));
    if (t instanceof LocalTable) return t;
    const known = (await this.tables()).map((x) => x.name);
    throw new WorkbenchError('RESOURCE_NOT_FOUND', `Table not found: "${nameOrArn}". Local tables: ${known.join(', ') || '(none; declare an AWS::DynamoDB::Table or create one with `tables create`)'}.`);
  }

  async tables(): Promise<LocalTable[]> {
    return (await (await this.resources()).ofKind('table')).filter((t): t is LocalTable => t instanceof LocalTable);
  }

  async listTables(): Promise<TableInfo[]> {
    return (await this.tables()).map((t) => ({ name: t.name, arn: t.decl.arn, keys: t.decl.keys.map((k) => k.name), items: t.itemCount(), streamArn: t.decl.streamArn, streamViewType: t.decl.streamViewType }));
  }

  /** A table made outside the template (CLI): a hash key (and range key), with a stream when a view type is given. */
  async createTable(name: string, keys: TableDecl['keys'], streamViewType?: StreamViewType): Promise<LocalTable> {
    if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(name)) throw new StreamError('ValidationException', `Table name "${name}" must be 3 to 255 letters, digits, "_", "." or "-".`);
    const res = await this.resources();
    if (await res.find('table', name)) throw new StreamError('ResourceInUseException', `Table already exists: ${name}.`);
    const now = this.where.now();
    const arn = `arn:aws:dynamodb:${this.where.region}:${this.where.accountId}:table/${name}`;
    const decl: TableDecl = { kind: 'table', name, arn, keys, createdAt: now, ...(streamViewType ? { streamViewType, streamArn: `${arn}/stream/${new Date(now).toISOString().replace('Z', '')}` } : {}) };
    await res.create(decl);
    return this.table(name);
  }

  async putItem(table: string, item: unknown): ReturnType<LocalTable['putItem']> {
    return (await this.table(table)).putItem(item);
  }

  async deleteItem(table: string, key: unknown): ReturnType<LocalTable['deleteItem']> {
    return (await this.table(table)).deleteItem(key);
  }

  async getItem(table: string, key: unknown): Promise<Item | undefined> {
    return (await this.table(table)).getItem(key);
  }
}
