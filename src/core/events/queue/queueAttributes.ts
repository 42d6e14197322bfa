// core/events/queue: SQS queue attributes as the API carries them (a map of strings: CreateQueue,
// SetQueueAttributes, GetQueueAttributes) and as a QueueDecl holds them (typed, SQS defaults when absent).
import type { QueueDecl } from '../resourceTypes';
import { QueueError } from './queueErrors';

/** SQS defaults (Amazon SQS Developer Guide, "CreateQueue"). */
export const SQS_DEFAULTS = {
  visibilityTimeout: 30,
  delaySeconds: 0,
  retentionPeriod: 345_600,
  receiveWaitTime: 0,
  maximumMessageSize: 1_048_576,
} as const;

type Settable = Partial<Pick<QueueDecl, 'visibilityTimeout' | 'delaySeconds' | 'retentionPeriod' | 'receiveWaitTime' | 'maximumMessageSize' | 'contentBasedDeduplication' | 'redrive' | 'fifo'>>;

const RANGES: Record<string, [keyof Settable, number, number]> = {
  VisibilityTimeout: ['visibilityTimeout', 0, 43_200],
  DelaySeconds: ['delaySeconds', 0, 900],
  MessageRetentionPeriod: ['retentionPeriod', 60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: ['receiveWaitTime', 0, 20],
  MaximumMessageSize: ['maximumMessageSize', 1024, 1_048_576],
};

/** Accepted and kept only as given (encryption, policies): nothing local depends on them. */
const PASSIVE = new Set(['Policy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled', 'DeduplicationScope', 'FifoThroughputLimit', 'RedriveAllowPolicy']);

function bool(name: string, v: string): boolean {
  if (v !== 'true' && v !== 'false') throw new QueueError('InvalidAttributeValue', `Invalid value for the parameter ${name}: "${v}" (true or false).`);
  return v === 'true';
}

/** The typed settings a CreateQueue/SetQueueAttributes map names; `creating` allows FifoQueue. */
export function parseQueueAttributes(attrs: Record<string, string>, creating: boolean): Settable {
  const out: Settable = {};
  for (const [name, raw] of Object.entries(attrs)) {
    const v = String(raw);
    const range = RANGES[name];
    if (range) {
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < range[1] || n > range[2]) throw new QueueError('InvalidAttributeValue', `Invalid value for the parameter ${name}: "${v}" (a whole number from ${range[1]} to ${range[2]}).`);
      (out as Record<string, number>)[range[0]] = n;
    } else if (name === 'FifoQueue') {
      if (!creating) throw new QueueError('InvalidAttributeName', 'FifoQueue can only be set when the queue is created.');
      out.fifo = bool(name, v);
    } else if (name === 'ContentBasedDeduplication') {
      out.contentBasedDeduplication = bool(name, v);
    } else if (name === 'RedrivePolicy') {
      if (v === '') {
        out.redrive = undefined;
        continue;
      }
      let p: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
      try {
        p = JSON.parse(v) as typeof p;
      } catch {
        throw new QueueError('InvalidAttributeValue', `Invalid value for the parameter RedrivePolicy: not JSON: ${v}`);
      }
      const max = Number(p.maxReceiveCount);
      if (typeof p.deadLetterTargetArn !== 'string' || !/^arn:aws[\w-]*:sqs:/.test(p.deadLetterTargetArn) || !Number.isInteger(max) || max < 1 || max > 1000)
        throw new QueueError('InvalidAttributeValue', `Invalid value for the parameter RedrivePolicy: it needs deadLetterTargetArn (a queue ARN) and maxReceiveCount (1 to 1000), got ${v}`);
      out.redrive = { deadLetterTargetArn: p.deadLetterTargetArn, maxReceiveCount: max };
    } else if (!PASSIVE.has(name)) {
      throw new QueueError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
  }
  return out;
}

/** Validates a queue name against its FIFO setting (SQS: 1–80 of [A-Za-z0-9_-], ".fifo" exactly for FIFO queues). */
export function checkQueueName(name: string, fifo: boolean): void {
  const base = name.endsWith('.fifo') ? name.slice(0, -5) : name;
  if (!/^[A-Za-z0-9_-]{1,75}$/.test(base) || name.length > 80)
    throw new QueueError('InvalidAttributeValue', `Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length: "${name}".`);
  if (fifo !== name.endsWith('.fifo')) throw new QueueError('InvalidAttributeValue', fifo ? `The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix: "${name}".` : `Queue "${name}" ends with .fifo but FifoQueue is not true.`);
}

/** The static attributes of a queue as GetQueueAttributes answers them (counts are added by the queue). */
export function renderQueueAttributes(d: QueueDecl): Record<string, string> {
  const created = String(Math.floor((d.createdAt ?? 0) / 1000));
  const out: Record<string, string> = {
    QueueArn: d.arn,
    CreatedTimestamp: created,
    LastModifiedTimestamp: created,
    VisibilityTimeout: String(d.visibilityTimeout),
    DelaySeconds: String(d.delaySeconds ?? SQS_DEFAULTS.delaySeconds),
    MessageRetentionPeriod: String(d.retentionPeriod ?? SQS_DEFAULTS.retentionPeriod),
    ReceiveMessageWaitTimeSeconds: String(d.receiveWaitTime ?? SQS_DEFAULTS.receiveWaitTime),
    MaximumMessageSize: String(d.maximumMessageSize ?? SQS_DEFAULTS.maximumMessageSize),
    SqsManagedSseEnabled: 'true',
  };
  if (d.redrive) out.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: d.redrive.deadLetterTargetArn, maxReceiveCount: d.redrive.maxReceiveCount });
  if (d.fifo) {
    out.FifoQueue = 'true';
    out.ContentBasedDeduplication = String(d.contentBasedDeduplication === true);
    out.DeduplicationScope = 'queue';
    out.FifoThroughputLimit = 'perQueue';
  }
  return out;
}
