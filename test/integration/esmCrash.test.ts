// Integration: an SQS mapping's batch survives a kill -9 of the engine mid-batch — a real `lambda-workbench start`
// (time scaled 20×, so the 60 s visibility timeout is 3 s) is killed while the function runs; the next engine on
// the same state directory receives the message again after the visibility timeout (ApproximateReceiveCount 2),
// runs it, and deletes it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { tempDir } from '../helpers/tempDirs';
import { sqsClient } from './helpers/awsClients';
import { fixtures, waitFor } from './helpers/engine';
import { startProcess, type StartedEngine } from './helpers/startProcess';

const engines: StartedEngine[] = [];

function start(stateDir: string): StartedEngine {
  const e = startProcess(join(fixtures, 'esm'), ['--state-dir', stateDir, '--time-scale', '20']);
  engines.push(e);
  return e;
}

describe('SQS mapping crash safety (kill -9 mid-batch)', () => {
  afterEach(async () => {
    for (const e of engines.splice(0)) {
      if (e.child.exitCode === null && e.child.signalCode === null) e.child.kill('SIGKILL');
      await e.exited;
    }
  });

  test('the batch in flight when the engine dies is delivered again by the next engine, then deleted', async () => {
    const stateDir = tempDir('lwb-esm-crash-');
    const first = start(stateDir);
    const sqs = sqsClient(await first.url);
    await sqs.send(new SendMessageCommand({ QueueUrl: `${await first.url}/123456789012/esm-work`, MessageBody: '{"sleepMs":20000,"sleepOnce":true}' }));
    sqs.destroy();
    assert.ok(await waitFor(() => first.stderr().includes('receive counts 1'), 30_000), `the batch started: ${first.stderr()}`);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = start(stateDir);
    const url = await second.url;
    const sqs2 = sqsClient(url);
    try {
      assert.ok(await waitFor(() => second.stderr().includes('receive counts 2'), 30_000), `received again after the visibility timeout: ${second.stderr()}`);
      let left = -1;
      for (let i = 0; i < 100 && left !== 0; i++) {
        const a = (await sqs2.send(new GetQueueAttributesCommand({ QueueUrl: `${url}/123456789012/esm-work`, AttributeNames: ['All'] }))).Attributes!;
        left = Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible);
        if (left) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(left, 0, 'deleted once it succeeded');
      assert.ok(!second.stderr().includes('receive counts 3'));
    } finally {
      sqs2.destroy();
    }
  });
});
