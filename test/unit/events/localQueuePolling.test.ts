// Unit: what the event-source pollers rely on in a local queue, on real files and a virtual engine clock —
// onDidBecomeAvailable fires for a send, a delay running out and a visibility timeout running out (so a poller
// never spins); retention drops old messages; FIFO deduplication and sequence numbers survive compaction and
// a reopen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from '../../../src/core/common/clock';
import { EventResources } from '../../../src/core/events/eventResources';
import type { QueueDecl } from '../../../src/core/events/resourceTypes';
import { tempDir } from '../../helpers/tempDirs';

const ARN = (n: string) => `arn:aws:sqs:us-east-1:123456789012:${n}`;

function resources(dir: string, clock: VirtualClock): EventResources {
  const r = new EventResources({ dir, clock, region: 'us-east-1', accountId: '123456789012', warn: () => undefined, invokeAsync: () => Promise.reject(new Error('no functions here')) });
  const decls: QueueDecl[] = [
    { kind: 'queue', name: 'polled', arn: ARN('polled'), fifo: false, visibilityTimeout: 10, retentionPeriod: 60 },
    { kind: 'queue', name: 'q.fifo', arn: ARN('q.fifo'), fifo: true, visibilityTimeout: 30, contentBasedDeduplication: true },
  ];
  r.declare(decls);
  return r;
}

test('onDidBecomeAvailable: a send, a delay running out, a visibility timeout running out', async () => {
  const clock = new VirtualClock();
  const r = resources(tempDir('lw-queue-poll-'), clock);
  const q = await r.queue('polled');
  let fired = 0;
  const sub = q.onDidBecomeAvailable(() => fired++);
  await q.send('now');
  assert.equal(fired, 1, 'a visible send');
  await q.send('later', {}, { delaySeconds: 5 });
  assert.equal(fired, 1, 'a delayed send is not available yet');
  clock.advance(5_000);
  assert.equal(fired, 2, 'the delay ran out');
  const got = await q.receive(10);
  assert.deepEqual(got.map((m) => m.body), ['now', 'later']);
  clock.advance(9_999);
  assert.equal(fired, 2);
  clock.advance(1);
  assert.equal(fired, 3, 'the visibility timeout ran out');
  void sub.dispose();
  clock.advance(60_000);
  assert.deepEqual(await q.receive(10), [], 'past MessageRetentionPeriod the messages are gone');
  assert.equal(q.peek().length, 0);
  await r.dispose();
});

test('FIFO deduplication and sequence numbers survive compaction and a reopen', async () => {
  const clock = new VirtualClock();
  const dir = tempDir('lw-queue-fifo-');
  const r = resources(dir, clock);
  const q = await r.queue('q.fifo');
  const first = await q.send('same', {}, { groupId: 'g' });
  // Enough receive/delete traffic to compact the journal (the deleted message's dedup entry must stay).
  for (let i = 0; i < 120; i++) {
    const [m] = await q.receive(1);
    await q.delete(m.receiptHandle!);
    await q.send(`n${i}`, {}, { groupId: 'g' });
  }
  await r.dispose();
  const again = await resources(dir, clock).queue('q.fifo');
  const dup = await again.send('same', {}, { groupId: 'g' });
  assert.equal(dup.messageId, first.messageId, 'still a duplicate within 5 minutes');
  const next = await again.send('fresh', {}, { groupId: 'g' });
  assert.equal(Number(next.sequenceNumber), 122, 'sequence numbers continue');
  await assert.rejects(again.send('x', {}, {}), { sqsError: 'MissingParameter' });
  await assert.rejects(again.send('x', {}, { groupId: 'g', delaySeconds: 3 }), { sqsError: 'InvalidParameterValue' });
  await again.close();
});
