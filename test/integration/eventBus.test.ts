// Integration: local event buses through the template (test/fixtures/eventbus) with real functions and
// real journals, on a virtual engine clock — PutEvents' envelope and per-entry errors, rule routing to a
// function, a queue (InputTransformer), a topic (InputPath) whose SNS FilterPolicy drops what does not match,
// bus-to-bus forwarding, the EventBridge destination record (§10), and schedules firing at exact times.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { VirtualClock } from '../../src/core/common/clock';
import { fixtures, startEngine, type TestEngine, UUID } from './helpers/engine';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const ORDERS = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/orders`;

describe('event buses, rules and schedules from the template', () => {
  let e: TestEngine;
  let clock: VirtualClock;
  const invoked: { fn: string; payload: string; at: number }[] = [];

  async function settle(): Promise<void> {
    for (let i = 0; i < 4; i++) {
      await e.service.eventBridge.settled();
      await e.service.async.idle();
    }
  }
  const bodies = async (q: string) => (await (await e.service.async.resources()).queue(q)).peek().map((m) => m.body);
  const payloads = (fn: string) => invoked.filter((x) => x.fn === fn).map((x) => JSON.parse(x.payload) as Record<string, any>);

  before(() => {
    clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
    e = startEngine(join(fixtures, 'eventbus'), { engineClock: clock });
    e.service.onDidInvoke((ev) => {
      if (ev.origin === 'async') invoked.push({ fn: ev.functionName, payload: String(ev.payload), at: clock.now() });
    });
  });
  after(() => e.dispose());

  test('the default bus always exists; the template adds "orders" with its rules', async () => {
    const buses = await (await e.service.async.resources()).buses();
    assert.deepEqual(buses.map((b) => b.name).sort(), ['default', 'orders']);
    const orders = buses.find((b) => b.name === 'orders')!;
    assert.deepEqual(orders.rules.map((r) => r.name).sort(), ['RecorderPaid', 'audit-shop', 'lambda-results']);
    const paid = orders.rules.find((r) => r.name === 'RecorderPaid')!;
    assert.equal(paid.arn, `arn:aws:events:${REGION}:${ACCOUNT}:rule/orders/RecorderPaid`);
    assert.deepEqual(paid.targets.map((t) => [t.id, t.arn]), [['recorder-target', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:recorder`]]);
  });

  test('PutEvents: a matching event reaches the function with the EventBridge envelope, and the queue transformed', async () => {
    const out = await e.service.eventBridge.putEvents([
      { EventBusName: 'orders', Source: 'shop', DetailType: 'OrderPaid', Detail: '{"id":"o-1","total":150}', Resources: ['arn:aws:shop:::order/o-1'] },
      { EventBusName: ORDERS, Source: 'shop', DetailType: 'OrderPaid', Detail: '{"id":"o-2","total":50}' },
    ]);
    assert.equal(out.FailedEntryCount, 0);
    assert.match(out.Entries[0].EventId!, UUID);
    await settle();
    const got = payloads('recorder');
    assert.equal(got.length, 1, 'only the order over 100 matches the SAM rule');
    assert.deepEqual(Object.keys(got[0]), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    assert.deepEqual({ ...got[0], time: undefined }, { version: '0', id: out.Entries[0].EventId, 'detail-type': 'OrderPaid', source: 'shop', account: ACCOUNT, time: undefined, region: REGION, resources: ['arn:aws:shop:::order/o-1'], detail: { id: 'o-1', total: 150 } });
    assert.equal(got[0].time, '2026-01-01T00:00:00Z');
    assert.deepEqual((await bodies('audit')).map((b) => JSON.parse(b)), [
      { what: 'OrderPaid', text: 'order o-1 seen on audit-shop' },
      { what: 'OrderPaid', text: 'order o-2 seen on audit-shop' },
    ]);
  });

  test('PutEvents answers per entry: missing fields, malformed detail, aws. sources and unknown buses fail alone', async () => {
    const out = await e.service.eventBridge.putEvents([
      { Source: 'monitor', DetailType: 'Alert', Detail: '{"size":"small","count":1}' },
      { Source: 'monitor', DetailType: 'Alert' },
      { Source: 'monitor', DetailType: 'Alert', Detail: '[1,2]' },
      { Source: 'aws.ec2', DetailType: 'Alert', Detail: '{}' },
      { EventBusName: 'nope', Source: 'monitor', DetailType: 'Alert', Detail: '{}' },
    ]);
    assert.equal(out.FailedEntryCount, 4);
    assert.match(out.Entries[0].EventId!, UUID);
    assert.deepEqual(out.Entries.slice(1), [
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
      { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus nope does not exist.' },
    ]);
    await assert.rejects(e.service.eventBridge.putEvents([{ Source: 's', DetailType: 't', Detail: JSON.stringify({ x: 'y'.repeat(256 * 1024) }) }]), /Total size of the entries in the request is over the limit/);
    await assert.rejects(e.service.eventBridge.putEvents([]), /between 1 and 10/);
  });

  test("a topic target gets the InputPath's part; the SNS FilterPolicy (MessageBody scope) drops what does not match", async () => {
    await e.service.eventBridge.putEvents([{ Source: 'monitor', DetailType: 'Alert', Detail: '{"size":"big","count":12}' }]);
    await settle();
    assert.deepEqual(await bodies('all-alerts'), ['{"size":"small","count":1}', '{"size":"big","count":12}']);
    assert.deepEqual(await bodies('big-alerts'), ['{"size":"big","count":12}']);
  });

  test('a rule with a bus target forwards the event unchanged to that bus, whose rules route it on', async () => {
    const before = payloads('recorder').length;
    const out = await e.service.eventBridge.putEvents([{ Source: 'shop', DetailType: 'OrderPaid', Detail: '{"id":"o-3","total":500}' }]);
    await settle();
    const got = payloads('recorder').slice(before);
    assert.equal(got.length, 1);
    assert.equal(got[0].id, out.Entries[0].EventId, 'the same event (same id) arrives through the forwarding rule');
    assert.deepEqual(got[0].detail, { id: 'o-3', total: 500 });
  });

  test('EventBridge destination (§10): the invocation record is the detail of a "lambda" event on the bus', async () => {
    const { requestId } = await e.service.async.invoke('ok', '{"n":1}');
    await settle();
    const results = (await bodies('results')).map((b) => JSON.parse(b));
    assert.equal(results.length, 1);
    const ev = results[0];
    assert.equal(ev.source, 'lambda');
    assert.equal(ev['detail-type'], 'Lambda Function Invocation Result - Success');
    assert.deepEqual(ev.resources, [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:ok:$LATEST`, ORDERS]);
    assert.equal(ev.version, '0');
    assert.equal(ev.detail.version, '1.0');
    assert.deepEqual(ev.detail.requestContext, { requestId, functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:ok:$LATEST`, condition: 'Success', approximateInvokeCount: 1 });
    assert.deepEqual(ev.detail.requestPayload, { n: 1 });
    assert.deepEqual(ev.detail.responsePayload, { ok: true, echo: { n: 1 } });
  });

  test('schedules fire on the engine clock at exact times with the scheduled-event shape (or their Input)', async () => {
    const listed = await e.service.eventBridge.schedules();
    assert.deepEqual(listed.map((s) => [s.name, s.kind, s.state]).sort(), [['berlin-morning', 'scheduler', 'DISABLED'], ['hourly-audit', 'rule', 'ENABLED'], ['nightly', 'rule', 'ENABLED'], ['tick', 'scheduler', 'ENABLED']]);
    const started = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(clock.now(), started, 'nothing above moved the clock');
    const info = await e.service.eventBridge.start();
    const next = Object.fromEntries(info.map((s) => [s.name, s.nextFire]));
    assert.deepEqual(next, { nightly: '2026-01-01T03:00:00Z', 'hourly-audit': '2026-01-01T01:00:00Z', tick: '2026-01-01T00:05:00Z', 'berlin-morning': undefined });
    const recorderBefore = payloads('recorder').length;
    for (let i = 0; i < 36; i++) {
      clock.advance(5 * 60_000);
      await settle();
    }
    const fired = payloads('recorder').slice(recorderBefore);
    const ticks = fired.filter((p) => p['detail-type'] === 'Scheduled Event');
    assert.deepEqual(
      ticks.map((p) => p.time),
      Array.from({ length: 36 }, (_, i) => new Date(started + (i + 1) * 5 * 60_000).toISOString().replace('.000Z', 'Z')),
    );
    assert.deepEqual({ ...ticks[0], id: undefined, time: undefined }, { version: '0', id: undefined, 'detail-type': 'Scheduled Event', source: 'aws.events', account: ACCOUNT, time: undefined, region: REGION, resources: [`arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/tick`], detail: {} });
    assert.deepEqual(fired.filter((p) => p.job), [{ job: 'nightly' }]);
    const nightlyAt = invoked.filter((x) => x.fn === 'recorder' && x.payload === '{"job":"nightly"}').map((x) => new Date(x.at).toISOString());
    assert.deepEqual(nightlyAt, ['2026-01-01T03:00:00.000Z']);
    const hourly = (await bodies('audit')).map((b) => JSON.parse(b)).filter((b) => b['detail-type'] === 'Scheduled Event');
    assert.deepEqual(hourly.map((b) => [b.time, b.resources[0]]), [1, 2, 3].map((h) => [`2026-01-01T0${h}:00:00Z`, `arn:aws:events:${REGION}:${ACCOUNT}:rule/hourly-audit`]));
  });

  test('schedules run NAME fires now, even a disabled one', async () => {
    const before = payloads('recorder').length;
    const s = await e.service.eventBridge.runSchedule('berlin-morning');
    assert.equal(s.fired, 1);
    await settle();
    assert.deepEqual(payloads('recorder').slice(before), [{ job: 'berlin' }]);
    await assert.rejects(e.service.eventBridge.runSchedule('nope'), /Schedule not found: "nope"/);
  });
});
