// core/events/stream: what a stream poller (§11.3, §11.4) reads — a Kinesis-like stream or a table stream, both
// as shards of records in order. Positions are record counters: `after` = the counter of the last record
// already read (−1 before the first), so a checkpoint is one number per shard.
import type { Event } from '../../common/events';
import type { ShardCheckpoints } from './shardCheckpoints';

export interface ShardRecord {
  /** Position in the source (increases with every record). */
  n: number;
  sequenceNumber: string;
  /** Engine-clock epoch ms the record was stored. */
  arrival: number;
  /** What per-key ordering follows (Kinesis partition key; a table item's key). */
  partitionKey: string;
  /** Bytes counted against the 6 MB payload limit (approximate). */
  size: number;
}

export interface ShardSource<R extends ShardRecord = ShardRecord> {
  readonly arn: string;
  shardIds(): string[];
  /** Records of the shard after position `after`, oldest first, at most `limit`; expired ones are gone. */
  readAfter(shardId: string, after: number, limit: number): R[];
  /** The position a reader starting at TRIM_HORIZON, LATEST or AT_TIMESTAMP (epoch ms) resumes after. */
  startPosition(shardId: string, start: 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP', timestamp?: number): number;
  /** Where the pollers of this source keep their per-shard positions. */
  readonly checkpoints: ShardCheckpoints;
  /** Fires after records were stored. */
  readonly onDidPut: Event<void>;
}
