// core/api/awsServices/sqs: the message operations — SendMessage(Batch), ReceiveMessage (long polling, system
// attributes), DeleteMessage(Batch), ChangeMessageVisibility(Batch) — in the JSON protocol's shapes. Batches
// answer per entry: the good ones in Successful, the refused ones in Failed (SenderFault, Code, Message).
import { md5OfAttributes } from '../../../events/queue/messageMd5';
import type { LocalQueue, QueueMessage } from '../../../events/queue/localQueue';
import type { MessageAttribute } from '../../../events/resourceTypes';
import { SqsApiError, sqsWireError } from './sqsErrors';
import { int, messageAttributes, queueOf, str, strings, type In, type SqsContext, type SqsOperation } from './sqsInput';

async function sendOne(q: LocalQueue, input: In): Promise<Record<string, unknown>> {
  const body = input.MessageBody;
  if (typeof body !== 'string' || body === '') throw new SqsApiError('MissingParameter', 'The request must contain the parameter MessageBody.');
  const system = input.MessageSystemAttributes as Record<string, { StringValue?: string }> | undefined;
  const r = await q.send(body, messageAttributes(input), {
    delaySeconds: int(input, 'DelaySeconds', 0, 900),
    groupId: str(input, 'MessageGroupId'),
    dedupId: str(input, 'MessageDeduplicationId'),
    traceHeader: system?.AWSTraceHeader?.StringValue,
  });
  return { MessageId: r.messageId, MD5OfMessageBody: r.md5OfBody, MD5OfMessageAttributes: r.md5OfAttributes, SequenceNumber: r.sequenceNumber };
}

async function sendMessage(input: In, c: SqsContext): Promise<Record<string, unknown>> {
  return sendOne(await queueOf(input, c), input);
}

/** The batch checks SQS makes before any entry: present, at most 10, distinct well-formed ids. */
function batchEntries(input: In): In[] {
  const entries = Array.isArray(input.Entries) ? (input.Entries as In[]) : [];
  if (!entries.length) throw new SqsApiError('EmptyBatchRequest', 'There should be at least one entry in the request.');
  if (entries.length > 10) throw new SqsApiError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${entries.length}.`);
  const ids = new Set<string>();
  for (const e of entries) {
    const id = String(e.Id ?? '');
    if (!/^[\w-]{1,80}$/.test(id)) throw new SqsApiError('InvalidBatchEntryId', `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long: "${id}".`);
    if (ids.has(id)) throw new SqsApiError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    ids.add(id);
  }
  return entries;
}

async function batch(input: In, each: (e: In) => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const entries = batchEntries(input);
  const results = await Promise.allSettled(entries.map(each));
  const Successful: Record<string, unknown>[] = [];
  const Failed: Record<string, unknown>[] = [];
  results.forEach((r, i) => {
    const Id = String(entries[i].Id);
    if (r.status === 'fulfilled') Successful.push({ Id, ...r.value });
    else {
      const w = sqsWireError(r.reason);
      Failed.push({ Id, SenderFault: w.sender, Code: w.queryCode, Message: w.message });
    }
  });
  return { Successful, Failed };
}

async function sendMessageBatch(input: In, c: SqsContext): Promise<Record<string, unknown>> {
  const q = await queueOf(input, c);
  const entries = batchEntries(input);
  const total = entries.reduce((n, e) => n + Buffer.byteLength(String(e.MessageBody ?? '')), 0);
  const limit = Number(q.attributes().MaximumMessageSize);
  if (total > limit) throw new SqsApiError('BatchRequestTooLong', `Batch requests cannot be longer than ${limit} bytes. You have sent ${total} bytes.`);
  return batch(input, (e) => sendOne(q, e));
}

const SYSTEM_NAMES = ['SenderId', 'SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp', 'SequenceNumber', 'MessageDeduplicationId', 'MessageGroupId', 'AWSTraceHeader', 'DeadLetterQueueSourceArn'];

function systemAttributes(m: QueueMessage, wanted: Set<string>): Record<string, string> | undefined {
  const all: Record<string, string | undefined> = {
    SenderId: 'AIDALOCALWORKBENCH',
    SentTimestamp: String(m.sentAt),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: String(m.firstReceiveAt ?? m.sentAt),
    SequenceNumber: m.sequenceNumber,
    MessageDeduplicationId: m.dedupId,
    MessageGroupId: m.groupId,
    AWSTraceHeader: m.traceHeader,
    DeadLetterQueueSourceArn: m.sourceArn,
  };
  const names = wanted.has('All') ? SYSTEM_NAMES : SYSTEM_NAMES.filter((n) => wanted.has(n));
  const out = Object.fromEntries(names.filter((n) => all[n] !== undefined).map((n) => [n, all[n]!]));
  return Object.keys(out).length ? out : undefined;
}

/** The message attributes a MessageAttributeNames list asks for: names, `All`, `.*`, or `prefix.*`. */
function userAttributes(m: QueueMessage, names: string[]): Record<string, MessageAttribute> | undefined {
  const want = (n: string) => names.some((w) => w === 'All' || w === '.*' || w === n || (w.endsWith('.*') && n.startsWith(w.slice(0, -1))));
  const out = Object.fromEntries(Object.entries(m.attributes).filter(([n]) => want(n)));
  return Object.keys(out).length ? out : undefined;
}

async function receiveMessage(input: In, c: SqsContext): Promise<Record<string, unknown>> {
  const q = await queueOf(input, c);
  const max = int(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
  const visibility = int(input, 'VisibilityTimeout', 0, 43_200);
  const wait = int(input, 'WaitTimeSeconds', 0, 20);
  const system = new Set([...strings(input, 'AttributeNames'), ...strings(input, 'MessageSystemAttributeNames')]);
  const names = strings(input, 'MessageAttributeNames');
  const got = await q.receive(max, visibility ?? q.decl.visibilityTimeout, { waitTimeSeconds: wait });
  if (!got.length) return {};
  return {
    Messages: got.map((m) => {
      const attrs = userAttributes(m, names);
      return { MessageId: m.messageId, ReceiptHandle: m.receiptHandle, MD5OfBody: m.md5OfBody, Body: m.body, Attributes: systemAttributes(m, system), MD5OfMessageAttributes: attrs && md5OfAttributes(attrs), MessageAttributes: attrs };
    }),
  };
}

async function deleteMessage(input: In, c: SqsContext): Promise<Record<string, unknown>> {
  await (await queueOf(input, c)).delete(str(input, 'ReceiptHandle', true)!);
  return {};
}

async function deleteMessageBatch(input: In, c: SqsContext): Promise<Record<string, unknown>> {
  const q = await queueOf(input, c);
  return batch(input, async (e) => {
    await q.delete(str(e, 'ReceiptHandle', true)!);
    return {};
  });
}

async function changeMessageVisibility(input: In, c: SqsContext): Promise<Record<string, unknown>> {
  const q = await queueOf(input, c);
  await q.changeVisibility(str(input, 'ReceiptHandle', true)!, Number(str(input, 'VisibilityTimeout', true)));
  return {};
}

async function changeMessageVisibilityBatch(input: In, c: SqsContext): Promise<Record<string, unknown>> {
  const q = await queueOf(input, c);
  return batch(input, async (e) => {
    await q.changeVisibility(str(e, 'ReceiptHandle', true)!, Number(str(e, 'VisibilityTimeout', true)));
    return {};
  });
}

export const SQS_MESSAGE_OPERATIONS: Record<string, SqsOperation> = {
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibility,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
};
