// Integration: provisioned concurrency through @aws-sdk/client-lambda against the real API server (§8) —
// Put (202, IN_PROGRESS) → Get (READY), List with the qualified ARN, Delete, Lambda's errors (not found,
// $LATEST, over reserved), and an invoke of the alias answered by a provisioned environment.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DeleteProvisionedConcurrencyConfigCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvalidParameterValueException,
  InvokeCommand,
  ListProvisionedConcurrencyConfigsCommand,
  ProvisionedConcurrencyConfigNotFoundException,
  PutProvisionedConcurrencyConfigCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { fixtures } from './helpers/engine';
import { startApiEngine, text, type ApiEngine } from './helpers/lambdaApi';

describe('Lambda API: provisioned concurrency through the AWS SDK', () => {
  let e: ApiEngine;
  before(async () => {
    e = await startApiEngine({}, join(fixtures, 'provisioned'));
  });
  after(() => e.dispose());

  test('Put answers IN_PROGRESS, Get turns READY, List and Delete; the alias is served warm', async () => {
    const put = await e.client.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'capped', Qualifier: 'live', ProvisionedConcurrentExecutions: 1 }));
    assert.equal(put.$metadata.httpStatusCode, 202);
    assert.equal(put.Status, 'IN_PROGRESS');
    assert.equal(put.RequestedProvisionedConcurrentExecutions, 1);
    assert.match(put.LastModified ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    let got = await e.client.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'capped', Qualifier: 'live' }));
    const deadline = Date.now() + 10_000;
    while (got.Status !== 'READY' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      got = await e.client.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'capped', Qualifier: 'live' }));
    }
    assert.equal(got.Status, 'READY');
    assert.equal(got.AllocatedProvisionedConcurrentExecutions, 1);
    assert.equal(got.AvailableProvisionedConcurrentExecutions, 1);

    const list = await e.client.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'capped' }));
    assert.equal(list.ProvisionedConcurrencyConfigs?.length, 1);
    assert.match(list.ProvisionedConcurrencyConfigs![0].FunctionArn!, /^arn:aws:lambda:us-east-1:\d{12}:function:capped:live$/);
    assert.equal(list.ProvisionedConcurrencyConfigs![0].Status, 'READY');

    const inv = await e.client.send(new InvokeCommand({ FunctionName: 'capped', Qualifier: 'live', Payload: '{}' }));
    assert.equal(JSON.parse(text(inv.Payload)).initType, 'provisioned-concurrency');
    assert.equal(inv.ExecutedVersion, '1');

    await e.client.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: 'capped', Qualifier: 'live' }));
    await assert.rejects(e.client.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'capped', Qualifier: 'live' })), (err: unknown) => {
      assert.ok(err instanceof ProvisionedConcurrencyConfigNotFoundException, String(err));
      assert.equal(err.$metadata.httpStatusCode, 404);
      assert.match(err.message, /No Provisioned Concurrency Config found for this function/);
      return true;
    });
    assert.deepEqual((await e.client.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'capped' }))).ProvisionedConcurrencyConfigs, []);
  });

  test("Lambda's errors: $LATEST, over the reservation, unknown function", async () => {
    await assert.rejects(e.client.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'capped', Qualifier: '$LATEST', ProvisionedConcurrentExecutions: 1 })), (err: unknown) =>
      err instanceof InvalidParameterValueException && /cannot be applied to unpublished function versions/.test(err.message));
    await assert.rejects(e.client.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'capped', Qualifier: 'live', ProvisionedConcurrentExecutions: 5 })), (err: unknown) =>
      err instanceof InvalidParameterValueException && /should not be greater than the reservedConcurrentExecution/.test(err.message));
    await assert.rejects(e.client.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'capped', Qualifier: 'live', ProvisionedConcurrentExecutions: 0 })), InvalidParameterValueException);
    await assert.rejects(e.client.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'nope', Qualifier: 'live' })), ResourceNotFoundException);
  });
});
