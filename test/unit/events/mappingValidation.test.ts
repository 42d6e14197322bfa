// Unit: Create/UpdateEventSourceMapping validation (lambda-semantics.md §11.1) — defaults per source kind, every
// limit, the BatchSize > 10 rule, what a kind does not take, and Update's merge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateMapping } from '../../../src/core/events/mappings/mappingValidation';

const Q = 'arn:aws:sqs:us-east-1:123456789012:work';
const FIFO = 'arn:aws:sqs:us-east-1:123456789012:work.fifo';
const K = 'arn:aws:kinesis:us-east-1:123456789012:stream/s';
const D = 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026-01-01T00:00:00.000';
const fn = (n: string) => ({ functionName: n.split(':')[0], qualifier: n.split(':')[1] });
const v = (input: Record<string, unknown>) => validateMapping({ FunctionName: 'f', ...input }, fn, undefined, Date.UTC(2026, 0, 2));

test('defaults: SQS batch 10, streams batch 100 with their stream settings', () => {
  assert.deepEqual(v({ EventSourceArn: Q }), { kind: 'sqs', eventSourceArn: Q, functionName: 'f', qualifier: undefined, enabled: true, batchSize: 10, maximumBatchingWindowInSeconds: 0, functionResponseTypes: [] });
  const k = v({ EventSourceArn: K, StartingPosition: 'LATEST' });
  assert.equal(k.batchSize, 100);
  assert.deepEqual([k.parallelizationFactor, k.bisectBatchOnFunctionError, k.maximumRetryAttempts, k.maximumRecordAgeInSeconds, k.tumblingWindowInSeconds], [1, false, -1, -1, 0]);
  assert.equal(v({ EventSourceArn: D, StartingPosition: 'TRIM_HORIZON', FunctionName: 'f:live' }).qualifier, 'live');
});

const INVALID: [string, Record<string, unknown>, RegExp][] = [
  ['no source', {}, /EventSourceArn is required/],
  ['unknown source', { EventSourceArn: 'arn:aws:s3:::bucket' }, /Unrecognized event source/],
  ['SQS batch 0', { EventSourceArn: Q, BatchSize: 0 }, /BatchSize must be a whole number from 1 to 10000/],
  ['SQS batch 10001', { EventSourceArn: Q, BatchSize: 10_001, MaximumBatchingWindowInSeconds: 1 }, /from 1 to 10000/],
  ['FIFO batch 11', { EventSourceArn: FIFO, BatchSize: 11, MaximumBatchingWindowInSeconds: 1 }, /from 1 to 10, got/],
  ['SQS batch > 10 without a window', { EventSourceArn: Q, BatchSize: 11 }, /^Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10$/],
  ['window 301', { EventSourceArn: Q, MaximumBatchingWindowInSeconds: 301 }, /from 0 to 300/],
  ['response type', { EventSourceArn: Q, FunctionResponseTypes: ['Other'] }, /FunctionResponseTypes/],
  ['SQS concurrency 1', { EventSourceArn: Q, ScalingConfig: { MaximumConcurrency: 1 } }, /MaximumConcurrency must be a whole number from 2 to 1000/],
  ['SQS concurrency 1001', { EventSourceArn: Q, ScalingConfig: { MaximumConcurrency: 1001 } }, /from 2 to 1000/],
  ['SQS with StartingPosition', { EventSourceArn: Q, StartingPosition: 'LATEST' }, /Unsupported StartingPosition parameter for given event source mapping type/],
  ['SQS with MaximumRetryAttempts', { EventSourceArn: Q, MaximumRetryAttempts: 1 }, /Unsupported MaximumRetryAttempts/],
  ['SQS with DestinationConfig', { EventSourceArn: Q, DestinationConfig: { OnFailure: { Destination: Q } } }, /Unsupported DestinationConfig/],
  ['Kinesis with ScalingConfig', { EventSourceArn: K, StartingPosition: 'LATEST', ScalingConfig: { MaximumConcurrency: 5 } }, /Unsupported ScalingConfig/],
  ['stream without StartingPosition', { EventSourceArn: K }, /StartingPosition is required/],
  ['DynamoDB AT_TIMESTAMP', { EventSourceArn: D, StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: 1 }, /not valid for dynamodb/],
  ['AT_TIMESTAMP without timestamp', { EventSourceArn: K, StartingPosition: 'AT_TIMESTAMP' }, /StartingPositionTimestamp is required/],
  ['AT_TIMESTAMP in the future', { EventSourceArn: K, StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: Date.UTC(2027, 0, 1) / 1000 }, /in the future/],
  ['timestamp without AT_TIMESTAMP', { EventSourceArn: K, StartingPosition: 'LATEST', StartingPositionTimestamp: 1 }, /only valid with StartingPosition AT_TIMESTAMP/],
  ['stream batch 10001', { EventSourceArn: K, StartingPosition: 'LATEST', BatchSize: 10_001 }, /from 1 to 10000/],
  ['parallelization 11', { EventSourceArn: K, StartingPosition: 'LATEST', ParallelizationFactor: 11 }, /ParallelizationFactor must be a whole number from 1 to 10/],
  ['retries 10001', { EventSourceArn: K, StartingPosition: 'LATEST', MaximumRetryAttempts: 10_001 }, /-1 \(infinite\) or a whole number from 0 to 10000/],
  ['record age 59', { EventSourceArn: K, StartingPosition: 'LATEST', MaximumRecordAgeInSeconds: 59 }, /-1 \(infinite\) or a whole number from 60 to 604800/],
  ['tumbling 901', { EventSourceArn: K, StartingPosition: 'LATEST', TumblingWindowInSeconds: 901 }, /from 0 to 900/],
  ['bisect not boolean', { EventSourceArn: K, StartingPosition: 'LATEST', BisectBatchOnFunctionError: 'yes' }, /true or false/],
  ['OnSuccess', { EventSourceArn: K, StartingPosition: 'LATEST', DestinationConfig: { OnSuccess: { Destination: Q } } }, /OnFailure only/],
  ['OnFailure to a function', { EventSourceArn: K, StartingPosition: 'LATEST', DestinationConfig: { OnFailure: { Destination: 'arn:aws:lambda:us-east-1:123456789012:function:x' } } }, /SQS queue, SNS topic or S3 bucket/],
  ['unknown member', { EventSourceArn: Q, Batch: 3 }, /Unknown parameter Batch/],
];

for (const [name, input, message] of INVALID) {
  test(`invalid: ${name}`, () => assert.throws(() => v(input), (e: Error & { code?: string }) => e.code === 'INVALID_PARAMETER' && message.test(e.message)));
}

test('valid edges: SQS batch 10000 with a window, FIFO 10, concurrency 2 and 1000, retries -1 and 0, age 60 and 604800', () => {
  assert.equal(v({ EventSourceArn: Q, BatchSize: 10_000, MaximumBatchingWindowInSeconds: 1 }).batchSize, 10_000);
  assert.equal(v({ EventSourceArn: FIFO, BatchSize: 10 }).batchSize, 10);
  assert.equal(v({ EventSourceArn: Q, ScalingConfig: { MaximumConcurrency: 2 } }).maximumConcurrency, 2);
  assert.equal(v({ EventSourceArn: Q, ScalingConfig: { MaximumConcurrency: 1000 } }).maximumConcurrency, 1000);
  for (const r of [-1, 0, 10_000]) assert.equal(v({ EventSourceArn: K, StartingPosition: 'LATEST', MaximumRetryAttempts: r }).maximumRetryAttempts, r);
  for (const a of [-1, 60, 604_800]) assert.equal(v({ EventSourceArn: K, StartingPosition: 'LATEST', MaximumRecordAgeInSeconds: a }).maximumRecordAgeInSeconds, a);
  assert.equal(v({ EventSourceArn: K, StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: Date.UTC(2026, 0, 1) / 1000 }).startingPositionTimestamp, Date.UTC(2026, 0, 1) / 1000);
});

test('update merges over the current settings and refuses what cannot change', () => {
  const s = v({ EventSourceArn: Q, BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] });
  const u = validateMapping({ Enabled: false, BatchSize: 7 }, fn, s);
  assert.deepEqual({ ...u }, { ...s, enabled: false, batchSize: 7 });
  assert.throws(() => validateMapping({ EventSourceArn: Q }, fn, s), /EventSourceArn cannot be changed/);
  // The BatchSize > 10 rule holds for the merged settings.
  assert.throws(() => validateMapping({ BatchSize: 20 }, fn, s), /Maximum batch window/);
});
