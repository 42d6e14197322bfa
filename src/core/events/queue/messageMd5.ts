// core/events/queue: the digests SQS answers with, computed as SQS does so clients that verify them accept
// ours: MD5OfMessageBody (MD5 of the UTF-8 body) and MD5OfMessageAttributes (Amazon SQS Developer Guide,
// "Calculating the MD5 message digest for message attributes").
import { createHash } from 'node:crypto';
import type { MessageAttribute } from '../resourceTypes';

export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/**
 * Names sorted (by code unit, as SQS does); for each: name, data type (each 4-byte big-endian length + UTF-8),
 * a transport byte (1 string/number, 2 binary), then the value (length + UTF-8 string, or length + raw bytes).
 * Undefined when there are no attributes (SQS then omits the member).
 */
export function md5OfAttributes(attributes: Record<string, MessageAttribute>): string | undefined {
  const names = Object.keys(attributes).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (!names.length) return undefined;
  const h = createHash('md5');
  for (const name of names) {
    const a = attributes[name];
    h.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    h.update(lengthPrefixed(Buffer.from(a.DataType, 'utf8')));
    if (a.BinaryValue !== undefined && a.StringValue === undefined) {
      h.update(Buffer.from([2]));
      h.update(lengthPrefixed(Buffer.from(a.BinaryValue, 'base64')));
    } else {
      h.update(Buffer.from([1]));
      h.update(lengthPrefixed(Buffer.from(a.StringValue ?? '', 'utf8')));
    }
  }
  return h.digest('hex');
}

/** The SHA-256 of the body: a FIFO queue's content-based MessageDeduplicationId. */
export function contentDedupId(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}
