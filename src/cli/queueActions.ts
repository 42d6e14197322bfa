// cli: `lambda-workbench queues create|send|delete|redrive`, and `queues list|receive|purge --endpoint-url`
// (a running engine's queues) — SQS operations in this process's engine or a running one (awsCallers.ts).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { WorkbenchError } from '../core/common/errors';
import { withCallers, type AwsCallers, type RemoteOptions } from './awsCallers';
import type { CliContext } from './session';
import { printTable } from './table';

export interface QueueActionOptions extends RemoteOptions {
  json?: boolean;
  fifo?: boolean;
  contentBasedDeduplication?: boolean;
  visibilityTimeout?: string;
  delay?: string;
  retention?: string;
  dlq?: string;
  maxReceiveCount?: string;
  file?: string;
  groupId?: string;
  dedupId?: string;
  attribute?: string[];
  max?: string;
  wait?: string;
  delete?: boolean;
  to?: string;
}

/** The queue name in a name, URL or ARN. */
export function queueName(q: string): string {
  return q.replace(/\/+$/, '').split(/[/:]/).pop()!;
}

async function urlOf(c: AwsCallers, q: string): Promise<string> {
  return String((await c.sqs('GetQueueUrl', { QueueName: queueName(q) })).QueueUrl);
}

async function arnOf(c: AwsCallers, q: string): Promise<string> {
  if (q.startsWith('arn:')) return q;
  const attrs = await c.sqs('GetQueueAttributes', { QueueUrl: await urlOf(c, q), AttributeNames: ['QueueArn'] });
  return String(attrs.Attributes.QueueArn);
}

/** `--attribute k=v` (String) or `k:Number=v`, as SQS MessageAttributes. */
export function parseAttributes(items: string[] = []): Record<string, { DataType: string; StringValue: string }> {
  const out: Record<string, { DataType: string; StringValue: string }> = {};
  for (const item of items) {
    const m = /^([^=:]+)(?::(String|Number)[\w.]*)?=(.*)$/s.exec(item);
    if (!m) throw new WorkbenchError('INVALID_PARAMETER', `--attribute takes NAME=VALUE or NAME:Number=VALUE, got "${item}".`);
    out[m[1]] = { DataType: item.slice(m[1].length + 1, item.indexOf('=')) || 'String', StringValue: m[3] };
  }
  return out;
}

export async function queuesCreateCommand(name: string, opts: QueueActionOptions, ctx: CliContext): Promise<void> {
  const Attributes: Record<string, string> = {};
  if (opts.fifo || name.endsWith('.fifo')) Attributes.FifoQueue = 'true';
  if (opts.contentBasedDeduplication) Attributes.ContentBasedDeduplication = 'true';
  if (opts.visibilityTimeout !== undefined) Attributes.VisibilityTimeout = opts.visibilityTimeout;
  if (opts.delay !== undefined) Attributes.DelaySeconds = opts.delay;
  if (opts.retention !== undefined) Attributes.MessageRetentionPeriod = opts.retention;
  await withCallers(opts, ctx, async (c) => {
    if (opts.dlq) Attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: await arnOf(c, opts.dlq), maxReceiveCount: Number(opts.maxReceiveCount ?? 5) });
    const { QueueUrl } = await c.sqs('CreateQueue', { QueueName: name, Attributes });
    ctx.io.out(`${QueueUrl}\n`);
  });
}

export async function queuesSendCommand(queue: string, body: string | undefined, opts: QueueActionOptions, ctx: CliContext): Promise<void> {
  const text = body ?? (opts.file ? await readFile(resolve(process.cwd(), opts.file), 'utf8') : undefined);
  if (text === undefined) throw new WorkbenchError('INVALID_PARAMETER', 'Give the message body as an argument, or --file <path>.');
  const MessageAttributes = parseAttributes(opts.attribute);
  await withCallers(opts, ctx, async (c) => {
    const out = await c.sqs('SendMessage', { QueueUrl: await urlOf(c, queue), MessageBody: text, MessageAttributes, MessageGroupId: opts.groupId, MessageDeduplicationId: opts.dedupId, DelaySeconds: opts.delay === undefined ? undefined : Number(opts.delay) });
    ctx.io.out(JSON.stringify({ MessageId: out.MessageId, MD5OfMessageBody: out.MD5OfMessageBody, SequenceNumber: out.SequenceNumber }) + '\n');
  });
}

export async function queuesDeleteCommand(queue: string, opts: QueueActionOptions, ctx: CliContext): Promise<void> {
  await withCallers(opts, ctx, async (c) => {
    await c.sqs('DeleteQueue', { QueueUrl: await urlOf(c, queue) });
    ctx.io.out(`Deleted queue "${queueName(queue)}" and its messages.\n`);
  });
}

export async function queuesRedriveCommand(dlq: string, opts: QueueActionOptions, ctx: CliContext): Promise<void> {
  await withCallers(opts, ctx, async (c) => {
    const SourceArn = await arnOf(c, dlq);
    const DestinationArn = opts.to ? await arnOf(c, opts.to) : undefined;
    await c.sqs('StartMessageMoveTask', { SourceArn, DestinationArn });
    const [task] = (await c.sqs('ListMessageMoveTasks', { SourceArn })).Results as { ApproximateNumberOfMessagesMoved: number; FailureReason?: string }[];
    ctx.io.out(`Moved ${task.ApproximateNumberOfMessagesMoved} message${task.ApproximateNumberOfMessagesMoved === 1 ? '' : 's'} from "${queueName(dlq)}" back to ${opts.to ? `"${queueName(opts.to)}"` : 'their source queues'}.\n`);
    if (task.FailureReason) ctx.io.err(`${task.FailureReason}\n`);
  });
}

/** `queues list --endpoint-url`: a running engine's queues and counts. */
export async function remoteQueuesList(opts: QueueActionOptions, ctx: CliContext): Promise<void> {
  await withCallers(opts, ctx, async (c) => {
    const urls = ((await c.sqs('ListQueues', {})).QueueUrls ?? []) as string[];
    const rows = [];
    for (const url of urls) {
      const a = (await c.sqs('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] })).Attributes as Record<string, string>;
      rows.push({ name: queueName(url), arn: a.QueueArn, url, fifo: a.FifoQueue === 'true', visible: Number(a.ApproximateNumberOfMessages), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible), delayed: Number(a.ApproximateNumberOfMessagesDelayed) });
    }
    if (opts.json) return void ctx.io.out(JSON.stringify(rows, null, 2) + '\n');
    if (!rows.length) return void ctx.io.out(`No queues at ${opts.endpointUrl}.\n`);
    printTable(ctx.io, ['QUEUE', 'VISIBLE', 'IN FLIGHT', 'DELAYED', 'ARN'], rows.map((r) => [r.name, String(r.visible), String(r.inFlight), String(r.delayed), r.arn]));
  });
}

/** `queues receive --endpoint-url`: ReceiveMessage on a running engine (one JSON line per message). */
export async function remoteQueuesReceive(queue: string, max: number, visibility: number | undefined, opts: QueueActionOptions, ctx: CliContext): Promise<void> {
  await withCallers(opts, ctx, async (c) => {
    const QueueUrl = await urlOf(c, queue);
    const got = await c.sqs('ReceiveMessage', { QueueUrl, MaxNumberOfMessages: max, VisibilityTimeout: visibility, WaitTimeSeconds: opts.wait === undefined ? undefined : Number(opts.wait), MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
    const messages = (got.Messages ?? []) as Record<string, any>[];
    for (const m of messages) {
      ctx.io.out(JSON.stringify({ MessageId: m.MessageId, ReceiptHandle: m.ReceiptHandle, Body: m.Body, MD5OfBody: m.MD5OfBody, MessageAttributes: m.MessageAttributes ?? {}, ApproximateReceiveCount: Number(m.Attributes?.ApproximateReceiveCount) }) + '\n');
      if (opts.delete) await c.sqs('DeleteMessage', { QueueUrl, ReceiptHandle: m.ReceiptHandle });
    }
    if (!messages.length) ctx.io.err(`No visible messages in "${queueName(queue)}".\n`);
  });
}

export async function remoteQueuesPurge(queue: string, opts: QueueActionOptions, ctx: CliContext): Promise<void> {
  await withCallers(opts, ctx, async (c) => {
    await c.sqs('PurgeQueue', { QueueUrl: await urlOf(c, queue) });
    ctx.io.out(`Purged "${queueName(queue)}".\n`);
  });
}
