// core/samples: data sources — S3 notifications, DynamoDB and Kinesis streams (lambda-semantics.md §11.3, §11.4),
// Data Firehose transformation, Amazon MSK and self-managed Kafka.
import { randomUUID } from 'node:crypto';
import { b64, digits, hex, token } from './sampleHelpers';
import { flag, type SampleContext, type SampleEvent } from './sampleTypes';

function s3Record(ctx: SampleContext, eventName: string): Record<string, unknown> {
  const { bucket, key } = ctx.flags;
  const put = eventName.startsWith('ObjectCreated');
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: ctx.region,
    eventTime: ctx.now.toISOString(),
    eventName,
    userIdentity: { principalId: `AWS:${hex(10).toUpperCase()}` },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': hex(8).toUpperCase(), 'x-amz-id-2': token() },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: randomUUID(),
      bucket: { name: bucket, ownerIdentity: { principalId: hex(7).toUpperCase() }, arn: `arn:${ctx.partition}:s3:::${bucket}` },
      // Keys are URL-encoded in S3 notifications (a space arrives as '+').
      object: { key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'), ...(put ? { size: Number(ctx.flags.size ?? 1024), eTag: hex(16) } : {}), sequencer: hex(9).toUpperCase() },
    },
  };
}

const s3Flags = { bucket: flag('example-bucket', 'bucket name'), key: flag('test/key', 'object key') };
const s3Put: SampleEvent = {
  service: 's3',
  event: 'put',
  label: 'S3 Put',
  description: 'ObjectCreated:Put on a bucket',
  flags: { ...s3Flags, size: flag('1024', 'object size in bytes') },
  create: (ctx) => ({ Records: [s3Record(ctx, 'ObjectCreated:Put')] }),
};
const s3Delete: SampleEvent = {
  service: 's3',
  event: 'delete',
  label: 'S3 Delete',
  description: 'ObjectRemoved:Delete on a bucket',
  flags: s3Flags,
  create: (ctx) => ({ Records: [s3Record(ctx, 'ObjectRemoved:Delete')] }),
};

const dynamodb: SampleEvent = {
  service: 'dynamodb',
  event: 'update',
  label: 'DynamoDB Streams',
  description: 'INSERT, MODIFY and REMOVE records (NEW_AND_OLD_IMAGES)',
  flags: { table: flag('ExampleTable', 'table name') },
  create: (ctx) => {
    const seconds = Math.floor(ctx.now.getTime() / 1000);
    const arn = `arn:${ctx.partition}:dynamodb:${ctx.region}:${ctx.accountId}:table/${ctx.flags.table}/stream/${ctx.now.toISOString().slice(0, 23)}`;
    const keys = { Id: { N: '101' } };
    const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', seq: number, image?: Record<string, unknown>, old?: Record<string, unknown>): unknown => ({
      eventID: hex(16),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: ctx.region,
      dynamodb: {
        ApproximateCreationDateTime: seconds,
        Keys: keys,
        ...(image ? { NewImage: image } : {}),
        ...(old ? { OldImage: old } : {}),
        SequenceNumber: String(seq) + digits(20),
        SizeBytes: 26,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: arn,
    });
    const first = { Id: { N: '101' }, Message: { S: 'New item!' } };
    const second = { Id: { N: '101' }, Message: { S: 'This item has changed' } };
    return { Records: [record('INSERT', 1, first), record('MODIFY', 2, second, first), record('REMOVE', 3, undefined, second)] };
  },
};

const kinesis: SampleEvent = {
  service: 'kinesis',
  event: 'get-records',
  label: 'Kinesis Data Streams',
  description: 'one record with base64 data',
  flags: { data: flag('Hello, this is a test.', 'record data (sent base64-encoded)'), 'partition-key': flag('1', 'partition key'), stream: flag('my-stream', 'stream name') },
  create: (ctx) => {
    const sequenceNumber = '4959' + digits(52);
    return {
      Records: [{
        kinesis: { kinesisSchemaVersion: '1.0', partitionKey: ctx.flags['partition-key'], sequenceNumber, data: b64(ctx.flags.data), approximateArrivalTimestamp: ctx.now.getTime() / 1000 },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000000:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: `arn:${ctx.partition}:iam::${ctx.accountId}:role/lambda-role`,
        awsRegion: ctx.region,
        eventSourceARN: `arn:${ctx.partition}:kinesis:${ctx.region}:${ctx.accountId}:stream/${ctx.flags.stream}`,
      }],
    };
  },
};

const firehose: SampleEvent = {
  service: 'kinesis',
  event: 'kinesis-firehose',
  label: 'Data Firehose transformation',
  description: 'records to transform, base64 data',
  flags: { data: flag('Hello, this is a test 123.', 'record data (sent base64-encoded)'), stream: flag('my-delivery-stream', 'delivery stream name') },
  create: (ctx) => ({
    invocationId: randomUUID(),
    deliveryStreamArn: `arn:${ctx.partition}:firehose:${ctx.region}:${ctx.accountId}:deliverystream/${ctx.flags.stream}`,
    region: ctx.region,
    records: [{ recordId: `${digits(56)}000000000000`, approximateArrivalTimestamp: ctx.now.getTime(), data: b64(ctx.flags.data) }],
  }),
};

function kafkaEvent(ctx: SampleContext, selfManaged: boolean): Record<string, unknown> {
  const { topic, value, key } = ctx.flags;
  const record = { topic, partition: 0, offset: 15, timestamp: ctx.now.getTime(), timestampType: 'CREATE_TIME', key: b64(key), value: b64(value), headers: [{ headerKey: [104, 101, 97, 100, 101, 114, 86, 97, 108, 117, 101] }] };
  return {
    eventSource: selfManaged ? 'SelfManagedKafka' : 'aws:kafka',
    ...(selfManaged ? {} : { eventSourceArn: `arn:${ctx.partition}:kafka:${ctx.region}:${ctx.accountId}:cluster/vpc-2priv-2pub/${randomUUID()}-2` }),
    bootstrapServers: selfManaged ? 'broker-1.example.com:9092,broker-2.example.com:9092' : `b-2.demo-cluster-1.a1bcde.c1.kafka.${ctx.region}.amazonaws.com:9092,b-1.demo-cluster-1.a1bcde.c1.kafka.${ctx.region}.amazonaws.com:9092`,
    records: { [`${topic}-0`]: [record] },
  };
}
const kafkaFlags = { topic: flag('mytopic', 'topic'), key: flag('key-1', 'record key (sent base64-encoded)'), value: flag('Hello, this is a test.', 'record value (sent base64-encoded)') };
const msk: SampleEvent = { service: 'kafka', event: 'msk', label: 'Amazon MSK', description: 'one record from an MSK topic', flags: kafkaFlags, create: (ctx) => kafkaEvent(ctx, false) };
const selfManagedKafka: SampleEvent = { service: 'kafka', event: 'self-managed', label: 'Self-managed Apache Kafka', description: 'one record from a self-managed cluster', flags: kafkaFlags, create: (ctx) => kafkaEvent(ctx, true) };

export const DATA_SAMPLES: readonly SampleEvent[] = [s3Put, s3Delete, dynamodb, kinesis, firehose, msk, selfManagedKafka];
