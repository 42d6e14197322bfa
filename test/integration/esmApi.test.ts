// Integration: event source mappings through the Lambda API of a real `lambda-workbench start` process, driven
// by clients we did not write — @aws-sdk/client-lambda (Create/Get/Update/Delete/List, paging, Lambda's errors),
// the AWS CLI (`aws lambda create-event-source-mapping --endpoint-url …`), and @aws-sdk/client-sqs sending into
// a queue whose mapping then invokes the function — and mappings created through the API surviving a restart.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CreateEventSourceMappingCommand, DeleteEventSourceMappingCommand, GetEventSourceMappingCommand, ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { tempDir } from '../helpers/tempDirs';
import { sqsClient } from './helpers/awsClients';
import { fixtures, waitFor } from './helpers/engine';
import { lambdaClient } from './helpers/lambdaApi';
import { startProcess, type StartedEngine } from './helpers/startProcess';

const hasAwsCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
const arn = (q: string) => `arn:aws:sqs:us-east-1:123456789012:${q}`;

describe('event source mappings through the Lambda API of `start`', () => {
  const stateDir = tempDir('lwb-esm-api-');
  let engine: StartedEngine;
  let url: string;
  let lambda: LambdaClient;
  let sqs: SQSClient;

  async function startEngine(): Promise<void> {
    engine = startProcess(join(fixtures, 'esm'), ['--state-dir', stateDir]);
    url = await engine.url;
    lambda = lambdaClient(url);
    sqs = sqsClient(url);
  }
  async function stopEngine(): Promise<void> {
    lambda.destroy();
    sqs.destroy();
    engine.child.kill('SIGTERM');
    await engine.exited;
  }
  before(startEngine);
  after(async () => {
    lambda.destroy();
    sqs.destroy();
    if (engine.child.exitCode === null && engine.child.signalCode === null) engine.child.kill('SIGKILL');
    await engine.exited;
  });

  test('ListEventSourceMappings: the template mappings, filtered by function and source, paged with MaxItems/Marker', async () => {
    const all = (await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings!;
    assert.equal(all.length, 5);
    const other = (await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'esm-other' }))).EventSourceMappings!;
    assert.deepEqual(other.map((m) => [m.EventSourceArn, m.State, m.BatchSize]), [[arn('esm-plain'), 'Disabled', 5]]);
    const bySource = (await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: arn('esm-partial') }))).EventSourceMappings!;
    assert.deepEqual(bySource.map((m) => m.FunctionResponseTypes), [['ReportBatchItemFailures']]);
    const page1 = await lambda.send(new ListEventSourceMappingsCommand({ MaxItems: 2 }));
    const page2 = await lambda.send(new ListEventSourceMappingsCommand({ MaxItems: 2, Marker: page1.NextMarker }));
    const page3 = await lambda.send(new ListEventSourceMappingsCommand({ MaxItems: 2, Marker: page2.NextMarker }));
    assert.deepEqual([...page1.EventSourceMappings!, ...page2.EventSourceMappings!, ...page3.EventSourceMappings!].map((m) => m.UUID), all.map((m) => m.UUID));
    assert.equal(page3.NextMarker, undefined);
  });

  test('CreateEventSourceMapping answers Creating, then the mapping is Enabled and SQS SendMessage invokes the function', async () => {
    const created = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-consumer', EventSourceArn: arn('esm-plain'), BatchSize: 2 }));
    assert.equal(created.$metadata.httpStatusCode, 202);
    assert.equal(created.State, 'Creating');
    assert.match(created.UUID!, /^[0-9a-f-]{36}$/);
    assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:esm-consumer');
    assert.equal(created.EventSourceMappingArn, `arn:aws:lambda:us-east-1:123456789012:event-source-mapping:${created.UUID}`);
    // The transition settles once the poller runs.
    let got = await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    for (let i = 0; i < 100 && got.State === 'Creating'; i++) got = await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    assert.equal(got.State, 'Enabled');
    assert.equal(got.BatchSize, 2);
    const QueueUrl = `${url}/123456789012/esm-plain`;
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"from":"client-sqs"}' }));
    assert.ok(sent.MessageId);
    let left = -1;
    assert.ok(
      await waitFor(() => engine.stderr().includes('START RequestId'), 30_000),
      `the function ran: ${engine.stderr()}`,
    );
    for (let i = 0; i < 100; i++) {
      const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }))).Attributes!;
      left = Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible);
      if (left === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(left, 0, 'the message was consumed and deleted');

    const disabled = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID, Enabled: false, BatchSize: 3 }));
    assert.equal(disabled.$metadata.httpStatusCode, 202);
    assert.deepEqual([disabled.State, disabled.BatchSize], ['Disabling', 3]);
    const deleted = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
    assert.equal(deleted.State, 'Deleting');
    await assert.rejects(
      async () => {
        for (let i = 0; i < 50; i++) {
          await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
          await new Promise((r) => setTimeout(r, 50));
        }
      },
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => e.name === 'ResourceNotFoundException' && e.$metadata?.httpStatusCode === 404,
    );
  });

  test("Lambda's errors: duplicate mapping, BatchSize > 10 without a window, unknown function, unknown UUID", async () => {
    await assert.rejects(lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-consumer', EventSourceArn: arn('esm-work') })), (e: Error) => e.name === 'ResourceConflictException' && /already exists\. Please update or delete the existing mapping with UUID [0-9a-f-]{36}/.test(e.message));
    await assert.rejects(lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-other', EventSourceArn: arn('esm-work'), BatchSize: 11 })), (e: Error) => e.name === 'InvalidParameterValueException' && e.message === 'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
    await assert.rejects(lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'nope', EventSourceArn: arn('esm-work') })), (e: Error) => e.name === 'ResourceNotFoundException' && /Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope/.test(e.message));
    await assert.rejects(lambda.send(new GetEventSourceMappingCommand({ UUID: '00000000-0000-4000-8000-000000000000' })), (e: Error) => e.name === 'ResourceNotFoundException' && /The resource you requested does not exist/.test(e.message));
    await assert.rejects(lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-other', EventSourceArn: arn('esm-work'), FilterCriteria: { Filters: [{ Pattern: '{"body": "x"}' }] } })), (e: Error) => e.name === 'InvalidParameterValueException' && /^Invalid filter pattern definition\./.test(e.message));
  });

  test('the AWS CLI creates, lists and deletes a mapping', { skip: hasAwsCli || process.env.CI ? false : 'the AWS CLI ("aws") is not on PATH' }, async () => {
    const aws = (...args: string[]) =>
      new Promise<{ code: number; out: string; err: string }>((resolve) =>
        execFile('aws', ['lambda', ...args, '--endpoint-url', url, '--output', 'json'], { env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' } }, (err, out, e) => resolve({ code: err ? 1 : 0, out, err: e })),
      );
    const c = await aws('create-event-source-mapping', '--function-name', 'esm-other', '--event-source-arn', arn('esm-work-dlq'), '--batch-size', '3', '--function-response-types', 'ReportBatchItemFailures');
    assert.equal(c.code, 0, c.err);
    const created = JSON.parse(c.out);
    assert.deepEqual([created.State, created.BatchSize, created.FunctionResponseTypes, created.EventSourceArn], ['Creating', 3, ['ReportBatchItemFailures'], arn('esm-work-dlq')]);
    const l = await aws('list-event-source-mappings', '--function-name', 'esm-other');
    assert.equal(l.code, 0, l.err);
    const listed = JSON.parse(l.out).EventSourceMappings as { UUID: string; FunctionArn: string }[];
    assert.ok(listed.some((m) => m.UUID === created.UUID));
    assert.ok(listed.every((m) => m.FunctionArn.endsWith(':function:esm-other')));
    const bad = await aws('create-event-source-mapping', '--function-name', 'esm-other', '--event-source-arn', arn('esm-work'), '--batch-size', '0');
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /InvalidParameterValueException|ValidationException|batch/i);
    let keep = await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    for (let i = 0; i < 100 && keep.State === 'Creating'; i++) keep = await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    assert.equal(keep.State, 'Enabled');
  });

  test('a mapping created through the API is there after a restart (durable under <state>/mappings)', async () => {
    const created = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-other', EventSourceArn: arn('esm-filtered'), Enabled: false }));
    await stopEngine();
    await startEngine();
    const got = await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    assert.deepEqual([got.State, got.EventSourceArn, got.FunctionArn?.split(':').pop()], ['Disabled', arn('esm-filtered'), 'esm-other']);
  });
});
