// Integration: the async queue's controls for the VS Code views (lambda-semantics.md §9) on the real engine with
// a virtual engine clock: change events, the last error of a waiting event, Replay (due now, journalled, so a
// restart keeps it), Discard (gone without a destination), and the "finished" event with where it went.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AsyncEventFinished } from '../../src/core/invoke/async/asyncInvocations';
import { startAsyncEngine, type AsyncEngine } from './helpers/asyncEngine';

describe('async queue controls: change events, Replay, Discard, finished events', () => {
  let e: AsyncEngine;
  const finished: AsyncEventFinished[] = [];
  const changes: string[] = [];
  before(() => {
    e = startAsyncEngine();
    e.service.async.onDidFinish((f) => finished.push(f));
    e.service.async.onDidChange((fn) => changes.push(fn));
  });
  after(() => e.dispose());

  test('a failed attempt leaves the event waiting with its last error; Replay runs it now, keeping its attempts', async () => {
    const t0 = e.clock.now();
    const { requestId } = await e.service.async.invoke('fail', '{"n":7}');
    await e.service.async.idle();
    assert.ok(changes.includes('fail'), 'the queue told its change');
    const [waiting] = e.service.async.statusNow('fail')!.events;
    assert.equal(waiting.requestId, requestId);
    assert.equal(waiting.attempts, 1);
    assert.equal(waiting.running, false);
    assert.equal(waiting.dueAt - t0, 60_000);
    assert.equal(waiting.lastError, `Error: boom ${requestId}`);

    await e.service.async.requeueNow('fail', requestId);
    await e.service.async.idle();
    const mine = e.attempts.filter((a) => a.requestId === requestId);
    assert.deepEqual(mine.map((a) => a.at - t0), [0, 0], 'the replayed attempt ran at once, not after a minute');
    const [after2] = e.service.async.statusNow('fail')!.events;
    assert.equal(after2.attempts, 2);
    assert.equal(after2.dueAt - t0, 120_000, 'the next retry is the second one (§9: two minutes)');
    assert.equal(finished.length, 0);

    await e.advance(120_000);
    assert.equal(finished.length, 1);
    assert.deepEqual(finished[0], {
      functionName: 'fail', requestId, condition: 'RetriesExhausted', attempts: 3,
      destination: finished[0].destination, deadLetter: finished[0].deadLetter, lastError: finished[0].lastError,
    });
    assert.match(finished[0].destination ?? '', /^arn:aws:sqs:/);
    assert.match(finished[0].deadLetter ?? '', /:sqs:.*:dead-letters$/);
    assert.match(finished[0].lastError ?? '', new RegExp(`boom ${requestId}`));
  });

  test('Discard removes a waiting event without any delivery; both refuse an event that is not queued', async () => {
    const dlqBefore = (await e.bodies('dead-letters')).length;
    const { requestId } = await e.service.async.invoke('fail', '{"n":8}');
    await e.service.async.idle();
    await e.service.async.discard('fail', requestId);
    assert.deepEqual(e.service.async.statusNow('fail')!.events, []);
    await e.advance(600_000);
    assert.equal(e.attempts.filter((a) => a.requestId === requestId).length, 1, 'no retry after Discard');
    assert.equal((await e.bodies('dead-letters')).length, dlqBefore, 'nothing went to the DLQ');
    assert.equal(finished.some((f) => f.requestId === requestId), false);
    await assert.rejects(e.service.async.discard('fail', requestId), { code: 'RESOURCE_NOT_FOUND' });
    await assert.rejects(e.service.async.requeueNow('fail', requestId), { code: 'RESOURCE_NOT_FOUND' });
  });

  test('Replay and Discard are journalled: a new engine on the same state sees them', async () => {
    const { requestId: kept } = await e.service.async.invoke('fail', '{"n":9}');
    const { requestId: dropped } = await e.service.async.invoke('fail', '{"n":10}');
    await e.service.async.idle();
    await e.service.async.discard('fail', dropped);
    await e.service.async.requeueNow('fail', kept);
    await e.service.async.idle();
    await e.service.dispose(); // its queues lock goes with it: one engine per state directory runs the queues
    const second = startAsyncEngine({ stateDir: e.stateDir, asyncParallelism: 0 });
    try {
      await second.service.async.resume();
      const events = second.service.async.statusNow('fail')!.events;
      assert.deepEqual(events.map((x) => [x.requestId, x.attempts]), [[kept, 2]]);
    } finally {
      await second.dispose();
    }
  });
});
