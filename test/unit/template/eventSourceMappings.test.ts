// Unit: reading event source mappings from a template — SAM SQS, Kinesis and DynamoDB events (with the logical
// id SAM gives the mapping, a FilterCriteria Pattern written as YAML made JSON text, members the API does not
// take left out), and AWS::Lambda::EventSourceMapping resources by !Ref and by name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTemplate } from '../../../src/core/template/index';
import { tempProject } from './helpers';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Clicks:
    Type: AWS::Kinesis::Stream
  Table:
    Type: AWS::DynamoDB::Table
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: fn
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => 1"
      Events:
        FromJobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 20
            MaximumBatchingWindowInSeconds: 2
            ScalingConfig: { MaximumConcurrency: 3 }
            FilterCriteria:
              Filters:
                - Pattern: { body: { kind: [order] } }
                - Pattern: '{"body": ["ping"]}'
        FromClicks:
          Type: Kinesis
          Properties: { Stream: !GetAtt Clicks.Arn, StartingPosition: TRIM_HORIZON, ParallelizationFactor: 2, KmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/x }
        FromTable:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Table.StreamArn
            StartingPosition: LATEST
            DestinationConfig: { OnFailure: { Type: SQS, Destination: !GetAtt Jobs.Arn } }
  Other:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => 1"
  ByRef:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: !Ref Other, EventSourceArn: !GetAtt Jobs.Arn, Enabled: false, Tags: [{ Key: a, Value: b }] }
  ByName:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: fn, EventSourceArn: arn:aws:sqs:us-east-1:123456789012:elsewhere }
`;

test('SAM events and AWS::Lambda::EventSourceMapping become CreateEventSourceMapping members', async () => {
  const dir = tempProject({ 'template.yaml': TEMPLATE });
  const model = await loadTemplate({ cwd: dir, stackName: 'stack' });
  const byId = Object.fromEntries((model.eventSourceMappings ?? []).map((m) => [m.logicalId, m.input]));
  assert.deepEqual(Object.keys(byId), ['FnFromJobs', 'FnFromClicks', 'FnFromTable', 'ByRef', 'ByName']);
  assert.deepEqual(byId.FnFromJobs, {
    BatchSize: 20,
    MaximumBatchingWindowInSeconds: 2,
    ScalingConfig: { MaximumConcurrency: 3 },
    FilterCriteria: { Filters: [{ Pattern: '{"body":{"kind":["order"]}}' }, { Pattern: '{"body": ["ping"]}' }] },
    EventSourceArn: byId.FnFromJobs.EventSourceArn,
    FunctionName: 'fn',
  });
  assert.match(String(byId.FnFromJobs.EventSourceArn), /^arn:aws:sqs:us-east-1:123456789012:/);
  assert.deepEqual(byId.FnFromClicks, { StartingPosition: 'TRIM_HORIZON', ParallelizationFactor: 2, EventSourceArn: byId.FnFromClicks.EventSourceArn, FunctionName: 'fn' });
  assert.match(String(byId.FnFromClicks.EventSourceArn), /^arn:aws:kinesis:us-east-1:123456789012:stream\//);
  assert.match(String(byId.FnFromTable.EventSourceArn), /^arn:aws:dynamodb:us-east-1:123456789012:table\/.+\/stream\//);
  assert.deepEqual((byId.FnFromTable.DestinationConfig as { OnFailure: { Destination: string } }).OnFailure.Destination, byId.FnFromJobs.EventSourceArn);
  assert.equal(byId.ByRef.FunctionName, model.functions.find((f) => f.logicalId === 'Other')!.functionName);
  assert.deepEqual([byId.ByRef.Enabled, byId.ByRef.Tags], [false, undefined]);
  assert.deepEqual(byId.ByName, { EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:elsewhere', FunctionName: 'fn' });
});
