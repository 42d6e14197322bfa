// core/api/awsServices/sqs: what every SQS operation shares: its context (the local resources, the URL the
// client reached), reading its input (the JSON protocol's shape; the query protocol is converted to it first),
// and finding the queue a QueueUrl names.
import type { EventResources } from '../../../events/eventResources';
import { LocalQueue } from '../../../events/queue/localQueue';
import type { MessageAttribute } from '../../../events/resourceTypes';
import { SqsApiError } from './sqsErrors';

export interface SqsContext {
  resources: EventResources;
  /** http://127.0.0.1:<port>: queue URLs are <localUrl>/<account>/<name>. */
  localUrl: string;
  region: string;
  accountId: string;
}

export type In = Record<string, unknown>;
export type SqsOperation = (input: In, c: SqsContext) => Promise<Record<string, unknown>>;

export function str(input: In, key: string, required = false): string | undefined {
  const v = input[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw new SqsApiError('MissingParameter', `The request must contain the parameter ${key}.`);
    return undefined;
  }
  return String(v);
}

export function int(input: In, key: string, min: number, max: number): number | undefined {
  const v = input[key];
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new SqsApiError('InvalidParameterValue', `Value ${String(v)} for parameter ${key} is invalid. Reason: Must be between ${min} and ${max}, if provided.`);
  return n;
}

export function strings(input: In, key: string): string[] {
  const v = input[key];
  return Array.isArray(v) ? v.map(String) : [];
}

export function stringMap(input: In, key: string): Record<string, string> {
  const v = input[key];
  if (!v || typeof v !== 'object') return {};
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
}

/** MessageAttributes as SQS carries them (BinaryValue base64 in both wires). */
export function messageAttributes(input: In): Record<string, MessageAttribute> {
  const v = input.MessageAttributes;
  if (!v || typeof v !== 'object') return {};
  const out: Record<string, MessageAttribute> = {};
  for (const [name, raw] of Object.entries(v as Record<string, Record<string, unknown>>)) {
    const a: MessageAttribute = { DataType: String(raw?.DataType ?? '') };
    if (raw?.StringValue !== undefined) a.StringValue = String(raw.StringValue);
    if (raw?.BinaryValue !== undefined) a.BinaryValue = String(raw.BinaryValue);
    out[name] = a;
  }
  return out;
}

export function queueUrl(c: SqsContext, name: string): string {
  return `${c.localUrl}/${c.accountId}/${name}`;
}

export function queueArn(c: SqsContext, name: string): string {
  return `arn:aws:sqs:${c.region}:${c.accountId}:${name}`;
}

/** The queue a QueueUrl (any host: the path's last segment is the name) or a bare name names. */
export async function queueOf(input: In, c: SqsContext): Promise<LocalQueue> {
  const url = str(input, 'QueueUrl', true)!;
  const name = url.replace(/\/+$/, '').split('/').pop()!;
  const q = await c.resources.byName('queue', name);
  if (!(q instanceof LocalQueue)) throw new SqsApiError('QueueDoesNotExist', `The specified queue does not exist: "${url}".`);
  return q;
}

/** The queue an ARN names (StartMessageMoveTask), opened. */
export async function queueByArn(arn: string | undefined, c: SqsContext, what: string): Promise<LocalQueue> {
  const q = arn ? await c.resources.target(arn) : undefined;
  if (!(q instanceof LocalQueue)) throw new SqsApiError('ResourceNotFoundException', `The ${what} ${arn ?? '(none)'} is not a local queue.`);
  return q;
}
