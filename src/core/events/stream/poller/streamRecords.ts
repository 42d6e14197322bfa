// core/events/stream/poller: what the stream pollers send — the records of a batch in Lambda's exact shapes
// (§11.3 Kinesis, §11.4 DynamoDB Streams), the tumbling-window envelope (§11.3), and the on-failure record with
// KinesisBatchInfo / DDBStreamBatchInfo (§10). One adapter per source kind.
import { LocalTable, type TableStreamRecord } from '../../table/localTable';
import { LocalStream, type StreamRecord } from '../localStream';
import type { ShardRecord, ShardSource } from '../shardSource';

export interface RecordContext {
  region: string;
  accountId: string;
  functionName: string;
}

export interface StreamKindAdapter<R extends ShardRecord = ShardRecord> {
  kind: 'kinesis' | 'dynamodb';
  /** The source, when `x` is one this kind reads. */
  sourceOf(x: unknown): ShardSource<R> | undefined;
  /** One record of the event, as the function gets it. */
  record(source: ShardSource<R>, r: R, shardId: string, c: RecordContext): Record<string, unknown>;
  /** The key of the failure record's batch description. */
  batchInfoKey: 'KinesisBatchInfo' | 'DDBStreamBatchInfo';
  /** What the pollers call the source in messages. */
  noun: string;
}

export const kinesisAdapter: StreamKindAdapter<StreamRecord> = {
  kind: 'kinesis',
  noun: 'stream',
  batchInfoKey: 'KinesisBatchInfo',
  sourceOf: (x) => (x instanceof LocalStream ? x : undefined),
  record: (source, r, shardId, c) => ({
    kinesis: { kinesisSchemaVersion: '1.0', partitionKey: r.partitionKey, sequenceNumber: r.sequenceNumber, data: r.data, approximateArrivalTimestamp: r.arrival / 1000 },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${r.sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    // The function's execution role is not modelled locally; the ARN has the shape Lambda sends.
    invokeIdentityArn: `arn:aws:iam::${c.accountId}:role/${c.functionName}-role`,
    awsRegion: c.region,
    eventSourceARN: source.arn,
  }),
};

export const dynamodbAdapter: StreamKindAdapter<TableStreamRecord> = {
  kind: 'dynamodb',
  noun: 'table stream',
  batchInfoKey: 'DDBStreamBatchInfo',
  sourceOf: (x) => (x instanceof LocalTable && x.decl.streamArn ? x : undefined),
  record: (source, r, _shardId, c) => ({
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: c.region,
    dynamodb: (source as LocalTable).dynamodbOf(r),
    eventSourceARN: source.arn,
  }),
};

/** Lambda's ISO times in window bounds have no milliseconds. */
export function windowTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface FailureRecordInput {
  requestId?: string;
  functionArn: string;
  condition: 'RetryAttemptsExhausted' | 'RecordAgeExceeded';
  approximateInvokeCount: number;
  /** The last attempt's outcome, when there was one. */
  response?: { executedVersion: string; functionError?: string };
  now: number;
  shardId: string;
  streamArn: string;
  records: readonly ShardRecord[];
}

/** The on-failure destination record (§10): metadata about the batch, not its records. */
export function failureRecord(adapter: StreamKindAdapter, f: FailureRecordInput): Record<string, unknown> {
  const first = f.records[0];
  const last = f.records[f.records.length - 1];
  return {
    requestContext: { requestId: f.requestId ?? '', functionArn: f.functionArn, condition: f.condition, approximateInvokeCount: f.approximateInvokeCount },
    ...(f.response ? { responseContext: { statusCode: 200, executedVersion: f.response.executedVersion, ...(f.response.functionError ? { functionError: f.response.functionError } : {}) } } : {}),
    version: '1.0',
    timestamp: new Date(f.now).toISOString(),
    [adapter.batchInfoKey]: {
      shardId: f.shardId,
      startSequenceNumber: first.sequenceNumber,
      endSequenceNumber: last.sequenceNumber,
      approximateArrivalOfFirstRecord: new Date(first.arrival).toISOString(),
      approximateArrivalOfLastRecord: new Date(last.arrival).toISOString(),
      batchSize: f.records.length,
      streamArn: f.streamArn,
    },
  };
}
