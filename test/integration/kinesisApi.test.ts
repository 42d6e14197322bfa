// Integration: the local Kinesis endpoint driven by @aws-sdk/client-kinesis (over HTTP/1.1: its default handler
// is HTTP/2, which the local server does not speak) and by the AWS CLI v1, against the real API server and the
// durable streams on a virtual engine clock: stream management, shard hashing (MD5 of the partition key computed
// here independently, ExplicitHashKey), the five iterator types, GetRecords (Data, arrival time,
// MillisBehindLatest, NextShardIterator), iterator expiry, retention, and Kinesis's errors.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  InvalidArgumentException,
  KinesisClient,
  ListShardsCommand,
  ListStreamsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type ShardIteratorType,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { VirtualClock } from '../../src/core/common/clock';
import { fixtures } from './helpers/engine';
import { startApiEngine, type ApiEngine } from './helpers/lambdaApi';

const hasAwsCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
const T0 = Date.UTC(2026, 0, 1);

/** The shard a partition key lands in among n even shards, computed from Kinesis's documented rule. */
function expectedShard(partitionKey: string, n: number): string {
  const h = BigInt(`0x${createHash('md5').update(partitionKey).digest('hex')}`);
  const size = (1n << 128n) / BigInt(n);
  const i = Math.min(n - 1, Number(h / size));
  return `shardId-${String(i).padStart(12, '0')}`;
}

describe('Kinesis through @aws-sdk/client-kinesis and the AWS CLI', () => {
  let e: ApiEngine;
  let k: KinesisClient;
  let clock: VirtualClock;
  before(async () => {
    clock = new VirtualClock(T0);
    e = await startApiEngine({ engineClock: clock }, join(fixtures, 'streams'));
    k = new KinesisClient({ endpoint: e.api.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' }, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
  });
  after(async () => {
    k.destroy();
    await e.dispose();
  });

  const iterator = async (stream: string, shard: string, type: ShardIteratorType, extra: Record<string, unknown> = {}) =>
    (await k.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard, ShardIteratorType: type, ...extra }))).ShardIterator!;
  const texts = (rs: { Data?: Uint8Array }[] | undefined) => (rs ?? []).map((r) => Buffer.from(r.Data!).toString('utf8'));

  test('the template stream: described with 4 shards covering the hash-key space, listed, summarised', async () => {
    const d = (await k.send(new DescribeStreamCommand({ StreamName: 'clicks' }))).StreamDescription!;
    assert.equal(d.StreamStatus, 'ACTIVE');
    assert.equal(d.StreamARN, 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks');
    assert.equal(d.RetentionPeriodHours, 48);
    assert.equal(d.Shards!.length, 4);
    assert.equal(d.Shards![0].HashKeyRange!.StartingHashKey, '0');
    assert.equal(d.Shards![3].HashKeyRange!.EndingHashKey, ((1n << 128n) - 1n).toString());
    for (let i = 1; i < 4; i++) assert.equal(BigInt(d.Shards![i].HashKeyRange!.StartingHashKey!), BigInt(d.Shards![i - 1].HashKeyRange!.EndingHashKey!) + 1n);
    const s = (await k.send(new DescribeStreamSummaryCommand({ StreamARN: d.StreamARN }))).StreamDescriptionSummary!;
    assert.equal(s.OpenShardCount, 4);
    assert.deepEqual((await k.send(new ListShardsCommand({ StreamName: 'clicks' }))).Shards!.map((x) => x.ShardId), d.Shards!.map((x) => x.ShardId));
    assert.ok((await k.send(new ListStreamsCommand({}))).StreamNames!.includes('clicks'));
  });

  test('PutRecord hashes the partition key with MD5 into its shard; ExplicitHashKey overrides it; sequence numbers increase', async () => {
    const keys = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
    let last = 0n;
    for (const pk of keys) {
      const r = await k.send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: pk, Data: Buffer.from(`v-${pk}`) }));
      assert.equal(r.ShardId, expectedShard(pk, 4), pk);
      assert.match(r.SequenceNumber!, /^\d{56}$/);
      assert.ok(BigInt(r.SequenceNumber!) > last);
      last = BigInt(r.SequenceNumber!);
    }
    const top = await k.send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: 'alpha', ExplicitHashKey: ((1n << 128n) - 1n).toString(), Data: Buffer.from('top') }));
    assert.equal(top.ShardId, 'shardId-000000000003');
    const zero = await k.send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: 'alpha', ExplicitHashKey: '0', Data: Buffer.from('bottom') }));
    assert.equal(zero.ShardId, 'shardId-000000000000');
    await assert.rejects(k.send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: 'a', ExplicitHashKey: (1n << 128n).toString(), Data: Buffer.from('x') })), InvalidArgumentException);
  });

  test('iterators: TRIM_HORIZON, LATEST, AT/AFTER_SEQUENCE_NUMBER, AT_TIMESTAMP; GetRecords pages with NextShardIterator and MillisBehindLatest', async () => {
    await k.send(new CreateStreamCommand({ StreamName: 'one', ShardCount: 1 }));
    await assert.rejects(k.send(new CreateStreamCommand({ StreamName: 'one', ShardCount: 1 })), ResourceInUseException);
    const shard = 'shardId-000000000000';
    const put = await k.send(new PutRecordsCommand({ StreamName: 'one', Records: ['r1', 'r2', 'r3'].map((d) => ({ Data: Buffer.from(d), PartitionKey: d })) }));
    assert.equal(put.FailedRecordCount, 0);
    const seqs = put.Records!.map((r) => r.SequenceNumber!);
    const latest = await iterator('one', shard, 'LATEST');
    clock.advance(10_000);
    await k.send(new PutRecordCommand({ StreamName: 'one', PartitionKey: 'r4', Data: Buffer.from('r4') }));
    clock.advance(2_000);

    const first = await k.send(new GetRecordsCommand({ ShardIterator: await iterator('one', shard, 'TRIM_HORIZON'), Limit: 2 }));
    assert.deepEqual(texts(first.Records), ['r1', 'r2']);
    assert.equal(first.Records![0].PartitionKey, 'r1');
    assert.equal(first.Records![0].ApproximateArrivalTimestamp!.getTime(), clock.now() - 12_000);
    assert.equal(first.MillisBehindLatest, 12_000, 'r3, the next unread record, arrived 12 s ago');
    const second = await k.send(new GetRecordsCommand({ ShardIterator: first.NextShardIterator }));
    assert.deepEqual(texts(second.Records), ['r3', 'r4']);
    assert.equal(second.MillisBehindLatest, 0);
    const empty = await k.send(new GetRecordsCommand({ ShardIterator: second.NextShardIterator }));
    assert.deepEqual(empty.Records, []);
    assert.ok(empty.NextShardIterator);

    assert.deepEqual(texts((await k.send(new GetRecordsCommand({ ShardIterator: latest }))).Records), ['r4']);
    assert.deepEqual(texts((await k.send(new GetRecordsCommand({ ShardIterator: await iterator('one', shard, 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: seqs[1] }) }))).Records), ['r2', 'r3', 'r4']);
    assert.deepEqual(texts((await k.send(new GetRecordsCommand({ ShardIterator: await iterator('one', shard, 'AFTER_SEQUENCE_NUMBER', { StartingSequenceNumber: seqs[1] }) }))).Records), ['r3', 'r4']);
    const at = await iterator('one', shard, 'AT_TIMESTAMP', { Timestamp: new Date(clock.now() - 5_000) });
    assert.deepEqual(texts((await k.send(new GetRecordsCommand({ ShardIterator: at }))).Records), ['r4']);
    await assert.rejects(iterator('one', shard, 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: '12345' }), InvalidArgumentException);

    // An iterator lives 5 minutes on the engine clock.
    const old = await iterator('one', shard, 'TRIM_HORIZON');
    clock.advance(5 * 60_000 + 1);
    await assert.rejects(k.send(new GetRecordsCommand({ ShardIterator: old })), ExpiredIteratorException);
    await assert.rejects(k.send(new GetRecordsCommand({ ShardIterator: 'bm90IGFuIGl0ZXJhdG9y' })), InvalidArgumentException);
  });

  test('records older than the retention period are gone from TRIM_HORIZON', async () => {
    await k.send(new CreateStreamCommand({ StreamName: 'short', ShardCount: 1 }));
    await k.send(new PutRecordCommand({ StreamName: 'short', PartitionKey: 'p', Data: Buffer.from('old') }));
    clock.advance(23 * 3_600_000);
    await k.send(new PutRecordCommand({ StreamName: 'short', PartitionKey: 'p', Data: Buffer.from('new') }));
    clock.advance(2 * 3_600_000);
    const r = await k.send(new GetRecordsCommand({ ShardIterator: await iterator('short', 'shardId-000000000000', 'TRIM_HORIZON') }));
    assert.deepEqual(texts(r.Records), ['new']);
  });

  test('errors: unknown stream and shard, bad partition key, DeleteStream', async () => {
    await assert.rejects(k.send(new DescribeStreamCommand({ StreamName: 'nope' })), (err: Error) => err instanceof ResourceNotFoundException && /nope/.test(err.message) && /clicks/.test(err.message));
    await assert.rejects(iterator('clicks', 'shardId-000000000009', 'LATEST'), ResourceNotFoundException);
    await assert.rejects(k.send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: '', Data: Buffer.from('x') })), (err: Error) => err.name === 'ValidationException');
    await k.send(new CreateStreamCommand({ StreamName: 'gone', ShardCount: 2 }));
    await k.send(new DeleteStreamCommand({ StreamName: 'gone' }));
    await assert.rejects(k.send(new DescribeStreamCommand({ StreamName: 'gone' })), ResourceNotFoundException);
  });

  test('functions get AWS_ENDPOINT_URL_KINESIS: this server', async () => {
    const r = await e.service.invoke('endpoint-probe', '{}');
    assert.deepEqual(JSON.parse(r.payload.toString('utf8')), { kinesis: e.api.url });
  });

  test('the AWS CLI v1: put-record takes --data as text (it base64-encodes it), get-records answers base64', { skip: !hasAwsCli && 'the aws CLI is not installed' }, async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local', AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    const aws = (...args: string[]) =>
      new Promise<Record<string, any>>((resolve, reject) =>
        execFile('aws', ['kinesis', ...args, '--endpoint-url', e.api.url, '--output', 'json'], { env }, (err, stdout, stderr) => (err ? reject(new Error(`${String(err)}\n${stderr}`)) : resolve(stdout.trim() ? (JSON.parse(stdout) as Record<string, any>) : {}))),
      );
    await aws('create-stream', '--stream-name', 'cli', '--shard-count', '1');
    const put = await aws('put-record', '--stream-name', 'cli', '--partition-key', 'k1', '--data', '{"from":"cli"}');
    assert.equal(put.ShardId, 'shardId-000000000000');
    const it = await aws('get-shard-iterator', '--stream-name', 'cli', '--shard-id', 'shardId-000000000000', '--shard-iterator-type', 'TRIM_HORIZON');
    const got = await aws('get-records', '--shard-iterator', it.ShardIterator);
    assert.equal(got.Records.length, 1);
    assert.equal(Buffer.from(got.Records[0].Data, 'base64').toString('utf8'), '{"from":"cli"}');
    assert.equal(got.Records[0].SequenceNumber, put.SequenceNumber);
    const sdk = await k.send(new GetRecordsCommand({ ShardIterator: await iterator('cli', 'shardId-000000000000', 'TRIM_HORIZON') }));
    assert.deepEqual(texts(sdk.Records), ['{"from":"cli"}']);
    const described = await aws('describe-stream-summary', '--stream-name', 'cli');
    assert.equal(described.StreamDescriptionSummary.OpenShardCount, 1);
  });
});
