// core/events/stream: Kinesis's hash-key space (lambda-semantics.md §11.3): a record's hash key is the MD5 of its
// partition key read as a 128-bit unsigned integer (or the ExplicitHashKey given), and each shard owns one
// contiguous range of 0…2^128−1, split evenly at creation. Sequence numbers are 56-digit decimal strings like
// Kinesis's, increasing with every record of the stream, so within a shard string order is arrival order.
import { createHash } from 'node:crypto';
import { StreamError } from './streamErrors';

export const HASH_KEY_MAX = (1n << 128n) - 1n;

export interface ShardRange {
  shardId: string;
  start: bigint;
  end: bigint;
}

export function shardIdOf(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}

/** N shards over the whole key space, as CreateStream makes them. */
export function shardRanges(count: number): ShardRange[] {
  const size = (1n << 128n) / BigInt(count);
  return Array.from({ length: count }, (_, i) => ({ shardId: shardIdOf(i), start: size * BigInt(i), end: i === count - 1 ? HASH_KEY_MAX : size * BigInt(i + 1) - 1n }));
}

/** The hash key of a record: ExplicitHashKey if given (validated), else MD5(partition key). */
export function hashKeyOf(partitionKey: string, explicit?: string): bigint {
  if (explicit !== undefined) {
    if (!/^\d{1,39}$/.test(explicit) || BigInt(explicit) > HASH_KEY_MAX) throw new StreamError('InvalidArgumentException', `ExplicitHashKey "${explicit}" is not a decimal integer between 0 and 2^128-1.`);
    return BigInt(explicit);
  }
  return BigInt(`0x${createHash('md5').update(partitionKey, 'utf8').digest('hex')}`);
}

export function shardFor(ranges: readonly ShardRange[], hashKey: bigint): number {
  const i = ranges.findIndex((r) => hashKey >= r.start && hashKey <= r.end);
  return i < 0 ? ranges.length - 1 : i;
}

/** The sequence number of the stream's n-th record, in shard `shard`. */
export function sequenceNumber(n: number, shard: number): string {
  return `49${String(n).padStart(44, '0')}${String(shard).padStart(10, '0')}`;
}

/** The record counter inside a sequence number; undefined when it is not one of ours. */
export function counterOf(seq: string): number | undefined {
  return /^49\d{54}$/.test(seq) ? Number(seq.slice(2, 46)) : undefined;
}
