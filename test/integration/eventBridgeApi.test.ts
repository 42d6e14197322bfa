// Integration: EventBridge's API on the local server, driven by clients we did not write — the AWS SDK v3
// (@aws-sdk/client-eventbridge) and the AWS CLI (`aws events … --endpoint-url`) — and by a function whose own
// runtime-SDK PutEvents call (AWS_ENDPOINT_URL_EVENTS) puts an event that a rule routes to another function.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { tempDir } from '../helpers/tempDirs';
import { startApiEngine, text, type ApiEngine } from './helpers/lambdaApi';
import { fixtures, UUID } from './helpers/engine';

const hasAwsCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

describe('EventBridge API: the SDK, the AWS CLI, and a function putting events', () => {
  let e: ApiEngine;
  let eb: EventBridgeClient;
  const invoked: { fn: string; payload: string }[] = [];
  const recorded = () => invoked.filter((x) => x.fn === 'recorder').map((x) => JSON.parse(x.payload) as Record<string, any>);
  async function settle(): Promise<void> {
    for (let i = 0; i < 4; i++) {
      await e.service.eventBridge.settled();
      await e.service.async.idle();
    }
  }
  const bodies = async (q: string) => (await (await e.service.async.resources()).queue(q)).peek().map((m) => m.body);

  before(async () => {
    const stateDir = tempDir('lwb-eb-api-');
    // The runtime SDK cache inside the state folder: under namespace isolation only the engine's own folders in /tmp are visible.
    e = await startApiEngine({ stateDir, runtimeSdk: { dir: join(stateDir, 'runtime-sdk'), nodeClients: ['@aws-sdk/client-eventbridge'] } }, join(fixtures, 'eventbus'));
    e.service.onDidInvoke((ev) => void (ev.origin === 'async' && invoked.push({ fn: ev.functionName, payload: String(ev.payload) })));
    eb = new EventBridgeClient({ endpoint: e.api.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' }, maxAttempts: 1 });
  });
  after(async () => {
    eb.destroy();
    await e.dispose();
  });

  test('PutEvents through the SDK: ids, per-entry errors, FailedEntryCount; the rule routes to the function', async () => {
    const out = await eb.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'orders', Source: 'shop', DetailType: 'OrderPaid', Detail: '{"id":"sdk-1","total":101}', Time: new Date('2026-03-04T05:06:07Z') },
          { EventBusName: 'orders', Source: 'shop', DetailType: 'OrderPaid', Detail: 'not json' },
        ],
      }),
    );
    assert.equal(out.FailedEntryCount, 1);
    assert.match(out.Entries![0].EventId!, UUID);
    assert.deepEqual(out.Entries![1], { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    await settle();
    const got = recorded().find((r) => r.detail?.id === 'sdk-1');
    assert.ok(got, JSON.stringify(recorded()));
    assert.equal(got.id, out.Entries![0].EventId);
    assert.equal(got.time, '2026-03-04T05:06:07Z', "the entry's Time, as the SDK sends it (epoch seconds)");
  });

  test('rules and targets: PutRule, PutTargets, ListRules, DescribeRule, ListTargetsByRule, RemoveTargets, DeleteRule', async () => {
    await assert.rejects(eb.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source": "shop"}' })), (err: Error) => {
      assert.equal(err.name, 'InvalidEventPatternException');
      assert.match(err.message, /^Event pattern is not valid\. Reason: "source" must be an object or an array/);
      return true;
    });
    await assert.rejects(eb.send(new PutRuleCommand({ Name: 'neither' })), { name: 'ValidationException', message: 'Parameter(s) EventPattern or ScheduleExpression must be specified.' });
    const { RuleArn } = await eb.send(new PutRuleCommand({ Name: 'big-paid', EventBusName: 'orders', EventPattern: JSON.stringify({ detail: { total: [{ numeric: ['>=', 1000] }] } }), Description: 'big orders' }));
    assert.equal(RuleArn, 'arn:aws:events:us-east-1:123456789012:rule/orders/big-paid');
    await eb.send(new PutTargetsCommand({ Rule: 'big-paid', EventBusName: 'orders', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:123456789012:results', InputPath: '$.detail' }] }));
    const rules = await eb.send(new ListRulesCommand({ EventBusName: 'orders', NamePrefix: 'big' }));
    assert.deepEqual(rules.Rules?.map((r) => [r.Name, r.State, r.EventBusName]), [['big-paid', 'ENABLED', 'orders']]);
    const described = await eb.send(new DescribeRuleCommand({ Name: 'big-paid', EventBusName: 'orders' }));
    assert.equal(described.Description, 'big orders');
    assert.deepEqual(JSON.parse(described.EventPattern!), { detail: { total: [{ numeric: ['>=', 1000] }] } });
    const targets = await eb.send(new ListTargetsByRuleCommand({ Rule: 'big-paid', EventBusName: 'orders' }));
    assert.deepEqual(targets.Targets?.map((t) => [t.Id, t.InputPath]), [['q', '$.detail']]);

    await eb.send(new PutEventsCommand({ Entries: [{ EventBusName: 'orders', Source: 'shop', DetailType: 'OrderPaid', Detail: '{"id":"big-1","total":5000}' }] }));
    await settle();
    assert.ok((await bodies('results')).includes('{"id":"big-1","total":5000}'), 'the API-made rule routed the detail to the queue');

    await assert.rejects(eb.send(new DeleteRuleCommand({ Name: 'big-paid', EventBusName: 'orders' })), { name: 'ValidationException', message: "Rule can't be deleted since it has targets." });
    await eb.send(new RemoveTargetsCommand({ Rule: 'big-paid', EventBusName: 'orders', Ids: ['q'] }));
    await eb.send(new DeleteRuleCommand({ Name: 'big-paid', EventBusName: 'orders' }));
    await assert.rejects(eb.send(new DescribeRuleCommand({ Name: 'big-paid', EventBusName: 'orders' })), { name: 'ResourceNotFoundException', message: 'Rule big-paid does not exist on EventBus orders.' });
    await assert.rejects(eb.send(new ListRulesCommand({ EventBusName: 'nope' })), { name: 'ResourceNotFoundException', message: 'Event bus nope does not exist.' });
  });

  test('ListEventBuses and TestEventPattern', async () => {
    const buses = await eb.send(new ListEventBusesCommand({}));
    assert.deepEqual(buses.EventBuses?.map((b) => [b.Name, b.Arn]).sort(), [
      ['default', 'arn:aws:events:us-east-1:123456789012:event-bus/default'],
      ['orders', 'arn:aws:events:us-east-1:123456789012:event-bus/orders'],
    ]);
    const event = JSON.stringify({ id: '1', source: 'shop', 'detail-type': 'x', account: '123456789012', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: { n: 5 } });
    assert.equal((await eb.send(new TestEventPatternCommand({ EventPattern: '{"detail":{"n":[{"numeric":[">",4]}]}}', Event: event }))).Result, true);
    assert.equal((await eb.send(new TestEventPatternCommand({ EventPattern: '{"source":["other"]}', Event: event }))).Result, false);
  });

  test('the AWS CLI: aws events put-events and list-rules against --endpoint-url', { skip: hasAwsCli || process.env.CI ? false : 'the AWS CLI ("aws") is not on PATH' }, async () => {
    const aws = (...args: string[]) =>
      new Promise<{ code: number; out: string; err: string }>((resolve) =>
        execFile('aws', ['events', ...args, '--endpoint-url', e.api.url, '--output', 'json'], { env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' } }, (err, out, errOut) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out, err: errOut }),
        ),
      );
    const put = await aws('put-events', '--entries', JSON.stringify([{ EventBusName: 'orders', Source: 'shop', DetailType: 'OrderPaid', Detail: '{"id":"cli-1","total":700}' }]));
    assert.equal(put.code, 0, put.err);
    const out = JSON.parse(put.out) as { FailedEntryCount: number; Entries: { EventId: string }[] };
    assert.equal(out.FailedEntryCount, 0);
    assert.match(out.Entries[0].EventId, UUID);
    await settle();
    assert.ok(recorded().some((r) => r.detail?.id === 'cli-1'));
    const rules = await aws('list-rules', '--event-bus-name', 'orders');
    assert.equal(rules.code, 0, rules.err);
    assert.deepEqual((JSON.parse(rules.out) as { Rules: { Name: string }[] }).Rules.map((r) => r.Name), ['RecorderPaid', 'audit-shop', 'lambda-results']);
    const bad = await aws('describe-rule', '--name', 'nope');
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /ResourceNotFoundException.*Rule nope does not exist on EventBus default/);
  });

  test("a function's own SDK PutEvents (AWS_ENDPOINT_URL_EVENTS) reaches the bus, and the rule invokes another function", async () => {
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'publisher', Payload: JSON.stringify({ id: 'fn-1', total: 250 }) }));
    const body = JSON.parse(text(out.Payload)) as { failed: number; id: string; endpoint: string };
    assert.equal(out.FunctionError, undefined, text(out.Payload));
    assert.equal(body.failed, 0);
    assert.equal(body.endpoint, e.api.url, 'AWS_ENDPOINT_URL_EVENTS is set (and AWS_ENDPOINT_URL_EVENTBRIDGE, which the SDK reads)');
    await settle();
    const got = recorded().find((r) => r.detail?.id === 'fn-1');
    assert.ok(got, JSON.stringify(recorded()));
    assert.equal(got.id, body.id);
  });
});
