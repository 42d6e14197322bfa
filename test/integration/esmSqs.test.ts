// Integration: SQS event source mappings on a real engine (real child processes run test/fixtures/esm's handler)
// with a virtual engine clock — the record shape of §11.2, deletes on success, a failing batch visible again after
// the visibility timeout and redriven to the DLQ after maxReceiveCount, every partial batch response case,
// FIFO stop-at-first-failure with per-group order, FilterCriteria deleting what it filters, enable/disable.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { VirtualClock } from '../../src/core/common/clock';
import type { LocalQueue } from '../../src/core/events/queue/localQueue';
import { fixtures, startEngine, waitFor, type TestEngine } from './helpers/engine';

interface Seen {
  records: any[];
  response: string;
  functionError?: string;
}

describe('SQS event source mappings', () => {
  const clock = new VirtualClock(Date.UTC(2026, 5, 1));
  let e: TestEngine;
  const seen: Seen[] = [];
  let reports = 0;

  const queue = async (name: string): Promise<LocalQueue> => (await e.service.async.resources()).queue(name);
  const uuidOf = async (queueName: string) => (await e.service.mappings.list()).find((m) => m.EventSourceArn.endsWith(`:${queueName}`))!.UUID;
  const invocations = (n: number) => waitFor(() => seen.length >= n, 30_000);
  const batches = (n: number) => waitFor(() => reports >= n, 30_000);
  /** Sends the bodies while the mapping is disabled, so that they arrive as one batch once it is enabled again. */
  async function oneBatch(queueName: string, bodies: string[], options: { groupId?: string }[] = []): Promise<string[]> {
    const uuid = await uuidOf(queueName);
    await e.service.mappings.disable(uuid);
    await e.service.mappings.settled();
    const q = await queue(queueName);
    const ids: string[] = [];
    for (const [i, b] of bodies.entries()) ids.push((await q.send(b, {}, options[i] ?? {})).messageId);
    const before = reports;
    await e.service.mappings.enable(uuid);
    await e.service.mappings.settled();
    assert.ok(await batches(before + 1), 'the batch was processed');
    return ids;
  }

  before(async () => {
    e = startEngine(join(fixtures, 'esm'), { engineClock: clock });
    e.service.onDidInvoke((ev) => {
      if (ev.origin === 'esm') seen.push({ records: JSON.parse(String(ev.payload)).Records, response: ev.result ? ev.result.payload.toString() : String(ev.error), functionError: ev.result?.functionError });
    });
    await e.service.mappings.start();
    e.service.mappings.onDidReport(() => reports++);
  });
  after(() => e.dispose());

  test('the template mappings: SAM SQS events and an AWS::Lambda::EventSourceMapping, Enabled or Disabled', async () => {
    const all = await e.service.mappings.list();
    const bySource = Object.fromEntries(all.map((m) => [m.EventSourceArn.split(':').pop(), [m.FunctionArn.split(':').pop(), m.State, m.BatchSize, m.FunctionResponseTypes.join()]]));
    assert.deepEqual(bySource, {
      'esm-work': ['esm-consumer', 'Enabled', 10, ''],
      'esm-partial': ['esm-consumer', 'Enabled', 10, 'ReportBatchItemFailures'],
      'esm-orders.fifo': ['esm-consumer', 'Enabled', 10, 'ReportBatchItemFailures'],
      'esm-filtered': ['esm-consumer', 'Enabled', 10, ''],
      'esm-plain': ['esm-other', 'Disabled', 5, ''],
    });
  });

  test('a message becomes one record of the exact §11.2 shape, and is deleted once the function succeeds', async () => {
    const q = await queue('esm-work');
    const sent = await q.send('{"hello":"world"}', { kind: { DataType: 'String', StringValue: 'greeting' }, n: { DataType: 'Number', StringValue: '7' } });
    assert.ok(await invocations(1));
    const [r] = seen[0].records;
    assert.deepEqual(Object.keys(r), ['messageId', 'receiptHandle', 'body', 'attributes', 'messageAttributes', 'md5OfBody', 'eventSource', 'eventSourceARN', 'awsRegion']);
    assert.equal(r.messageId, sent.messageId);
    assert.equal(r.body, '{"hello":"world"}');
    assert.equal(r.md5OfBody, createHash('md5').update('{"hello":"world"}').digest('hex'));
    assert.deepEqual(r.attributes, { ApproximateReceiveCount: '1', SentTimestamp: String(clock.now()), SenderId: 'AIDALOCALWORKBENCH', ApproximateFirstReceiveTimestamp: String(clock.now()) });
    assert.deepEqual(r.messageAttributes, {
      kind: { stringValue: 'greeting', stringListValues: [], binaryListValues: [], dataType: 'String' },
      n: { stringValue: '7', stringListValues: [], binaryListValues: [], dataType: 'Number' },
    });
    assert.deepEqual([r.eventSource, r.eventSourceARN, r.awsRegion], ['aws:sqs', 'arn:aws:sqs:us-east-1:123456789012:esm-work', 'us-east-1']);
    assert.ok(await batches(1));
    assert.ok(await waitFor(() => q.stats().inFlight === 0 && q.stats().visible === 0, 10_000), 'deleted after success');
    const d = (await e.service.mappings.details('esm-consumer')).find((m) => m.config.EventSourceArn.endsWith(':esm-work'))!;
    assert.equal(d.lastProcessingResult, 'OK');
    assert.equal(d.stats?.concurrency, 5, 'an SQS mapping starts with 5 pollers');
  });

  test('a throwing function keeps the batch: visible again after the visibility timeout, then redriven to the DLQ', async () => {
    const q = await queue('esm-work');
    const start = seen.length;
    const { messageId } = await q.send('{"throw":true}');
    assert.ok(await invocations(start + 1));
    assert.equal(seen[start].functionError, 'Unhandled');
    await e.service.mappings.settled();
    assert.ok(await waitFor(() => q.stats().inFlight === 1, 10_000), 'still in the queue, in flight');
    clock.advance(59_000);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(seen.length, start + 1, 'not before the visibility timeout (60 s) is over');
    clock.advance(1_000);
    assert.ok(await invocations(start + 2), 'received again');
    assert.equal(seen[start + 1].records[0].attributes.ApproximateReceiveCount, '2');
    assert.ok(await waitFor(() => q.stats().inFlight === 1, 10_000));
    clock.advance(60_000);
    const dlq = await queue('esm-work-dlq');
    assert.ok(await waitFor(() => dlq.peek().length === 1, 10_000), 'redriven after maxReceiveCount (2) receives');
    assert.equal(dlq.peek()[0].messageId, messageId);
    assert.equal(seen.length, start + 2, 'not invoked a third time');
    const d = (await e.service.mappings.details('esm-consumer')).find((m) => m.config.EventSourceArn.endsWith(':esm-work'))!;
    assert.equal(d.recent.at(-1)?.outcome, 'functionError');
  });

  // §11.2: what counts as complete success, complete failure, or the items named.
  const PARTIAL: [string, unknown, number[]][] = [
    ['null response: all succeeded', null, []],
    ['empty batchItemFailures: all succeeded', { batchItemFailures: [] }, []],
    ['null batchItemFailures: all succeeded', { batchItemFailures: null }, []],
    ['one item named: only it is kept', { batchItemFailures: [{ itemIdentifier: '$1' }] }, [1]],
    ['two items named', { batchItemFailures: [{ itemIdentifier: '$2' }, { itemIdentifier: '$0' }] }, [0, 2]],
    ['an id not in the batch: all kept', { batchItemFailures: [{ itemIdentifier: 'not-a-message' }] }, [0, 1, 2]],
    ['empty itemIdentifier: all kept', { batchItemFailures: [{ itemIdentifier: '' }] }, [0, 1, 2]],
    ['null itemIdentifier: all kept', { batchItemFailures: [{ itemIdentifier: null }] }, [0, 1, 2]],
    ['wrong key name: all kept', { batchItemFailures: [{ itemId: '$0' }] }, [0, 1, 2]],
  ];
  for (const [name, respond, kept] of PARTIAL) {
    test(`ReportBatchItemFailures: ${name}`, async () => {
      const q = await queue('esm-partial');
      await q.purge();
      const ids = await oneBatch('esm-partial', [JSON.stringify({ respond }), 'second', 'third']);
      assert.equal(seen.at(-1)!.records.length, 3, 'one batch of three');
      assert.deepEqual(q.peek().map((m) => m.messageId).sort(), kept.map((i) => ids[i]).sort());
    });
  }

  test('ReportBatchItemFailures: a thrown error fails the whole batch', async () => {
    const q = await queue('esm-partial');
    await q.purge();
    const ids = await oneBatch('esm-partial', ['{"throw":true,"respond":{"batchItemFailures":[]}}', 'b', 'c']);
    assert.deepEqual(q.peek().map((m) => m.messageId).sort(), [...ids].sort());
    await q.purge();
  });

  test('FIFO: a failure keeps it and the rest of its group (in order); other groups go on', async () => {
    const q = await queue('esm-orders.fifo');
    const bodies = ['{"n":"a1","failFirst":true}', '{"n":"b1"}', '{"n":"a2"}', '{"n":"b2"}', '{"n":"a3"}'];
    const groups = ['a', 'b', 'a', 'b', 'a'].map((groupId) => ({ groupId }));
    const start = seen.length;
    await oneBatch('esm-orders.fifo', bodies, groups);
    assert.deepEqual(seen[start].records.map((r: any) => JSON.parse(r.body).n), ['a1', 'b1', 'a2', 'b2', 'a3']);
    assert.deepEqual(q.peek().map((m) => JSON.parse(m.body).n), ['a1', 'a2', 'a3'], 'a1 failed: it and the later a messages stay; b is done');
    clock.advance(60_000);
    const ofOrders = () => seen.slice(start).filter((x) => x.records[0].eventSourceARN.endsWith(':esm-orders.fifo'));
    assert.ok(await waitFor(() => ofOrders().length >= 2, 30_000));
    assert.deepEqual(ofOrders()[1].records.map((r: any) => [JSON.parse(r.body).n, r.attributes.MessageGroupId, r.attributes.ApproximateReceiveCount]), [['a1', 'a', '2'], ['a2', 'a', '2'], ['a3', 'a', '2']]);
    assert.ok(await waitFor(() => q.peek().length === 0, 10_000));
    assert.ok(seen[start].records.every((r: any) => r.attributes.SequenceNumber && r.attributes.MessageDeduplicationId));
  });

  test('FilterCriteria: matching messages invoke, the others are deleted without an invoke', async () => {
    const q = await queue('esm-filtered');
    const start = seen.length;
    await oneBatch('esm-filtered', ['{"kind":"order","id":1}', '{"kind":"noise"}', 'ping', 'pong', '{"kind":"order","id":2}']);
    assert.equal(seen.length, start + 1);
    assert.deepEqual(seen[start].records.map((r: any) => r.body), ['{"kind":"order","id":1}', 'ping', '{"kind":"order","id":2}']);
    assert.ok(await waitFor(() => q.peek().length === 0, 10_000), 'filtered and processed messages are all deleted');
  });

  test('a disabled mapping does not poll; enabling it delivers what waited', async () => {
    const q = await queue('esm-plain');
    const uuid = await uuidOf('esm-plain');
    await q.send('waiting');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(q.stats().visible, 1);
    const answer = await e.service.mappings.enable(uuid);
    assert.equal(answer.State, 'Enabling');
    await e.service.mappings.settled();
    assert.equal((await e.service.mappings.get(uuid)).State, 'Enabled');
    assert.ok(await waitFor(() => q.peek().length === 0, 20_000));
    assert.equal((await e.service.mappings.disable(uuid)).State, 'Disabling');
    await e.service.mappings.settled();
    assert.equal((await e.service.mappings.get(uuid)).State, 'Disabled');
  });
});
