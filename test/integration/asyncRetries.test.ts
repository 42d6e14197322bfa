// Integration: asynchronous invocation (lambda-semantics.md §9, §10) on the real engine with the engine clock
// virtual: the retry schedule to the millisecond, one request id across attempts, the invocation records
// the destinations receive (golden files), the dead-letter message, reserved concurrency 0, event age.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startAsyncEngine, assertAsyncGolden, type AsyncEngine } from './helpers/asyncEngine';

describe('async invocation: retries, destinations and the dead-letter queue', () => {
  let e: AsyncEngine;
  before(() => {
    e = startAsyncEngine();
  });
  after(() => e.dispose());

  test('a failing event runs at +0, +60 s and +180 s with one request id, then goes to OnFailure and the DLQ', async () => {
    const t0 = e.clock.now();
    const { requestId } = await e.service.async.invoke('fail', '{"n":1}');
    await e.service.async.idle();
    const mine = () => e.attempts.filter((a) => a.functionName === 'fail');
    assert.deepEqual(mine().map((a) => a.at - t0), [0]);
    await e.advance(59_999);
    assert.equal(mine().length, 1, 'no retry before one minute');
    await e.advance(1);
    assert.deepEqual(mine().map((a) => a.at - t0), [0, 60_000]);
    await e.advance(119_999);
    assert.equal(mine().length, 2, 'the second retry waits two minutes');
    await e.advance(1);
    assert.deepEqual(mine().map((a) => a.at - t0), [0, 60_000, 180_000]);
    assert.ok(mine().every((a) => a.requestId === requestId && a.functionError === 'Unhandled'), JSON.stringify(mine()));
    await e.advance(600_000);
    assert.equal(mine().length, 3, 'MaximumRetryAttempts 2: three attempts in all');
    const [record] = await e.bodies('FailureQueue');
    assert.equal(JSON.parse(record).requestContext.requestId, requestId);
    assertAsyncGolden('retries-exhausted.json', record);
    const dlq = (await (await e.service.async.resources()).queue('dead-letters')).peek();
    assert.equal(dlq.length, 1);
    assert.equal(dlq[0].body, '{"n":1}');
    assert.deepEqual(dlq[0].attributes, {
      RequestID: { DataType: 'String', StringValue: requestId },
      ErrorCode: { DataType: 'Number', StringValue: '200' },
      ErrorMessage: { DataType: 'String', StringValue: `boom ${requestId}` },
    });
    assert.equal((await e.service.async.status('fail')).queued, 0);
  });

  test('a successful event goes to OnSuccess with condition Success and the function\'s response', async () => {
    const { requestId } = await e.service.async.invoke('ok', '{"hello":"world"}');
    await e.service.async.idle();
    const bodies = await e.bodies('success-queue');
    const record = bodies.find((b) => b.includes(requestId));
    assert.ok(record, JSON.stringify(bodies));
    assertAsyncGolden('success.json', record);
  });

  test('a retry that succeeds: the OnSuccess function destination is invoked with the record (count 2)', async () => {
    const t0 = e.clock.now();
    const { requestId } = await e.service.async.invoke('flaky', '{"failTimes":1}');
    await e.service.async.idle();
    await e.advance(60_000);
    const flaky = e.attempts.filter((a) => a.requestId === requestId);
    assert.deepEqual(flaky.map((a) => [a.at - t0, a.functionError ?? 'ok']), [[0, 'Unhandled'], [60_000, 'ok']]);
    const recorded = e.attempts.find((a) => a.functionName === 'recorder' && a.payload.includes(requestId));
    assert.ok(recorded, 'the destination function ran');
    const record = JSON.parse(recorded.payload);
    assert.equal(record.requestContext.condition, 'Success');
    assert.equal(record.requestContext.approximateInvokeCount, 2);
    assert.equal(record.requestContext.functionArn, 'arn:aws:lambda:us-east-1:123456789012:function:flaky:$LATEST');
    assert.deepEqual(record.responsePayload, { attempt: 2 });
  });

  test('a crash with MaximumRetryAttempts 0 goes once to the OnFailure topic, which fans out to a queue and a function', async () => {
    const { requestId } = await e.service.async.invoke('crash', '{"c":1}');
    await e.service.async.idle();
    assert.equal(e.attempts.filter((a) => a.requestId === requestId).length, 1);
    const [envelope] = (await e.bodies('TopicCopies')).filter((b) => b.includes(requestId));
    const sns = JSON.parse(envelope);
    assert.equal(sns.Type, 'Notification');
    assert.equal(sns.TopicArn, 'arn:aws:sns:us-east-1:123456789012:failures');
    assertAsyncGolden('crash-record.json', sns.Message);
    const viaTopic = e.attempts.find((a) => a.functionName === 'recorder' && a.payload.includes('aws:sns') && a.payload.includes(requestId));
    assert.ok(viaTopic, 'the subscribed function got the SNS event');
    const rec = JSON.parse(viaTopic.payload).Records[0];
    assert.equal(rec.EventSource, 'aws:sns');
    assert.equal(JSON.parse(rec.Sns.Message).requestContext.requestId, requestId);
  });

  test('reserved concurrency 0 sends a new event straight to the DLQ, without an attempt', async () => {
    const { requestId } = await e.service.async.invoke('zero', '{"z":1}');
    await e.service.async.idle();
    assert.equal(e.attempts.filter((a) => a.requestId === requestId).length, 0);
    const m = (await (await e.service.async.resources()).queue('dead-letters')).peek().find((x) => x.attributes.RequestID?.StringValue === requestId);
    assert.ok(m);
    assert.equal(m.body, '{"z":1}');
    assert.equal(m.attributes.ErrorCode.StringValue, '429');
  });

  test('MaximumEventAgeInSeconds 60: the retry due at the age limit becomes EventAgeExceeded instead', async () => {
    await e.service.async.putConfig('fail', undefined, { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:FailureQueue' } } });
    try {
      const { requestId } = await e.service.async.invoke('fail', '{"age":1}');
      await e.service.async.idle();
      await e.advance(60_000);
      assert.equal(e.attempts.filter((a) => a.requestId === requestId).length, 1);
      const record = (await e.bodies('FailureQueue')).find((b) => b.includes(requestId));
      assert.ok(record);
      assertAsyncGolden('event-age-exceeded.json', record);
    } finally {
      await e.service.async.deleteConfig('fail');
    }
  });

  test('throttled events back off 1 s, 2 s, 4 s … and run once the function has room', async () => {
    await e.service.concurrency.put('slow', 1);
    const busy = e.service.invoke('slow', '{"sleepMs":2500}');
    await new Promise((r) => setTimeout(r, 300)); // the synchronous invoke holds the only slot
    const t0 = e.clock.now();
    const { requestId } = await e.service.async.invoke('slow', '{"sleepMs":0}');
    await e.service.async.idle();
    for (const step of [1000, 2000, 4000]) await e.advance(step);
    const tries = e.attempts.filter((a) => a.payload === '{"sleepMs":0}');
    assert.deepEqual(tries.map((a) => [a.at - t0, a.error !== undefined]), [[0, true], [1000, true], [3000, true], [7000, true]]);
    await busy;
    await e.advance(8000);
    const last = e.attempts.filter((a) => a.payload === '{"sleepMs":0}').at(-1)!;
    assert.equal(last.at - t0, 15_000);
    assert.equal(last.requestId, requestId);
    assert.equal(last.error, undefined);
    await e.service.concurrency.delete('slow');
  });

  test('bad requests are refused with coded errors before anything is queued', async () => {
    await assert.rejects(e.service.async.invoke('nope', '{}'), { code: 'FUNCTION_NOT_FOUND' });
    await assert.rejects(e.service.async.invoke('ok', '{}', { qualifier: 'missing' }), { code: 'FUNCTION_NOT_FOUND' });
    await assert.rejects(e.service.async.invoke('ok', 'not json'), { code: 'INVALID_REQUEST_CONTENT' });
    await assert.rejects(e.service.async.invoke('ok', JSON.stringify({ big: 'x'.repeat(1024 * 1024) })), (err: Error & { code?: string }) => err.code === 'REQUEST_TOO_LARGE' && /1048576 bytes/.test(err.message));
    const fine = JSON.stringify({ big: 'x'.repeat(1024 * 1024 - 20) });
    assert.ok(Buffer.byteLength(fine) <= 1024 * 1024);
    const { requestId } = await e.service.async.invoke('ok', fine);
    await e.service.async.idle();
    // §10: a record over the destination's limit arrives without its payloads.
    const record = JSON.parse((await e.bodies('success-queue')).find((b) => b.includes(requestId))!);
    assert.equal(record.requestContext.condition, 'Success');
    assert.equal(record.requestPayload, undefined);
    assert.equal(record.responsePayload, undefined);
  });
});
