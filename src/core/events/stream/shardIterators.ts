// core/events/stream: shard iterators (GetShardIterator → GetRecords). An iterator is an opaque token naming the
// stream, the shard and the position after which it reads; like Kinesis's it expires 5 minutes after it was
// handed out (engine clock), and GetRecords answers a fresh one for the next call.
import { StreamError } from './streamErrors';

export const ITERATOR_LIFETIME_MS = 5 * 60_000;

export type IteratorType = 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' | 'AT_TIMESTAMP';
export const ITERATOR_TYPES: readonly IteratorType[] = ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER', 'AT_TIMESTAMP'];

interface Token {
  a: string;
  s: string;
  n: number;
  t: number;
}

export function encodeIterator(streamArn: string, shardId: string, after: number, issuedAt: number): string {
  const t: Token = { a: streamArn, s: shardId, n: after, t: issuedAt };
  return Buffer.from(JSON.stringify(t)).toString('base64');
}

export function decodeIterator(iterator: unknown, now: number): { streamArn: string; shardId: string; after: number } {
  let t: Token | undefined;
  try {
    t = typeof iterator === 'string' ? (JSON.parse(Buffer.from(iterator, 'base64').toString('utf8')) as Token) : undefined;
  } catch {
    t = undefined;
  }
  if (!t || typeof t.a !== 'string' || typeof t.s !== 'string' || typeof t.n !== 'number' || typeof t.t !== 'number') throw new StreamError('InvalidArgumentException', 'ShardIterator is not a shard iterator this server handed out (get one with GetShardIterator).');
  if (now - t.t > ITERATOR_LIFETIME_MS) throw new StreamError('ExpiredIteratorException', `Iterator expired: it was handed out at ${new Date(t.t).toISOString()}, more than 5 minutes ago. Get a new one with GetShardIterator (or use the NextShardIterator of the last GetRecords).`);
  return { streamArn: t.a, shardId: t.s, after: t.n };
}
