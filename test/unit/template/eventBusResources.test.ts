// Unit: reading EventBridge resources from a template — SAM CloudWatchEvent with a DeadLetterConfig of Type
// SQS (a queue is made for it), InputTransformer and RetryPolicy, Schedule with Enabled false, ScheduleV2 with
// a time zone, AWS::Scheduler::Schedule with its Target, a rule on a custom bus by ARN, and SNS events'
// FilterPolicy on the subscription.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BusDecl, QueueDecl, ScheduleDecl, TopicDecl } from '../../../src/core/events/resourceTypes';
import { loadTemplate } from '../../../src/core/template/index';
import { tempProject } from './helpers';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Bus:
    Type: AWS::Events::EventBus
    Properties: { Name: app }
  Topic:
    Type: AWS::SNS::Topic
    Properties: { TopicName: news }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: fn
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => 1"
      Events:
        Legacy:
          Type: CloudWatchEvent
          Properties:
            Pattern: { source: [aws.ec2] }
            DeadLetterConfig: { Type: SQS }
            RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 }
            InputTransformer: { InputPathsMap: { s: $.source }, InputTemplate: '{"s": <s>}' }
        OnApp:
          Type: EventBridgeRule
          Properties: { EventBusName: !GetAtt Bus.Arn, Pattern: { detail-type: [x] }, Input: '{"k":1}', RuleName: on-app }
        Off:
          Type: Schedule
          Properties: { Schedule: rate(1 day), Enabled: false }
        Morning:
          Type: ScheduleV2
          Properties: { ScheduleExpression: cron(0 7 * * ? *), ScheduleExpressionTimezone: Asia/Tokyo, GroupName: g1 }
        News:
          Type: SNS
          Properties: { Topic: !Ref Topic, FilterPolicy: { kind: [breaking] } }
  Cleanup:
    Type: AWS::Scheduler::Schedule
    Properties:
      Name: cleanup
      ScheduleExpression: at(2026-05-01T00:00:00)
      FlexibleTimeWindow: { Mode: FLEXIBLE, MaximumWindowInMinutes: 15 }
      State: ENABLED
      Target: { Arn: !GetAtt Fn.Arn, Input: '{"cleanup":true}', RetryPolicy: { MaximumRetryAttempts: 0 } }
`;

test('buses, rules, schedules and filter policies from SAM and CloudFormation resources', async () => {
  const model = await loadTemplate({ cwd: tempProject({ 'template.yaml': TEMPLATE }) });
  const decls = model.localResources ?? [];
  const buses = decls.filter((d): d is BusDecl => d.kind === 'bus');
  const dflt = buses.find((b) => b.name === 'default')!;
  const app = buses.find((b) => b.name === 'app')!;
  assert.equal(app.logicalId, 'Bus');
  const legacy = dflt.rules.find((r) => r.name === 'FnLegacy')!;
  assert.deepEqual(legacy.eventPattern, { source: ['aws.ec2'] });
  assert.deepEqual(legacy.targets[0], {
    id: 'FnLegacyLambdaTarget',
    arn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
    input: undefined,
    inputPath: undefined,
    inputTransformer: { inputPathsMap: { s: '$.source' }, inputTemplate: '{"s": <s>}' },
    deadLetterArn: 'arn:aws:sqs:us-east-1:123456789012:FnLegacyQueue',
    retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 600 },
  });
  assert.ok(decls.some((d): d is QueueDecl => d.kind === 'queue' && d.name === 'FnLegacyQueue'), 'SAM makes a queue for DeadLetterConfig Type SQS');
  const off = dflt.rules.find((r) => r.name === 'FnOff')!;
  assert.deepEqual([off.scheduleExpression, off.state], ['rate(1 day)', 'DISABLED']);
  const onApp = app.rules.find((r) => r.name === 'on-app')!;
  assert.equal(onApp.arn, 'arn:aws:events:us-east-1:123456789012:rule/app/on-app');
  assert.equal(onApp.targets[0].input, '{"k":1}');
  const schedules = decls.filter((d): d is ScheduleDecl => d.kind === 'schedule');
  assert.deepEqual(
    schedules.map((s) => [s.name, s.arn, s.expression, s.timezone, s.target.input]),
    [
      ['cleanup', 'arn:aws:scheduler:us-east-1:123456789012:schedule/default/cleanup', 'at(2026-05-01T00:00:00)', undefined, '{"cleanup":true}'],
      ['FnMorning', 'arn:aws:scheduler:us-east-1:123456789012:schedule/g1/FnMorning', 'cron(0 7 * * ? *)', 'Asia/Tokyo', undefined],
    ],
  );
  assert.deepEqual(schedules[0].target.retryPolicy, { maximumRetryAttempts: 0, maximumEventAgeInSeconds: undefined });
  assert.ok(model.warnings.some((w) => w === 'Schedule "cleanup": FlexibleTimeWindow is ignored locally; it fires at the exact scheduled time.'), model.warnings.join('\n'));
  const topic = decls.find((d): d is TopicDecl => d.kind === 'topic')!;
  assert.deepEqual(topic.subscriptions, [{ protocol: 'lambda', endpoint: 'arn:aws:lambda:us-east-1:123456789012:function:fn', raw: undefined, filterPolicy: { kind: ['breaking'] } }]);
});
