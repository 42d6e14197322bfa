// core/api/awsServices/sqs: the queue operations — CreateQueue, GetQueueUrl, ListQueues, Get/SetQueueAttributes,
// PurgeQueue, DeleteQueue, ListDeadLetterSourceQueues and the dead-letter move tasks (redrive back) — on the
// local queues, in the JSON protocol's shapes.
import { randomUUID } from 'node:crypto';
import { LocalQueue } from '../../../events/queue/localQueue';
import { checkQueueName, parseQueueAttributes, renderQueueAttributes, SQS_DEFAULTS } from '../../../events/queue/queueAttributes';
import type { QueueDecl } from '../../../events/resourceTypes';
import { SqsApiError } from './sqsErrors';
import { int, queueArn, queueByArn, queueOf, queueUrl, str, stringMap, strings, type SqsContext, type SqsOperation } from './sqsInput';

interface MoveTask {
  TaskHandle: string;
  Status: 'COMPLETED';
  SourceArn: string;
  DestinationArn?: string;
  ApproximateNumberOfMessagesMoved: number;
  ApproximateNumberOfMessagesToMove: number;
  StartedTimestamp: number;
  FailureReason?: string;
}

/** Move tasks by source queue ARN, per set of resources (tasks finish before StartMessageMoveTask answers). */
const moveTasks = new WeakMap<object, Map<string, MoveTask[]>>();

const ALL_ATTRIBUTES = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'];

async function createQueue(input: Record<string, unknown>, c: SqsContext): Promise<Record<string, unknown>> {
  const name = str(input, 'QueueName', true)!;
  const given = stringMap(input, 'Attributes');
  const settings = parseQueueAttributes(given, true);
  const fifo = settings.fifo ?? name.endsWith('.fifo');
  checkQueueName(name, fifo);
  const existing = await c.resources.byName('queue', name);
  if (existing instanceof LocalQueue) {
    const now = existing.attributes();
    for (const [k, v] of Object.entries(given)) {
      if (k in now && now[k] !== v) throw new SqsApiError('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${k}: "${name}".`);
    }
    return { QueueUrl: queueUrl(c, name) };
  }
  const decl: QueueDecl = { ...settings, kind: 'queue', name, arn: queueArn(c, name), fifo, visibilityTimeout: settings.visibilityTimeout ?? SQS_DEFAULTS.visibilityTimeout, createdAt: Date.now() };
  await c.resources.create(decl);
  const passive = Object.fromEntries(Object.entries(given).filter(([k]) => !(k in renderQueueAttributes(decl)) && k !== 'FifoQueue'));
  if (Object.keys(passive).length) await (await queueOf({ QueueUrl: name }, c)).setAttributes(passive);
  return { QueueUrl: queueUrl(c, name) };
}

async function getQueueUrl(input: Record<string, unknown>, c: SqsContext): Promise<Record<string, unknown>> {
  const name = str(input, 'QueueName', true)!;
  if (!((await c.resources.byName('queue', name)) instanceof LocalQueue)) throw new SqsApiError('QueueDoesNotExist', `The specified queue does not exist: "${name}".`);
  return { QueueUrl: queueUrl(c, name) };
}

async function listQueues(input: Record<string, unknown>, c: SqsContext): Promise<Record<string, unknown>> {
  const prefix = str(input, 'QueueNamePrefix') ?? '';
  const max = int(input, 'MaxResults', 1, 1000);
  const names = (await c.resources.queues()).map((q) => q.name).filter((n) => n.startsWith(prefix)).sort();
  const start = Number(str(input, 'NextToken') ?? 0) || 0;
  const page = max ? names.slice(start, start + max) : names.slice(0, 1000);
  const out: Record<string, unknown> = {};
  if (page.length) out.QueueUrls = page.map((n) => queueUrl(c, n));
  if (max && start + max < names.length) out.NextToken = String(start + max);
  return out;
}

async function getQueueAttributes(input: Record<string, unknown>, c: SqsContext): Promise<Record<string, unknown>> {
  const q = await queueOf(input, c);
  const all = q.attributes();
  const wanted = strings(input, 'AttributeNames');
  if (!wanted.length) return {};
  if (wanted.includes('All')) return { Attributes: all };
  const known = new Set([...Object.keys(renderQueueAttributes({ ...q.decl, fifo: true, redrive: { deadLetterTargetArn: '', maxReceiveCount: 1 } })), ...ALL_ATTRIBUTES, 'Policy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'RedriveAllowPolicy']);
  const bad = wanted.find((n) => !known.has(n));
  if (bad) throw new SqsApiError('InvalidAttributeName', `Unknown Attribute ${bad}.`);
  const out = Object.fromEntries(wanted.filter((n) => n in all).map((n) => [n, all[n]]));
  return Object.keys(out).length ? { Attributes: out } : {};
}

async function setQueueAttributes(input: Record<string, unknown>, c: SqsContext): Promise<Record<string, unknown>> {
  const q = await queueOf(input, c);
  await q.setAttributes(stringMap(input, 'Attributes'));
  return {};
}

async function purgeQueue(input: Record<string, unknown>, c: SqsContext): Promise<Record<string, unknown>> {
  await (await queueOf(input, c)).purge();
  return {};
}

async function deleteQueue(input: Record<string, unknown>, c: SqsContext): Promise<Record<string, unknown>> {
  const q = await queueOf(input, c);
  await c.resources.remove(q.arn);
  return {};
}

async function sourcesOf(dlq: LocalQueue, c: SqsContext): Promise<LocalQueue[]> {
  return (await c.resources.queues()).filter((q) => q.decl.redrive?.deadLetterTargetArn === dlq.arn);
}

async function listDeadLetterSourceQueues(input: Record<string, unknown>, c: SqsContext): Promise<Record<string, unknown>> {
  const sources = await sourcesOf(await queueOf(input, c), c);
  return { queueUrls: sources.map((q) => queueUrl(c, q.name)) };
}

async function startMessageMoveTask(input: Record<string, unknown>, c: SqsContext): Promise<Record<string, unknown>> {
  const source = await queueByArn(str(input, 'SourceArn', true), c, 'source queue');
  if (!(await sourcesOf(source, c)).length) throw new SqsApiError('InvalidParameterValue', `Source queue must be configured as a Dead Letter Queue: ${source.arn} is no queue's deadLetterTargetArn.`);
  const destinationArn = str(input, 'DestinationArn');
  if (destinationArn) await queueByArn(destinationArn, c, 'destination queue');
  int(input, 'MaxNumberOfMessagesPerSecond', 1, 500);
  const toMove = source.stats();
  const startedAt = Date.now();
  const { moved, failed } = await source.moveMessages(destinationArn);
  const task: MoveTask = { TaskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: source.arn })).toString('base64'), Status: 'COMPLETED', SourceArn: source.arn, DestinationArn: destinationArn, ApproximateNumberOfMessagesMoved: moved, ApproximateNumberOfMessagesToMove: toMove.visible + toMove.inFlight + toMove.delayed, StartedTimestamp: startedAt };
  if (failed) task.FailureReason = `${failed} message(s) have no known source queue; name a DestinationArn.`;
  let bySource = moveTasks.get(c.resources);
  if (!bySource) moveTasks.set(c.resources, (bySource = new Map()));
  bySource.set(source.arn, [task, ...(bySource.get(source.arn) ?? [])].slice(0, 10));
  return { TaskHandle: task.TaskHandle };
}

async function listMessageMoveTasks(input: Record<string, unknown>, c: SqsContext): Promise<Record<string, unknown>> {
  const source = await queueByArn(str(input, 'SourceArn', true), c, 'source queue');
  const max = int(input, 'MaxResults', 1, 10) ?? 1;
  return { Results: (moveTasks.get(c.resources)?.get(source.arn) ?? []).slice(0, max) };
}

export const SQS_QUEUE_OPERATIONS: Record<string, SqsOperation> = {
  CreateQueue: createQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  GetQueueAttributes: getQueueAttributes,
  SetQueueAttributes: setQueueAttributes,
  PurgeQueue: purgeQueue,
  DeleteQueue: deleteQueue,
  ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
  StartMessageMoveTask: startMessageMoveTask,
  ListMessageMoveTasks: listMessageMoveTasks,
};
