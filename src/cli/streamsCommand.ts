// cli: `lambda-workbench streams create|put|list` (local Kinesis-like streams) and `tables list|create|put-item|
// delete-item` (local tables whose item changes feed table streams). Streams go through the Kinesis operations —
// in this process's engine over the state directory or, with --endpoint-url, a running `start` engine over
// Kinesis's JSON protocol; tables likewise (a running engine through its DynamoDB item operations).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { WorkbenchError } from '../core/common/errors';
import { KINESIS_OPERATIONS } from '../core/api/awsServices/kinesis/kinesisOperations';
import type { StreamViewType } from '../core/events/resourceTypes';
import type { RemoteOptions } from './awsCallers';
import { serviceOptions } from './serviceOptions';
import { toItem } from '../core/events/table/dynamoJson';
import { withService, type CliContext } from './session';
import { printTable } from './table';

export interface StreamsCliOptions extends RemoteOptions {
  json?: boolean;
  shards?: string;
  partitionKey?: string;
  explicitHashKey?: string;
  file?: string;
}

type Kinesis = (op: string, input: Record<string, unknown>) => Promise<Record<string, any>>;

function remoteKinesis(endpoint: string): Kinesis {
  const url = endpoint.replace(/\/+$/, '');
  return async (op, input) => {
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `Kinesis_20131202.${op}` }, body: JSON.stringify(input) });
    } catch (e) {
      throw new WorkbenchError('INVALID_PARAMETER', `No Lambda Workbench engine answers at ${url} (${(e as Error).message}). Start one with "lambda-workbench start", or leave out --endpoint-url.`);
    }
    const body = (await res.json().catch(() => ({}))) as Record<string, any>;
    if (res.ok) return body;
    const name = String(body.__type ?? 'Error');
    throw new WorkbenchError(name === 'ResourceNotFoundException' ? 'RESOURCE_NOT_FOUND' : name === 'ResourceInUseException' ? 'RESOURCE_CONFLICT' : 'INVALID_PARAMETER', `${body.message ?? `HTTP ${res.status}`} (${name})`);
  };
}

async function withKinesis(opts: StreamsCliOptions, ctx: CliContext, work: (k: Kinesis) => Promise<void>): Promise<void> {
  if (opts.endpointUrl) return work(remoteKinesis(opts.endpointUrl));
  await withService(ctx, serviceOptions(opts), (service) => work((op, input) => KINESIS_OPERATIONS[op](service.streams, input)));
}

function whole(flag: string, v: string | undefined, min: number, max: number, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new WorkbenchError('INVALID_PARAMETER', `${flag} must be a whole number from ${min} to ${max}, got "${v}".`);
  return n;
}

const streamName = (s: string) => s.replace(/^arn:aws[\w-]*:kinesis:[^:]*:\d*:stream\//, '');

export async function streamsCreateCommand(name: string, opts: StreamsCliOptions, ctx: CliContext): Promise<void> {
  const shards = whole('--shards', opts.shards, 1, 500, 1);
  await withKinesis(opts, ctx, async (k) => {
    await k('CreateStream', { StreamName: name, ShardCount: shards });
    const d = await k('DescribeStreamSummary', { StreamName: name });
    ctx.io.out(`${d.StreamDescriptionSummary.StreamARN}\n`);
  });
}

export async function streamsPutCommand(stream: string, data: string | undefined, opts: StreamsCliOptions, ctx: CliContext): Promise<void> {
  const text = data ?? (opts.file ? await readFile(resolve(process.cwd(), opts.file)) : undefined);
  if (text === undefined) throw new WorkbenchError('INVALID_PARAMETER', 'Give the record data as an argument, or --file <path>.');
  const partitionKey = opts.partitionKey ?? 'default';
  await withKinesis(opts, ctx, async (k) => {
    const out = await k('PutRecord', { StreamName: streamName(stream), PartitionKey: partitionKey, ExplicitHashKey: opts.explicitHashKey, Data: Buffer.from(text).toString('base64') });
    ctx.io.out(JSON.stringify({ ShardId: out.ShardId, SequenceNumber: out.SequenceNumber }) + '\n');
  });
}

export async function streamsListCommand(opts: StreamsCliOptions, ctx: CliContext): Promise<void> {
  await withKinesis(opts, ctx, async (k) => {
    const names = ((await k('ListStreams', {})).StreamNames ?? []) as string[];
    const rows = [];
    for (const n of names) {
      const d = (await k('DescribeStreamSummary', { StreamName: n })).StreamDescriptionSummary;
      rows.push({ name: n, arn: d.StreamARN as string, shards: d.OpenShardCount as number, retentionHours: d.RetentionPeriodHours as number });
    }
    if (opts.json) return void ctx.io.out(JSON.stringify(rows, null, 2) + '\n');
    if (!rows.length) return void ctx.io.out('No local streams: declare an AWS::Kinesis::Stream in the template, or create one with `streams create <name>`.\n');
    printTable(ctx.io, ['STREAM', 'SHARDS', 'RETENTION (H)', 'ARN'], rows.map((r) => [r.name, String(r.shards), String(r.retentionHours), r.arn]));
  });
}

export interface TablesCliOptions extends RemoteOptions {
  json?: boolean;
  key?: string[];
  streamView?: string;
  file?: string;
}

const VIEWS = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];

async function itemArg(item: string | undefined, file: string | undefined, what: string): Promise<unknown> {
  const text = item ?? (file ? await readFile(resolve(process.cwd(), file), 'utf8') : undefined);
  if (text === undefined) throw new WorkbenchError('INVALID_PARAMETER', `Give the ${what} as a JSON argument, or --file <path>.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new WorkbenchError('INVALID_PARAMETER', `The ${what} is not JSON (${(e as Error).message}). Give DynamoDB JSON ({"id":{"S":"1"}}) or plain JSON ({"id":"1"}).`);
  }
}

export async function tablesListCommand(opts: TablesCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    const rows = await service.streams.listTables();
    if (opts.json) return void ctx.io.out(JSON.stringify(rows, null, 2) + '\n');
    if (!rows.length) return void ctx.io.out('No local tables: declare an AWS::DynamoDB::Table in the template, or create one with `tables create <name> --key id`.\n');
    printTable(ctx.io, ['TABLE', 'KEYS', 'ITEMS', 'STREAM', 'STREAM ARN'], rows.map((r) => [r.name, r.keys.join(', '), String(r.items), r.streamViewType ?? '-', r.streamArn ?? '-']));
  });
}

export async function tablesCreateCommand(name: string, opts: TablesCliOptions, ctx: CliContext): Promise<void> {
  const keys = opts.key?.length ? opts.key : ['id'];
  if (keys.length > 2) throw new WorkbenchError('INVALID_PARAMETER', '--key takes the hash key, then at most one range key.');
  const view = opts.streamView?.toUpperCase();
  if (view !== undefined && !VIEWS.includes(view)) throw new WorkbenchError('INVALID_PARAMETER', `--stream-view must be one of ${VIEWS.join(', ')}, got "${opts.streamView}".`);
  await withService(ctx, serviceOptions(opts), async (service) => {
    const t = await service.streams.createTable(name, keys.map((k, i) => ({ name: k, type: i ? 'RANGE' : 'HASH' })), view as StreamViewType | undefined);
    ctx.io.out(`${t.decl.streamArn ?? t.decl.arn}\n`);
  });
}

/** PutItem / DeleteItem on a running engine (its DynamoDB row); the change is told from the old item it returns. */
async function remoteItem(endpoint: string, op: 'PutItem' | 'DeleteItem', table: string, value: unknown): Promise<{ eventName?: string; sequenceNumber?: string }> {
  const url = endpoint.replace(/\/+$/, '');
  const item = toItem(value);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `DynamoDB_20120810.${op}` }, body: JSON.stringify({ TableName: table, [op === 'PutItem' ? 'Item' : 'Key']: item, ReturnValues: 'ALL_OLD' }) });
  } catch (e) {
    throw new WorkbenchError('INVALID_PARAMETER', `No Lambda Workbench engine answers at ${url} (${(e as Error).message}). Start one with "lambda-workbench start", or leave out --endpoint-url.`);
  }
  const body = (await res.json().catch(() => ({}))) as { Attributes?: Record<string, unknown>; __type?: string; message?: string };
  if (!res.ok) {
    const name = String(body.__type ?? 'Error').split('#').pop()!;
    throw new WorkbenchError(name === 'ResourceNotFoundException' ? 'RESOURCE_NOT_FOUND' : 'INVALID_PARAMETER', `${body.message ?? `HTTP ${res.status}`} (${name})`);
  }
  const same = (a: Record<string, unknown>, b: Record<string, unknown>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  if (op === 'DeleteItem') return body.Attributes ? { eventName: 'REMOVE' } : {};
  return !body.Attributes ? { eventName: 'INSERT' } : same(body.Attributes, item) ? {} : { eventName: 'MODIFY' };
}

export async function tablesPutItemCommand(table: string, item: string | undefined, opts: TablesCliOptions, ctx: CliContext): Promise<void> {
  const value = await itemArg(item, opts.file, 'item');
  const print = (r: { eventName?: string; sequenceNumber?: string }) => ctx.io.out(JSON.stringify(r.eventName ? { eventName: r.eventName, SequenceNumber: r.sequenceNumber } : { eventName: null, note: 'the item is unchanged: no stream record' }) + '\n');
  if (opts.endpointUrl) return print(await remoteItem(opts.endpointUrl, 'PutItem', table, value));
  await withService(ctx, serviceOptions(opts), async (service) => print(await service.streams.putItem(table, value)));
}

export async function tablesDeleteItemCommand(table: string, key: string | undefined, opts: TablesCliOptions, ctx: CliContext): Promise<void> {
  const value = await itemArg(key, opts.file, 'key');
  const print = (r: { eventName?: string; sequenceNumber?: string }) => ctx.io.out(JSON.stringify(r.eventName ? { eventName: r.eventName, SequenceNumber: r.sequenceNumber } : { eventName: null, note: 'no such item: no stream record' }) + '\n');
  if (opts.endpointUrl) return print(await remoteItem(opts.endpointUrl, 'DeleteItem', table, value));
  await withService(ctx, serviceOptions(opts), async (service) => print(await service.streams.deleteItem(table, value)));
}
