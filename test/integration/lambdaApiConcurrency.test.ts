// Integration: reserved concurrency through @aws-sdk/client-lambda against the real API server (§8, §5.4) —
// Put/Get/DeleteFunctionConcurrency, Lambda's ≥100-unreserved error, GetAccountSettings' real limits, and a
// throttled Invoke as 429 TooManyRequestsException with Reason, Retry-After and Lambda's body.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DeleteFunctionConcurrencyCommand,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  InvalidParameterValueException,
  InvokeCommand,
  PutFunctionConcurrencyCommand,
  ResourceNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { fixtures } from './helpers/engine';
import { startApiEngine, text, type ApiEngine } from './helpers/lambdaApi';

describe('Lambda API: reserved concurrency through the AWS SDK', () => {
  let e: ApiEngine;
  before(async () => {
    e = await startApiEngine({}, join(fixtures, 'concurrency'));
  });
  after(() => e.dispose());

  test('Get/Put/Delete FunctionConcurrency, and GetAccountSettings reports the unreserved count', async () => {
    assert.equal((await e.client.send(new GetFunctionConcurrencyCommand({ FunctionName: 'reserved' }))).ReservedConcurrentExecutions, 3);
    assert.equal((await e.client.send(new GetFunctionConcurrencyCommand({ FunctionName: 'free' }))).ReservedConcurrentExecutions, undefined);
    const put = await e.client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'free', ReservedConcurrentExecutions: 10 }));
    assert.equal(put.ReservedConcurrentExecutions, 10);
    assert.deepEqual((await e.client.send(new GetFunctionCommand({ FunctionName: 'free' }))).Concurrency, { ReservedConcurrentExecutions: 10 });
    const settings = await e.client.send(new GetAccountSettingsCommand({}));
    assert.equal(settings.AccountLimit?.ConcurrentExecutions, 1000);
    assert.equal(settings.AccountLimit?.UnreservedConcurrentExecutions, 1000 - 3 - 10);
    await e.client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'free' }));
    assert.equal((await e.client.send(new GetFunctionCommand({ FunctionName: 'free' }))).Concurrency, undefined);
    assert.equal((await e.client.send(new GetFunctionConcurrencyCommand({ FunctionName: 'free' }))).ReservedConcurrentExecutions, undefined);
    assert.equal((await e.client.send(new GetAccountSettingsCommand({}))).AccountLimit?.UnreservedConcurrentExecutions, 997);
  });

  test('Lambda\'s errors: below 100 unreserved, negative values, unknown functions', async () => {
    await assert.rejects(e.client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'free', ReservedConcurrentExecutions: 898 })), (err: unknown) =>
      err instanceof InvalidParameterValueException && /below its minimum value of \[100\]/.test(err.message));
    await assert.rejects(e.client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'free', ReservedConcurrentExecutions: -1 })), InvalidParameterValueException);
    await assert.rejects(e.client.send(new GetFunctionConcurrencyCommand({ FunctionName: 'nope' })), (err: unknown) =>
      err instanceof ResourceNotFoundException && /Function not found: arn:aws:lambda:us-east-1:\d{12}:function:nope/.test(err.message));
  });

  test('a throttled Invoke is 429 TooManyRequestsException with Reason and Retry-After (SDK and wire)', async () => {
    await assert.rejects(e.client.send(new InvokeCommand({ FunctionName: 'zero', Payload: '{}' })), (err: unknown) => {
      assert.ok(err instanceof TooManyRequestsException, String(err));
      assert.equal(err.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
      assert.equal(err.retryAfterSeconds, '1');
      assert.equal(err.$metadata.httpStatusCode, 429);
      return true;
    });
    const res = await fetch(`${e.api.url}/2015-03-31/functions/zero/invocations`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('x-amzn-errortype'), 'TooManyRequestsException');
    assert.equal(res.headers.get('retry-after'), '1');
    assert.deepEqual(await res.json(), { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' });
  });

  test('reserved 3 with 5 concurrent SDK invokes: 3 answer 200, 2 get 429', async () => {
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => e.client.send(new InvokeCommand({ FunctionName: 'reserved', Payload: JSON.stringify({ sleepMs: 1500 }) }))));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const throttled = results.filter((r) => r.status === 'rejected' && r.reason instanceof TooManyRequestsException && r.reason.Reason === 'ReservedFunctionConcurrentInvocationLimitExceeded');
    assert.equal(ok.length, 3, JSON.stringify(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))));
    assert.equal(throttled.length, 2);
    for (const r of ok) assert.equal(JSON.parse(text((r as PromiseFulfilledResult<{ Payload?: Uint8Array }>).value.Payload)).initType, 'on-demand');
  });
});
