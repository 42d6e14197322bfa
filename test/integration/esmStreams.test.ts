// Integration: stream event source mappings end to end — SAM `Kinesis` and `DynamoDB` events of the template run
// by the mapping layer through the stream poller rows; records put with @aws-sdk/client-kinesis (the user's own
// SDK code) and items put on the table reach the function in order, in batches; a partial batch response makes
// the poller retry from the failed record (and only from it).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { tempDir } from '../helpers/tempDirs';
import { kinesisClient } from './helpers/awsClients';
import { fixtures, waitFor } from './helpers/engine';
import { startApiEngine, type ApiEngine } from './helpers/lambdaApi';

describe('stream event source mappings (template → poller → function)', () => {
  let e: ApiEngine;
  let k: KinesisClient;
  const seen: { fn: string; records: any[] }[] = [];
  before(async () => {
    e = await startApiEngine({}, join(fixtures, 'streams-esm'));
    e.service.onDidInvoke((ev) => {
      if (ev.origin === 'esm') seen.push({ fn: ev.functionName, records: JSON.parse(String(ev.payload)).Records as any[] });
    });
    await e.service.mappings.start();
    await e.service.mappings.settled();
    k = kinesisClient(e.api.url);
  });
  after(async () => {
    k.destroy();
    await e.dispose();
  });
  const kinesisData = (list = seen) => list.filter((s) => s.fn === 'stream-consumer' && s.records[0]?.kinesis).map((s) => s.records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString('utf8')));

  test('the template mappings are listed with their stream settings', async () => {
    const all = await e.service.mappings.list({ functionName: 'stream-consumer' });
    const ticks = all.find((m) => m.EventSourceArn.endsWith('stream/ticks'))!;
    assert.equal(ticks.State, 'Enabled');
    assert.equal(ticks.StartingPosition, 'TRIM_HORIZON');
    assert.equal(ticks.BatchSize, 10);
    assert.ok(all.some((m) => m.EventSourceArn === 'arn:aws:dynamodb:us-east-1:123456789012:table/carts/stream/1970-01-01T00:00:00.000'));
  });

  test('Kinesis: SDK PutRecords reach the function per shard in order; a reported failure is retried from that record', async () => {
    const texts = ['a1', 'a2', 'partial', 'a4', 'a5'];
    const put = await k.send(new PutRecordsCommand({ StreamName: 'ticks', Records: texts.map((t) => ({ PartitionKey: 'same-key', Data: Buffer.from(t) })) }));
    assert.equal(new Set(put.Records!.map((r) => r.ShardId)).size, 1, 'one partition key, one shard');
    assert.ok(await waitFor(() => kinesisData().length >= 2, 30_000), JSON.stringify(kinesisData()));
    assert.deepEqual(kinesisData().slice(0, 2), [texts, ['partial', 'a4', 'a5']]);
    assert.equal(seen.find((s) => s.records[0]?.kinesis)!.records[0].eventSourceARN, 'arn:aws:kinesis:us-east-1:123456789012:stream/ticks');
  });

  test('after the engine restarts on the same state directory, the mapping resumes at its checkpoint', async () => {
    assert.ok(await waitFor(() => kinesisData().length >= 2, 30_000));
    await e.service.dispose();
    const again = await startApiEngine({ stateDir: e.stateDir }, join(fixtures, 'streams-esm'));
    const after: { fn: string; records: any[] }[] = [];
    again.service.onDidInvoke((ev) => {
      if (ev.origin === 'esm') after.push({ fn: ev.functionName, records: JSON.parse(String(ev.payload)).Records as any[] });
    });
    try {
      await again.service.mappings.start();
      await again.service.streams.put('ticks', 'after-restart', 'same-key');
      assert.ok(await waitFor(() => kinesisData(after).length >= 1, 30_000));
      assert.deepEqual(kinesisData(after), [['after-restart']], 'nothing processed before the restart is delivered again');
    } finally {
      await again.service.dispose();
      // Give the suite's engine back (the tests after this one use it).
      e = await startApiEngine({ stateDir: tempDir('lwb-esm-streams-') }, join(fixtures, 'streams-esm'));
      e.service.onDidInvoke((ev) => {
        if (ev.origin === 'esm') seen.push({ fn: ev.functionName, records: JSON.parse(String(ev.payload)).Records as any[] });
      });
      await e.service.mappings.start();
    }
  });

  test('DynamoDB: items put on the table reach the function as INSERT / MODIFY / REMOVE with NewImage', async () => {
    await e.service.streams.putItem('carts', { id: 'c1', items: 1 });
    await e.service.streams.putItem('carts', { id: 'c1', items: 2 });
    await e.service.streams.deleteItem('carts', { id: 'c1' });
    const records = () => seen.filter((s) => s.records[0]?.dynamodb).flatMap((s) => s.records);
    assert.ok(await waitFor(() => records().length >= 3, 30_000));
    assert.deepEqual(
      records().map((r) => [r.eventName, r.dynamodb.NewImage?.items?.N ?? null, r.dynamodb.StreamViewType]),
      [
        ['INSERT', '1', 'NEW_IMAGE'],
        ['MODIFY', '2', 'NEW_IMAGE'],
        ['REMOVE', null, 'NEW_IMAGE'],
      ],
    );
  });
});
