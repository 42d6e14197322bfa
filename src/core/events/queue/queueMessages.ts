// core/events/queue: the shapes of a local queue — a message, its journal records, its counts — and the
// checks SendMessage makes before anything is stored (size, characters, attributes, FIFO parameters).
import { WorkbenchError } from '../../common/errors';
import type { MessageAttribute, QueueDecl } from '../resourceTypes';
import { SQS_DEFAULTS } from './queueAttributes';
import { QueueError } from './queueErrors';

export interface QueueMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  md5OfAttributes?: string;
  attributes: Record<string, MessageAttribute>;
  /** Engine-clock epoch ms. */
  sentAt: number;
  receiveCount: number;
  /** Invisible until this time (delayed, or received and in flight). */
  visibleAt: number;
  receiptHandle?: string;
  /** Engine-clock epoch ms of the first receive. */
  firstReceiveAt?: number;
  /** FIFO: MessageGroupId, MessageDeduplicationId (given or content-based), SequenceNumber. */
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
  /** AWSTraceHeader system attribute. */
  traceHeader?: string;
  /** A dead-letter queue's message: the queue it was redriven from (where a move task returns it). */
  sourceArn?: string;
  seq: number;
}

export type QueueRecord =
  | { k: 'm'; m: Omit<QueueMessage, 'seq'> }
  | { k: 'v'; id: string; rh: string; until: number; rc: number; fr?: number }
  | { k: 'd'; id: string }
  | { k: 'p' }
  /** SetQueueAttributes, as given. */
  | { k: 'a'; a: Record<string, string> }
  /** Compaction: the FIFO deduplication window ([id, messageId, sequenceNumber, sentAt]) and the next sequence number. */
  | { k: 'x'; dd: [string, string, string | undefined, number][]; sn: number };

export interface QueueStats {
  name: string;
  arn: string;
  url: string;
  fifo: boolean;
  /** ApproximateNumberOfMessages (visible now). */
  visible: number;
  /** ApproximateNumberOfMessagesNotVisible (received, not yet deleted). */
  inFlight: number;
  /** ApproximateNumberOfMessagesDelayed (DelaySeconds not over yet). */
  delayed: number;
  file: string;
}

export interface SendOptions {
  /** Per-message DelaySeconds (standard queues only), 0–900. */
  delaySeconds?: number;
  /** FIFO: MessageGroupId (required) and MessageDeduplicationId (required unless ContentBasedDeduplication). */
  groupId?: string;
  dedupId?: string;
  traceHeader?: string;
}

export interface SendResult {
  messageId: string;
  md5OfBody: string;
  md5OfAttributes?: string;
  sequenceNumber?: string;
}

export interface ReceiveOptions {
  /** Long polling: wait up to this many seconds (0–20) for a message when none is receivable. */
  waitTimeSeconds?: number;
}

// SQS allows #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF.
const INVALID_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const TOKEN = /^[\w!"#$%&'()*+,\-./:;<=>?@[\\\]^`{|}~]{1,128}$/;

/** Throws the SQS error SendMessage answers for a message this queue refuses. */
export function checkSend(decl: QueueDecl, body: string, attributes: Record<string, MessageAttribute>, o: SendOptions): void {
  const limit = decl.maximumMessageSize ?? SQS_DEFAULTS.maximumMessageSize;
  const size = Buffer.byteLength(body) + Object.entries(attributes).reduce((n, [k, a]) => n + Buffer.byteLength(k) + Buffer.byteLength(a.DataType) + Buffer.byteLength(a.StringValue ?? a.BinaryValue ?? ''), 0);
  if (size > limit) throw new WorkbenchError('REQUEST_TOO_LARGE', `Message to queue "${decl.name}" is ${size} bytes; SQS allows at most ${limit}.`);
  if (INVALID_CHARS.test(body)) throw new QueueError('InvalidMessageContents', 'Invalid characters found in the message body; SQS allows only #x9, #xA, #xD, #x20 to #xD7FF, #xE000 to #xFFFD and #x10000 to #x10FFFF.');
  const names = Object.keys(attributes);
  if (names.length > 10) throw new QueueError('InvalidParameterValue', `Number of message attributes [${names.length}] exceeds the allowed maximum [10].`);
  for (const [name, a] of Object.entries(attributes)) {
    if (!/^(String|Number|Binary)(\.[\w.-]+)?$/.test(a.DataType ?? '')) throw new QueueError('InvalidParameterValue', `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
    if ((a.DataType.startsWith('Binary') ? a.BinaryValue : a.StringValue) === undefined) throw new QueueError('InvalidParameterValue', `The message (user) attribute '${name}' must contain a non-empty value of type '${a.DataType.split('.')[0]}'.`);
    if (a.DataType.startsWith('Number') && !Number.isFinite(Number(a.StringValue))) throw new QueueError('InvalidParameterValue', `Can't cast the value of message (user) attribute '${name}' to a number: "${a.StringValue}".`);
  }
  if (o.delaySeconds !== undefined && (!Number.isInteger(o.delaySeconds) || o.delaySeconds < 0 || o.delaySeconds > 900)) throw new QueueError('InvalidParameterValue', `Value ${o.delaySeconds} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.`);
  if (!decl.fifo) {
    if (o.dedupId !== undefined) throw new QueueError('InvalidParameterValue', 'The request include parameter MessageDeduplicationId that is not valid for this queue type (standard).');
    return;
  }
  if (o.delaySeconds) throw new QueueError('InvalidParameterValue', `Value ${o.delaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type (FIFO: set DelaySeconds on the queue).`);
  if (!o.groupId) throw new QueueError('MissingParameter', 'The request must contain the parameter MessageGroupId.');
  if (!TOKEN.test(o.groupId)) throw new QueueError('InvalidParameterValue', `Value ${o.groupId} for parameter MessageGroupId is invalid: 1 to 128 alphanumeric or punctuation characters.`);
  if (o.dedupId === undefined && !decl.contentBasedDeduplication) throw new QueueError('InvalidParameterValue', 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
  if (o.dedupId !== undefined && !TOKEN.test(o.dedupId)) throw new QueueError('InvalidParameterValue', `Value ${o.dedupId} for parameter MessageDeduplicationId is invalid: 1 to 128 alphanumeric or punctuation characters.`);
}

/** The message id a receipt handle names; ReceiptHandleIsInvalid when it is not one of this queue's. */
export function parseReceiptHandle(queue: string, receiptHandle: string): string {
  const parts = Buffer.from(receiptHandle, 'base64').toString('utf8').split('|');
  if (parts.length !== 3 || parts[0] !== queue) throw new QueueError('ReceiptHandleIsInvalid', `The input receipt handle "${receiptHandle}" is not a valid receipt handle for queue "${queue}".`);
  return parts[1];
}
