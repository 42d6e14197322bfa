// Unit: a local event bus on real files and a virtual engine clock — target input (Input, InputPath,
// InputTransformer with quoting by position and the predefined variables), failed deliveries retried with
// backoff then sent to the dead-letter queue with EventBridge's attributes, an unknown target straight to
// the DLQ, and unfinished deliveries resumed by a reopen of the journal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from '../../../src/core/common/clock';
import { fillTemplate, jsonPath, targetInput } from '../../../src/core/events/bus/targetInput';
import { EventResources } from '../../../src/core/events/eventResources';
import type { BusDecl, RuleTarget } from '../../../src/core/events/resourceTypes';
import { tempDir } from '../../helpers/tempDirs';

const A = '123456789012';
const Q = (n: string) => `arn:aws:sqs:us-east-1:${A}:${n}`;
const FN = `arn:aws:lambda:us-east-1:${A}:function:worker`;
const BUS = `arn:aws:events:us-east-1:${A}:event-bus/default`;

const event = { version: '0', id: 'e-1', 'detail-type': 'Order', source: 'shop', account: A, time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: { id: 'o-1', n: 3, tags: ['a', 'b'], note: 'say "hi"' } };

test('target input: Input, InputPath, InputTransformer (JSON values outside quotes, text inside)', () => {
  const ctx = { ruleArn: 'arn:aws:events:us-east-1:1:rule/r', ruleName: 'r' };
  const t = (x: Partial<RuleTarget>) => targetInput({ id: 't', arn: FN, ...x }, event, ctx);
  assert.equal(t({}), JSON.stringify(event));
  assert.equal(t({ input: '{"fixed":true}' }), '{"fixed":true}');
  assert.equal(t({ inputPath: '$.detail.tags' }), '["a","b"]');
  assert.equal(t({ inputPath: '$.detail-type' }), '"Order"');
  assert.equal(t({ inputPath: '$.nope.deeper' }), 'null');
  const it = { inputPathsMap: { id: '$.detail.id', n: '$.detail.n', tags: '$.detail.tags', note: '$.detail.note', missing: '$.detail.x' }, inputTemplate: '{"id": <id>, "n": <n>, "tags": <tags>, "text": "order <id> x<n> <note> by <aws.events.rule-name>", "m": <missing>, "ms": "<missing>"}' };
  assert.deepEqual(JSON.parse(t({ inputTransformer: it })), { id: 'o-1', n: 3, tags: ['a', 'b'], text: 'order o-1 x3 say "hi" by r', m: null, ms: '' });
  assert.equal(fillTemplate('"<a> is <b>"', { a: 'i-1', b: 'running' }), '"i-1 is running"');
  assert.equal(fillTemplate('<unknown> stays', {}), '<unknown> stays');
  assert.equal(jsonPath({ a: [{ b: 1 }] }, '$.a[0].b'), 1);
  assert.equal(jsonPath({ 'a-b': 2 }, "$['a-b']"), 2);
  assert.throws(() => jsonPath({}, 'detail'), /must start with "\$"/);
});

function open(dir: string, clock: VirtualClock, invokeAsync: (arn: string, p: string) => Promise<{ requestId: string }>, warnings: string[]): EventResources {
  const r = new EventResources({ dir, clock, region: 'us-east-1', accountId: A, warn: (m) => warnings.push(m), invokeAsync });
  const bus: BusDecl = {
    kind: 'bus',
    name: 'default',
    arn: BUS,
    rules: [
      { name: 'to-fn', arn: `arn:aws:events:us-east-1:${A}:rule/to-fn`, state: 'ENABLED', eventPattern: { source: ['shop'] }, targets: [{ id: 'fn', arn: FN, deadLetterArn: Q('dlq'), retryPolicy: { maximumRetryAttempts: 2 } }] },
      { name: 'to-nowhere', arn: `arn:aws:events:us-east-1:${A}:rule/to-nowhere`, state: 'ENABLED', eventPattern: { source: ['lost'] }, targets: [{ id: 'gone', arn: `arn:aws:sns:us-east-1:${A}:gone`, deadLetterArn: Q('dlq') }] },
      { name: 'off', arn: `arn:aws:events:us-east-1:${A}:rule/off`, state: 'DISABLED', eventPattern: { source: ['shop'] }, targets: [{ id: 'q', arn: Q('dlq') }] },
    ],
  };
  r.declare([bus, { kind: 'queue', name: 'dlq', arn: Q('dlq'), fifo: false, visibilityTimeout: 30 }]);
  return r;
}

test('a failing target is retried with backoff on the engine clock, then goes to its DLQ with RULE_ARN/TARGET_ARN/ERROR_*', async () => {
  const dir = tempDir('lw-bus-');
  const clock = new VirtualClock();
  const calls: number[] = [];
  const warnings: string[] = [];
  const r = open(dir, clock, () => (calls.push(clock.now()), Promise.reject(new Error('function unreachable'))), warnings);
  const t0 = clock.now();
  const out = await r.eventBridge.putEvents([{ Source: 'shop', DetailType: 'Order', Detail: '{"id":"o-9"}' }]);
  await r.eventBridge.settled();
  assert.deepEqual(calls.map((c) => c - t0), [0]);
  clock.advance(1000);
  await r.eventBridge.settled();
  clock.advance(2000);
  await r.eventBridge.settled();
  assert.deepEqual(calls.map((c) => c - t0), [0, 1000, 3000], 'first try, then 1 s and 2 s later (RetryPolicy: 2 retries)');
  const [m] = (await r.queue('dlq')).peek();
  assert.equal(JSON.parse(m.body).id, out.Entries[0].EventId);
  assert.deepEqual(Object.fromEntries(Object.entries(m.attributes).map(([k, v]) => [k, v.StringValue])), { RULE_ARN: `arn:aws:events:us-east-1:${A}:rule/to-fn`, TARGET_ARN: FN, ERROR_CODE: 'SDK_CLIENT_ERROR', ERROR_MESSAGE: 'function unreachable' });
  assert.match(warnings.join('\n'), /could not be delivered to target "fn".*it is in the dead-letter queue/);
  const stats = (await r.buses())[0];
  assert.deepEqual([stats.deliveries.pending, stats.deliveries.failed, stats.rules.find((x) => x.name === 'off')!.matched], [0, 1, 0], 'a disabled rule matches nothing');
  await r.dispose();
});

test('a target that is no local resource goes straight to the DLQ; unfinished deliveries resume on reopen', async () => {
  const dir = tempDir('lw-bus-');
  const clock = new VirtualClock();
  const warnings: string[] = [];
  let r = open(dir, clock, () => Promise.reject(new Error('down')), warnings);
  await r.eventBridge.putEvents([{ Source: 'lost', DetailType: 'x', Detail: '{}' }]);
  await r.eventBridge.settled();
  assert.equal((await r.queue('dlq')).peek()[0].attributes.ERROR_CODE.StringValue, 'RESOURCE_NOT_FOUND');
  // An event whose function target keeps failing: still pending when the engine goes away.
  await r.eventBridge.putEvents([{ Source: 'shop', DetailType: 'x', Detail: '{"id":"later"}' }]);
  await r.eventBridge.settled();
  assert.equal((await r.buses())[0].deliveries.pending, 1);
  await r.dispose();
  const got: string[] = [];
  r = open(dir, clock, (_arn, p) => (got.push(JSON.parse(p).detail.id), Promise.resolve({ requestId: 'x' })), warnings);
  await r.eventBridge.buses();
  await r.eventBridge.settled();
  assert.deepEqual(got, ['later'], 'the reopened journal delivered the unfinished event');
  assert.equal((await r.buses())[0].deliveries.pending, 0);
  await r.dispose();
});
