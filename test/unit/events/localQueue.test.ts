// Unit: the local SQS-like queue on real files and a virtual engine clock — receive hides a message for the
// visibility timeout and counts receives, delete by receipt handle, redrive to a dead-letter queue after
// maxReceiveCount, purge, and every message still there after a reopen (the journal).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from '../../../src/core/common/clock';
import { EventResources } from '../../../src/core/events/eventResources';
import { LocalQueue } from '../../../src/core/events/queue/localQueue';
import type { QueueDecl } from '../../../src/core/events/resourceTypes';
import { tempDir } from '../../helpers/tempDirs';

const ARN = (n: string) => `arn:aws:sqs:us-east-1:123456789012:${n}`;

function resources(dir: string, clock: VirtualClock, warnings: string[] = []): EventResources {
  const r = new EventResources({ dir, clock, region: 'us-east-1', accountId: '123456789012', warn: (m) => warnings.push(m), invokeAsync: () => Promise.reject(new Error('no functions here')) });
  const work: QueueDecl = { kind: 'queue', name: 'work', arn: ARN('work'), fifo: false, visibilityTimeout: 30, redrive: { deadLetterTargetArn: ARN('dlq'), maxReceiveCount: 2 } };
  r.declare([work, { kind: 'queue', name: 'dlq', arn: ARN('dlq'), fifo: false, visibilityTimeout: 30 }]);
  return r;
}

test('visibility timeout, receive count, delete, redrive after maxReceiveCount, and a reopen keeps it all', async () => {
  const dir = tempDir('lw-queue-');
  const clock = new VirtualClock();
  const r = resources(dir, clock);
  const q = await r.queue('work');
  const { messageId } = await q.send('{"job":1}', { kind: { DataType: 'String', StringValue: 'test' } });
  await q.send('{"job":2}');
  const [first] = await q.receive(1);
  assert.equal(first.messageId, messageId);
  assert.equal(first.receiveCount, 1);
  assert.deepEqual(first.attributes, { kind: { DataType: 'String', StringValue: 'test' } });
  assert.deepEqual((await q.receive(10)).map((m) => m.body), ['{"job":2}'], 'the first is invisible for 30 s');
  assert.deepEqual(q.stats().inFlight, 2);
  clock.advance(30_000);
  const again = await q.receive(1);
  assert.equal(again[0].messageId, messageId);
  assert.equal(again[0].receiveCount, 2);
  assert.equal(await q.delete(first.receiptHandle!), false, 'an old receipt handle no longer deletes');
  clock.advance(30_000);
  // Received twice already (maxReceiveCount 2): the next receive moves it to the DLQ instead.
  const third = await q.receive(10);
  assert.deepEqual(third.map((m) => m.body), ['{"job":2}']);
  const dlq = await r.queue('dlq');
  assert.deepEqual(dlq.peek().map((m) => m.body), ['{"job":1}']);
  assert.equal(await q.delete(third[0].receiptHandle!), true);
  assert.equal(q.peek().length, 0);
  await r.dispose();

  const reopened = resources(dir, clock);
  assert.deepEqual((await reopened.queue('dlq')).peek().map((m) => [m.body, m.attributes.kind?.StringValue]), [['{"job":1}', 'test']]);
  assert.equal((await reopened.queue('work')).peek().length, 0);
  assert.equal(await (await reopened.queue('dlq')).purge(), 1);
  await reopened.dispose();
});

test('an ARN nobody declared becomes a queue (with a warning); unknown names are coded errors', async () => {
  const warnings: string[] = [];
  const r = resources(tempDir('lw-queue-'), new VirtualClock(), warnings);
  const t = await r.target(ARN('made-up'));
  assert.ok(t instanceof LocalQueue);
  assert.match(warnings.join('\n'), /made-up is not declared in the template; a local queue "made-up" is created/);
  assert.equal(await r.target('arn:aws:kinesis:us-east-1:123456789012:stream/s'), undefined);
  await assert.rejects(r.queue('nope'), { code: 'RESOURCE_NOT_FOUND' });
  await r.dispose();
});
