// Integration: asynchronous invocation through @aws-sdk/client-lambda against the real API server (§9, §5.3):
// Event invokes (202, the 1 MB limit, unknown functions) and Put/Update/Get/Delete/ListFunctionEventInvokeConfigs
// (Put replaces, Update patches), including the template's EventInvokeConfig.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DeleteFunctionEventInvokeConfigCommand,
  GetFunctionEventInvokeConfigCommand,
  InvalidParameterValueException,
  InvokeCommand,
  ListFunctionEventInvokeConfigsCommand,
  PutFunctionEventInvokeConfigCommand,
  RequestTooLargeException,
  ResourceNotFoundException,
  UpdateFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import { VirtualClock } from '../../src/core/common/clock';
import { fixtures } from './helpers/engine';
import { startApiEngine, type ApiEngine } from './helpers/lambdaApi';

const FAILURES = 'arn:aws:sqs:us-east-1:123456789012:FailureQueue';
const SUCCESSES = 'arn:aws:sqs:us-east-1:123456789012:success-queue';

describe('Lambda API: asynchronous invocation through the AWS SDK', () => {
  let e: ApiEngine;
  before(async () => {
    e = await startApiEngine({ engineClock: new VirtualClock() }, join(fixtures, 'async'));
  });
  after(() => e.dispose());

  test('Put replaces, Update patches, Get/List show it with the qualified FunctionArn, Delete removes it', async () => {
    const put = await e.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'ok', MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 120, DestinationConfig: { OnFailure: { Destination: FAILURES } } }));
    assert.equal(put.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:ok:$LATEST');
    assert.equal(put.MaximumRetryAttempts, 1);
    assert.equal(put.MaximumEventAgeInSeconds, 120);
    assert.ok(put.LastModified instanceof Date);
    assert.deepEqual(put.DestinationConfig, { OnSuccess: {}, OnFailure: { Destination: FAILURES } });
    const patched = await e.client.send(new UpdateFunctionEventInvokeConfigCommand({ FunctionName: 'ok', MaximumRetryAttempts: 0, DestinationConfig: { OnSuccess: { Destination: SUCCESSES } } }));
    assert.equal(patched.MaximumRetryAttempts, 0);
    assert.equal(patched.MaximumEventAgeInSeconds, 120, 'Update keeps what it does not name');
    assert.deepEqual(patched.DestinationConfig, { OnSuccess: { Destination: SUCCESSES }, OnFailure: { Destination: FAILURES } });
    const replaced = await e.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'ok', MaximumRetryAttempts: 2 }));
    assert.equal(replaced.MaximumEventAgeInSeconds, undefined, 'Put replaces the whole config');
    assert.deepEqual(replaced.DestinationConfig, { OnSuccess: {}, OnFailure: {} });
    const got = await e.client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'ok' }));
    assert.equal(got.MaximumRetryAttempts, 2);
    const list = await e.client.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: 'ok' }));
    assert.deepEqual(list.FunctionEventInvokeConfigs?.map((c) => c.FunctionArn), ['arn:aws:lambda:us-east-1:123456789012:function:ok:$LATEST']);
    await e.client.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: 'ok' }));
    // The template's own EventInvokeConfig (OnSuccess to success-queue) applies again.
    const template = await e.client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'ok' }));
    assert.deepEqual(template.DestinationConfig, { OnSuccess: { Destination: SUCCESSES }, OnFailure: {} });
  });

  test("the template's AWS::Lambda::EventInvokeConfig is what Get answers", async () => {
    const got = await e.client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'slow' }));
    assert.equal(got.MaximumRetryAttempts, 1);
    assert.deepEqual(got.DestinationConfig, { OnSuccess: { Destination: SUCCESSES }, OnFailure: {} });
  });

  test("Lambda's errors: out-of-range values, bad destinations, unknown functions, no config", async () => {
    await assert.rejects(e.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'ok', MaximumRetryAttempts: 3 })), InvalidParameterValueException);
    await assert.rejects(e.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'ok', MaximumEventAgeInSeconds: 59 })), InvalidParameterValueException);
    await assert.rejects(e.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'ok', DestinationConfig: { OnFailure: { Destination: 'not-an-arn' } } })), InvalidParameterValueException);
    await assert.rejects(e.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'nope', MaximumRetryAttempts: 1 })), ResourceNotFoundException);
    await assert.rejects(e.client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'recorder' })), (err: Error) =>
      err instanceof ResourceNotFoundException && err.message === "The function arn:aws:lambda:us-east-1:123456789012:function:recorder:$LATEST doesn't have an EventInvokeConfig");
  });

  test('Event: 202 with the request id; over 1 MB is 413; an unknown function is 404', async () => {
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'recorder', InvocationType: 'Event', Payload: '{"a":1}' }));
    assert.equal(out.StatusCode, 202);
    await e.service.async.idle();
    const ran = (await e.service.listHistory('recorder')).find((r) => r.id === out.$metadata.requestId);
    assert.equal(ran?.origin, 'async');
    await assert.rejects(e.client.send(new InvokeCommand({ FunctionName: 'recorder', InvocationType: 'Event', Payload: JSON.stringify({ big: 'x'.repeat(1024 * 1024) }) })), (err: Error) =>
      err instanceof RequestTooLargeException && /1048576 bytes/.test(err.message));
    await assert.rejects(e.client.send(new InvokeCommand({ FunctionName: 'nope', InvocationType: 'Event', Payload: '{}' })), ResourceNotFoundException);
  });
});
