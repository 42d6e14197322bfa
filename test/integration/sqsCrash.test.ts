// Integration: crash safety of the local SQS with real processes: a `lambda-workbench start` engine is killed
// with SIGKILL right after it answered SendMessage (and while more sends are in flight); a new engine on the
// same state directory has every answered message, and a queue created through the API, after the restart.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { tempDir } from '../helpers/tempDirs';
import { startProcess, type StartedEngine } from './helpers/startProcess';
import { sqsClient } from './helpers/awsClients';
import { fixtures } from './helpers/engine';


type Engine = StartedEngine;

const engines: Engine[] = [];

function start(stateDir: string): Engine {
  const e = startProcess(join(fixtures, 'queues'), ['--state-dir', stateDir]);
  engines.push(e);
  return e;
}

describe('SQS crash safety (kill -9 of a real engine)', () => {
  afterEach(async () => {
    for (const e of engines.splice(0)) {
      if (e.child.exitCode === null && e.child.signalCode === null) e.child.kill('SIGKILL');
      await e.exited;
    }
  });

  test('every SendMessage that was answered is there after kill -9 and a restart', async () => {
    const stateDir = tempDir('lwb-sqs-crash-');
    const first = start(stateDir);
    const sqs = sqsClient(await first.url);
    const QueueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'crash-kept' }))).QueueUrl!;
    const answered = new Set<string>();
    const sends = Array.from({ length: 40 }, (_, i) =>
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${i}` })).then(
        (r) => void answered.add(r.MessageId!),
        () => undefined, // cut off by the kill: never answered, so it may or may not be kept
      ),
    );
    // Kill as soon as the fifth answer arrives, with the rest still in flight.
    while (answered.size < 5) await new Promise((r) => setTimeout(r, 1));
    first.child.kill('SIGKILL');
    await first.exited;
    await Promise.all(sends);
    sqs.destroy();

    const second = start(stateDir);
    const url = await second.url;
    const sqs2 = sqsClient(url);
    try {
      const got = new Set<string>();
      for (;;) {
        const r = await sqs2.send(new ReceiveMessageCommand({ QueueUrl: `${url}/123456789012/crash-kept`, MaxNumberOfMessages: 10 }));
        if (!r.Messages?.length) break;
        for (const m of r.Messages) got.add(m.MessageId!);
      }
      const lost = [...answered].filter((id) => !got.has(id));
      assert.deepEqual(lost, [], `answered ${answered.size}, found ${got.size} after the restart`);
      assert.ok(answered.size >= 5);
    } finally {
      sqs2.destroy();
    }
  });
});
