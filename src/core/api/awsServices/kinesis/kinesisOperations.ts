// core/api/awsServices/kinesis: the Kinesis operations the SDKs and the AWS CLI use, as rows over the local
// streams (service.streams). JSON 1.1 shapes: timestamps are epoch seconds (numbers), Data is base64.
import type { LocalStream, PutRecordInput } from '../../../events/stream/localStream';
import type { StreamsFacade } from '../../../events/stream/streamsFacade';
import { StreamError } from '../../../events/stream/streamErrors';

type In = Record<string, unknown>;
export type KinesisOperation = (streams: StreamsFacade, input: In) => Promise<In>;

function streamOf(streams: StreamsFacade, input: In): Promise<LocalStream> {
  const id = typeof input.StreamARN === 'string' ? input.StreamARN : typeof input.StreamName === 'string' ? input.StreamName : undefined;
  if (!id) throw new StreamError('ValidationException', 'Either StreamName or StreamARN must be given.');
  return streams.stream(id);
}

const seconds = (ms: number) => ms / 1000;

function shards(s: LocalStream): In[] {
  return s.ranges.map((r) => ({ ShardId: r.shardId, HashKeyRange: { StartingHashKey: r.start.toString(), EndingHashKey: r.end.toString() }, SequenceNumberRange: { StartingSequenceNumber: `49${'0'.repeat(44)}${r.shardId.slice(-10)}` } }));
}

function summary(s: LocalStream): In {
  return { StreamName: s.name, StreamARN: s.arn, StreamStatus: 'ACTIVE', StreamModeDetails: { StreamMode: 'PROVISIONED' }, RetentionPeriodHours: s.decl.retentionHours, StreamCreationTimestamp: seconds(s.decl.createdAt ?? 0), EnhancedMonitoring: [{ ShardLevelMetrics: [] }], EncryptionType: 'NONE' };
}

export const KINESIS_OPERATIONS: Record<string, KinesisOperation> = {
  CreateStream: async (streams, input) => {
    const count = input.ShardCount === undefined ? (isOnDemand(input) ? 4 : 1) : Number(input.ShardCount);
    await streams.create(String(input.StreamName ?? ''), count);
    return {};
  },
  DeleteStream: async (streams, input) => {
    await streams.delete(String(input.StreamARN ?? input.StreamName ?? ''));
    return {};
  },
  DescribeStream: async (streams, input) => {
    const s = await streamOf(streams, input);
    return { StreamDescription: { ...summary(s), Shards: shards(s), HasMoreShards: false } };
  },
  DescribeStreamSummary: async (streams, input) => {
    const s = await streamOf(streams, input);
    return { StreamDescriptionSummary: { ...summary(s), OpenShardCount: s.ranges.length, ConsumerCount: 0 } };
  },
  ListStreams: async (streams) => {
    const all = await streams.streams();
    return { StreamNames: all.map((s) => s.name), HasMoreStreams: false, StreamSummaries: all.map((s) => ({ StreamName: s.name, StreamARN: s.arn, StreamStatus: 'ACTIVE', StreamModeDetails: { StreamMode: 'PROVISIONED' }, StreamCreationTimestamp: seconds(s.decl.createdAt ?? 0) })) };
  },
  ListShards: async (streams, input) => ({ Shards: shards(await streamOf(streams, input)) }),
  PutRecord: async (streams, input) => ({ ...(await (await streamOf(streams, input)).putRecord(input as unknown as PutRecordInput)), EncryptionType: 'NONE' }),
  PutRecords: async (streams, input) => {
    const records = Array.isArray(input.Records) ? (input.Records as PutRecordInput[]) : [];
    const out = await (await streamOf(streams, input)).putRecords(records);
    return { FailedRecordCount: 0, Records: out, EncryptionType: 'NONE' };
  },
  GetShardIterator: async (streams, input) => ({ ShardIterator: (await streamOf(streams, input)).shardIterator(input) }),
  GetRecords: async (streams, input) => {
    const arn = streamArnOfIterator(input.ShardIterator);
    const s = await streams.stream(arn);
    const r = s.getRecords(input.ShardIterator, input.Limit === undefined ? undefined : Number(input.Limit));
    return { Records: r.records.map((x) => ({ SequenceNumber: x.sequenceNumber, ApproximateArrivalTimestamp: seconds(x.arrival), Data: x.data, PartitionKey: x.partitionKey })), NextShardIterator: r.next, MillisBehindLatest: r.millisBehindLatest };
  },
};

function isOnDemand(input: In): boolean {
  const m = input.StreamModeDetails as { StreamMode?: string } | undefined;
  return m?.StreamMode === 'ON_DEMAND';
}

function streamArnOfIterator(iterator: unknown): string {
  try {
    const t = JSON.parse(Buffer.from(String(iterator), 'base64').toString('utf8')) as { a?: unknown };
    if (typeof t.a === 'string') return t.a;
  } catch {
    // reported below
  }
  throw new StreamError('InvalidArgumentException', 'ShardIterator is not a shard iterator this server handed out (get one with GetShardIterator).');
}
