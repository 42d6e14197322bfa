// Integration: the stream poller rows (kinesis, dynamodb) driven as the mapping layer drives them (helpers/
// streamPollers.ts), invoking the real recorder function in child processes, on a virtual engine clock. Record
// shapes (§11.3, §11.4), per-shard order, batch size and batching window, partial batch responses (checkpoint
// before the lowest failed sequence number), bisect, retry and record-age limits with failure records (§10,
// golden files), per-key order with ParallelizationFactor 2, tumbling windows with state, filters, and the
// checkpoint kept across a restart of the poller.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { VirtualClock } from '../../src/core/common/clock';
import { fixtures, startEngine, type TestEngine } from './helpers/engine';
import { assertGolden } from './helpers/golden';
import { startStreamPoller, type RunningPoller } from './helpers/streamPollers';

const T0 = Date.UTC(2026, 0, 1);

describe('stream pollers', () => {
  let e: TestEngine;
  let clock: VirtualClock;
  const pollers: RunningPoller[] = [];
  before(() => {
    clock = new VirtualClock(T0);
    e = startEngine(join(fixtures, 'streams'), { engineClock: clock });
  });
  after(async () => {
    for (const p of pollers) await p.handle.stop();
    await e.dispose();
  });

  /** Lets real work (invokes in child processes) happen; when nothing changes, moves the engine clock by `step`. */
  async function drive(done: () => boolean, step = 1000, rounds = 600): Promise<void> {
    for (let i = 0; i < rounds && !done(); i++) {
      await new Promise((r) => setTimeout(r, 15));
      if (!done() && i % 3 === 2) clock.advance(step);
    }
    assert.ok(done(), 'the poller did not get there');
  }
  const start = (s: Parameters<typeof startStreamPoller>[2], uuid?: string) => {
    const p = startStreamPoller(e, clock, s, uuid);
    pollers.push(p);
    return p;
  };
  const put = async (stream: string, ...texts: string[]) => {
    const out: string[] = [];
    for (const t of texts) out.push((await e.service.streams.put(stream, t, t.split(':')[0])).SequenceNumber);
    return out;
  };
  /** Several records in one PutRecords (one fsync, seen by the poller together). */
  const putAll = async (stream: string, ...texts: string[]) => (await e.service.streams.stream(stream)).putRecords(texts.map((t) => ({ Data: Buffer.from(t).toString('base64'), PartitionKey: t.split(':')[0] })));
  const datas = (ev: Record<string, any>) => (ev.Records as any[]).map((r) => Buffer.from(r.kinesis.data, 'base64').toString('utf8'));
  const failures = async () => (await (await e.service.async.resources()).queue('stream-failures')).peek().map((m) => JSON.parse(m.body) as Record<string, any>);

  test('kinesis: the exact record shape, one shard per batch, BatchSize, order kept', async () => {
    const s = await e.service.streams.create('shape', 1);
    const seqs = await put('shape', 'a:1', 'b:2', 'c:3', 'd:4', 'e:5');
    const p = start({ kind: 'kinesis', eventSourceArn: s.arn, batchSize: 2 });
    await drive(() => p.events.length >= 3);
    assert.deepEqual(p.events.map(datas), [['a:1', 'b:2'], ['c:3', 'd:4'], ['e:5']]);
    assert.deepEqual(p.events[0].Records[0], {
      kinesis: { kinesisSchemaVersion: '1.0', partitionKey: 'a', sequenceNumber: seqs[0], data: Buffer.from('a:1').toString('base64'), approximateArrivalTimestamp: T0 / 1000 },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `shardId-000000000000:${seqs[0]}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: 'arn:aws:iam::123456789012:role/recorder-role',
      awsRegion: 'us-east-1',
      eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/shape',
    });
    assert.deepEqual(Object.keys(p.events[0]), ['Records']);
    await p.handle.stop();
  });

  test('MaximumBatchingWindowInSeconds: a short batch waits for the window; a full one goes at once', async () => {
    const s = await e.service.streams.create('window', 1);
    const p = start({ kind: 'kinesis', eventSourceArn: s.arn, batchSize: 3, maximumBatchingWindowInSeconds: 5 });
    await put('window', 'a:1', 'b:2');
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 15));
    assert.equal(p.events.length, 0, 'two records, batch size 3: the window holds them');
    await put('window', 'c:3');
    await drive(() => p.events.length === 1, 0);
    assert.deepEqual(datas(p.events[0]), ['a:1', 'b:2', 'c:3']);
    await put('window', 'd:4');
    await drive(() => p.events.length === 2, 1000);
    assert.deepEqual(datas(p.events[1]), ['d:4']);
    await p.handle.stop();
  });

  test('ReportBatchItemFailures: checkpoint before the lowest failed sequence number, retry from it; retries run out → failure record', async () => {
    const s = await e.service.streams.create('partial', 1);
    const before = (await failures()).length;
    const seqs = await put('partial', 'a:1', 'partial', 'c:3', 'd:4');
    const p = start({ kind: 'kinesis', eventSourceArn: s.arn, functionResponseTypes: ['ReportBatchItemFailures'], maximumRetryAttempts: 1, onFailureDestination: 'arn:aws:sqs:us-east-1:123456789012:stream-failures' });
    await drive(() => p.reports.some((r) => r.note?.includes('failure record sent')));
    assert.deepEqual(p.events.map(datas), [
      ['a:1', 'partial', 'c:3', 'd:4'],
      ['partial', 'c:3', 'd:4'],
    ]);
    const f = (await failures()).slice(before);
    assert.equal(f.length, 1);
    assert.equal(f[0].KinesisBatchInfo.startSequenceNumber, seqs[1]);
    assert.equal(f[0].KinesisBatchInfo.endSequenceNumber, seqs[3]);
    assert.equal(f[0].requestContext.approximateInvokeCount, 2);
    assertGolden('streams/kinesis-partial-failure-record.json', `${JSON.stringify(f[0], null, 2)}\n`, [...seqs.map((q, i): [string, string] => [q, `<SEQ${i}>`])]);
    // The stream moves on: a later record is delivered alone.
    await put('partial', 'e:5');
    await drive(() => p.events.length === 3);
    assert.deepEqual(datas(p.events[2]), ['e:5']);
    await p.handle.stop();
  });

  test('BisectBatchOnFunctionError: the failing batch is halved until the bad record is alone (no retries used); it is discarded after MaximumRetryAttempts', async () => {
    const s = await e.service.streams.create('bisect', 1);
    const before = (await failures()).length;
    await put('bisect', 'a:1', 'b:2', 'fail', 'd:4');
    const p = start({ kind: 'kinesis', eventSourceArn: s.arn, bisectBatchOnFunctionError: true, maximumRetryAttempts: 0, onFailureDestination: 'arn:aws:sqs:us-east-1:123456789012:stream-failures' });
    await drive(() => p.events.length >= 5);
    assert.deepEqual(p.events.map(datas), [['a:1', 'b:2', 'fail', 'd:4'], ['a:1', 'b:2'], ['fail', 'd:4'], ['fail'], ['d:4']]);
    const f = (await failures()).slice(before);
    assert.equal(f.length, 1);
    assert.equal(f[0].KinesisBatchInfo.batchSize, 1);
    assert.equal(f[0].requestContext.condition, 'RetryAttemptsExhausted');
    assert.equal(f[0].responseContext.functionError, 'Unhandled');
    await p.handle.stop();
  });

  test('a failing batch blocks its shard and is retried until MaximumRecordAgeInSeconds passes', async () => {
    const s = await e.service.streams.create('aged', 1);
    const before = (await failures()).length;
    await put('aged', 'fail');
    const p = start({ kind: 'kinesis', eventSourceArn: s.arn, maximumRecordAgeInSeconds: 60, onFailureDestination: 'arn:aws:sqs:us-east-1:123456789012:stream-failures' });
    await drive(() => p.events.length >= 5);
    await put('aged', 'later:1');
    await drive(() => p.events.some((ev) => datas(ev).includes('later:1')));
    const blocked = p.events.findIndex((ev) => datas(ev).includes('later:1'));
    assert.ok(p.events.slice(0, blocked).every((ev) => datas(ev).join() === 'fail'), 'nothing after the failing record ran before it was given up');
    assert.ok(blocked >= 6, `${blocked} attempts of the failing record`);
    const f = (await failures()).slice(before);
    assert.equal(f.length, 1);
    assert.equal(f[0].requestContext.condition, 'RecordAgeExceeded');
    await p.handle.stop();
  });

  test('ParallelizationFactor 2: records of one key stay in order, each batch holds one lane\'s keys', async () => {
    const s = await e.service.streams.create('parallel', 1);
    const texts: string[] = [];
    for (let i = 0; i < 6; i++) for (const k of ['k1', 'k2', 'k3', 'k4', 'k5']) texts.push(`${k}:${i}`);
    await put('parallel', ...texts);
    const p = start({ kind: 'kinesis', eventSourceArn: s.arn, parallelizationFactor: 2, batchSize: 4 });
    await drive(() => p.events.reduce((n, ev) => n + ev.Records.length, 0) >= texts.length);
    const seen = p.events.flatMap(datas);
    assert.deepEqual([...seen].sort(), [...texts].sort());
    for (const k of ['k1', 'k2', 'k3', 'k4', 'k5']) assert.deepEqual(seen.filter((t) => t.startsWith(`${k}:`)), [0, 1, 2, 3, 4, 5].map((i) => `${k}:${i}`), k);
    const laneKeys = p.events.map((ev) => new Set(datas(ev).map((t) => t.split(':')[0])));
    // Two lanes: the keys split into two groups that never share a batch.
    const groups: Set<string>[] = [];
    for (const keys of laneKeys) {
      const g = groups.find((x) => [...keys].some((k) => x.has(k)));
      if (g) keys.forEach((k) => g.add(k));
      else groups.push(new Set(keys));
    }
    assert.equal(groups.length, 2, `key groups: ${JSON.stringify(groups.map((g) => [...g]))}`);
    await p.handle.stop();
  });

  test('TumblingWindowInSeconds: state carried between invokes of a window, then a final invoke', async () => {
    const s = await e.service.streams.create('tumbling', 1);
    clock.advance(60_000 - (clock.now() % 60_000)); // the start of a minute
    const p = start({ kind: 'kinesis', eventSourceArn: s.arn, tumblingWindowInSeconds: 60 });
    await putAll('tumbling', 'a:1', 'b:2', 'c:3');
    await drive(() => p.events.length === 1, 0);
    await putAll('tumbling', 'd:4', 'e:5');
    await drive(() => p.events.length === 2, 0);
    await drive(() => p.events.length === 3, 10_000);
    const w = { start: new Date(clock.now() - (clock.now() % 60_000) - 60_000).toISOString().replace('.000Z', 'Z') };
    assert.deepEqual(
      p.events.map((ev) => ({ n: ev.Records.length, state: ev.state, final: ev.isFinalInvokeForWindow, early: ev.isWindowTerminatedEarly, start: ev.window.start, shardId: ev.shardId, arn: ev.eventSourceARN })),
      [
        { n: 3, state: {}, final: false, early: false, start: w.start, shardId: 'shardId-000000000000', arn: s.arn },
        { n: 2, state: { count: 3 }, final: false, early: false, start: w.start, shardId: 'shardId-000000000000', arn: s.arn },
        { n: 0, state: { count: 5 }, final: true, early: false, start: w.start, shardId: 'shardId-000000000000', arn: s.arn },
      ],
    );
    assert.equal(Date.parse(p.events[0].window.end) - Date.parse(p.events[0].window.start), 60_000);
    await p.handle.stop();
  });

  test('TumblingWindowInSeconds: a state over 1 MB ends the window early (isWindowTerminatedEarly)', async () => {
    const s = await e.service.streams.create('tumbling-big', 1);
    clock.advance(60_000 - (clock.now() % 60_000));
    const p = start({ kind: 'kinesis', eventSourceArn: s.arn, tumblingWindowInSeconds: 60 });
    await putAll('tumbling-big', 'big');
    await drive(() => p.events.length === 2, 0);
    assert.deepEqual(
      p.events.map((ev) => [ev.Records.length, ev.isFinalInvokeForWindow, ev.isWindowTerminatedEarly]),
      [
        [1, false, false],
        [0, true, true],
      ],
    );
    assert.ok(p.events[1].state.blob.length > 1024 * 1024);
    await p.handle.stop();
  });

  test('FilterCriteria on the data: records not matching are skipped and the shard moves past them', async () => {
    const s = await e.service.streams.create('filtered', 1);
    await put('filtered', '{"type":"keep","n":1}', '{"type":"drop"}', 'not json', '{"type":"keep","n":2}');
    const p = start({ kind: 'kinesis', eventSourceArn: s.arn, filterCriteria: { Filters: [{ Pattern: '{"data":{"type":["keep"]}}' }] } });
    await drive(() => p.reports.length >= 1);
    assert.deepEqual(p.events.map(datas), [['{"type":"keep","n":1}', '{"type":"keep","n":2}']]);
    assert.equal(p.reports[0].filtered, 2);
    await put('filtered', '{"type":"drop"}');
    await drive(() => p.reports.some((r) => r.outcome === 'filtered'));
    await p.handle.stop();
  });

  test('the checkpoint is kept: a poller started again with the same mapping resumes after what it processed', async () => {
    const s = await e.service.streams.create('resume', 2);
    await put('resume', 'a:1', 'b:2', 'c:3');
    const first = start({ kind: 'kinesis', eventSourceArn: s.arn, startingPosition: 'TRIM_HORIZON' });
    await drive(() => first.events.reduce((n, ev) => n + ev.Records.length, 0) === 3);
    await first.handle.stop();
    await put('resume', 'd:4', 'e:5');
    const second = start({ kind: 'kinesis', eventSourceArn: s.arn, startingPosition: 'TRIM_HORIZON' }, first.uuid);
    await drive(() => second.events.reduce((n, ev) => n + ev.Records.length, 0) === 2);
    assert.deepEqual(second.events.flatMap(datas).sort(), ['d:4', 'e:5']);
    const fresh = start({ kind: 'kinesis', eventSourceArn: s.arn, startingPosition: 'LATEST' });
    await put('resume', 'f:6');
    await drive(() => fresh.events.length === 1);
    assert.deepEqual(datas(fresh.events[0]), ['f:6']);
    await Promise.all([second.handle.stop(), fresh.handle.stop()]);
  });

  test('dynamodb: the exact record shape; partial failures by dynamodb.SequenceNumber; the failure record has DDBStreamBatchInfo', async () => {
    const t = await e.service.streams.createTable('ddb-poll', [{ name: 'Id', type: 'HASH' }], 'NEW_AND_OLD_IMAGES');
    const before = (await failures()).length;
    const putAt = clock.now();
    await e.service.streams.putItem('ddb-poll', { Id: { N: '101' }, cmd: { S: 'ok' } });
    await e.service.streams.putItem('ddb-poll', { Id: { N: '101' }, cmd: { S: 'partial' } });
    await e.service.streams.deleteItem('ddb-poll', { Id: { N: '101' } });
    const p = start({ kind: 'dynamodb', eventSourceArn: t.arn, functionResponseTypes: ['ReportBatchItemFailures'], maximumRetryAttempts: 0, onFailureDestination: 'arn:aws:sqs:us-east-1:123456789012:stream-failures' });
    await drive(() => p.reports.some((r) => r.note?.includes('failure record sent')));
    assert.deepEqual(
      p.events.map((ev) => ev.Records.map((r: any) => r.eventName)),
      [['INSERT', 'MODIFY', 'REMOVE']],
    );
    const rec = p.events[0].Records[0];
    assert.deepEqual(rec, {
      eventID: rec.eventID,
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: { ApproximateCreationDateTime: Math.floor(putAt / 1000), Keys: { Id: { N: '101' } }, NewImage: { Id: { N: '101' }, cmd: { S: 'ok' } }, SequenceNumber: '100000000000000000000', SizeBytes: 15, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      eventSourceARN: t.arn,
    });
    assert.match(rec.eventID, /^[0-9a-f]{32}$/);
    const f = (await failures()).slice(before);
    assert.equal(f.length, 1);
    assertGolden('streams/dynamodb-failure-record.json', `${JSON.stringify(f[0], null, 2)}\n`, [
      [t.arn, '<STREAM_ARN>'],
      [t.shardId, '<SHARD_ID>'],
    ]);
    await p.handle.stop();
  });
});
