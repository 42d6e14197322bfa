// Integration: `queues create|send|receive|list|delete|redrive` and `topics list|subscribe|publish` as users run
// them — real `lambda-workbench` processes over test/fixtures/queues, on the folder's state directory and, with
// --endpoint-url, against a running `lambda-workbench start`.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const cwd = join(fixtures, 'queues');

describe('lambda-workbench queues and topics', () => {
  const stateDir = tempDir('lwb-cli-queues-');
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args, '--state-dir', stateDir], { cwd, encoding: 'utf8', timeout: 90_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  test('create, send with attributes, list, subscribe to a topic, publish, receive --delete, delete', () => {
    const created = cli('queues', 'create', 'jobs', '--visibility-timeout', '5', '--dlq', 'work-dlq', '--max-receive-count', '3');
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout, 'http://sqs.us-east-1.localhost/123456789012/jobs\n');
    const sent = cli('queues', 'send', 'jobs', '{"n":1}', '-a', 'kind=test', '-a', 'size:Number=3');
    assert.equal(sent.code, 0, sent.stderr);
    const { MessageId } = JSON.parse(sent.stdout);
    const list = JSON.parse(cli('queues', 'list', '--json').stdout) as { name: string; visible: number }[];
    assert.equal(list.find((q) => q.name === 'jobs')?.visible, 1, 'the created queue is there in a new process');
    const sub = cli('topics', 'subscribe', 'notices', 'jobs', '--raw');
    assert.equal(sub.code, 0, sub.stderr);
    assert.match(sub.stdout, /^arn:aws:sns:us-east-1:123456789012:notices:[0-9a-f-]{36}\n$/);
    const topics = cli('topics', 'list');
    assert.match(topics.stdout, /notices\s+sqs:work-queue, sqs:jobs\s+arn:aws:sns:us-east-1:123456789012:notices/);
    const published = cli('topics', 'publish', 'notices', 'to every subscriber', '-s', 'Hello');
    assert.equal(published.code, 0, published.stderr);
    const got = cli('queues', 'receive', 'jobs', '--delete');
    assert.equal(got.code, 0, got.stderr);
    const messages = got.stdout.trim().split('\n').map((l) => JSON.parse(l) as { MessageId: string; Body: string; MessageAttributes: Record<string, { DataType: string; StringValue: string }> });
    assert.deepEqual(messages.map((m) => m.Body), ['{"n":1}', 'to every subscriber']);
    assert.equal(messages[0].MessageId, MessageId);
    assert.deepEqual(messages[0].MessageAttributes, { kind: { DataType: 'String', StringValue: 'test' }, size: { DataType: 'Number', StringValue: '3' } });
    assert.equal(cli('queues', 'delete', 'jobs').stdout, 'Deleted queue "jobs" and its messages.\n');
    const gone = cli('queues', 'send', 'jobs', 'x');
    assert.equal(gone.code, 2);
    assert.match(gone.stderr, /The specified queue does not exist: "jobs"/);
  });

  describe('with --endpoint-url, a running engine', () => {
    const engineState = tempDir('lwb-cli-queues-engine-');
    const engine = spawn(process.execPath, [bin, 'start', '--port', '0', '--quiet', '--state-dir', engineState], { cwd });
    const exited = new Promise((r) => engine.on('exit', r));
    const url = new Promise<string>((resolve, reject) => {
      let out = '';
      engine.stdout.on('data', (d: Buffer) => {
        out += d;
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      engine.on('exit', () => reject(new Error('the engine exited before listening')));
    });
    url.catch(() => undefined);
    after(async () => {
      engine.kill('SIGTERM');
      await exited;
    });
    const remote = async (...args: string[]) => {
      const endpoint = await url;
      return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const p = spawn(process.execPath, [bin, ...args, '--endpoint-url', endpoint], { cwd });
        let stdout = '';
        let stderr = '';
        p.stdout.on('data', (d: Buffer) => (stdout += d));
        p.stderr.on('data', (d: Buffer) => (stderr += d));
        p.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
    };

    test('send, receive, publish, list and redrive on the running engine', async () => {
      const sent = await remote('queues', 'send', 'work-queue', 'remote hello');
      assert.equal(sent.code, 0, sent.stderr);
      const published = await remote('topics', 'publish', 'notices', 'remote notice');
      assert.equal(published.code, 0, published.stderr);
      const got = await remote('queues', 'receive', 'work-queue', '--visibility-timeout', '0');
      assert.equal(got.code, 0, got.stderr);
      const bodies = got.stdout.trim().split('\n').map((l) => JSON.parse(l).Body as string);
      assert.equal(bodies[0], 'remote hello');
      assert.equal(JSON.parse(bodies[1]).Message, 'remote notice');
      const moved = await remote('queues', 'create', 'spare');
      assert.equal(moved.stdout, `${await url}/123456789012/spare\n`);
      assert.equal((await remote('queues', 'send', 'work-dlq', 'dead one')).code, 0);
      const redrive = await remote('queues', 'redrive', 'work-dlq', '--to', 'spare');
      assert.equal(redrive.stdout, 'Moved 1 message from "work-dlq" back to "spare".\n', redrive.stderr);
      const list = JSON.parse((await remote('queues', 'list', '--json')).stdout) as { name: string; visible: number }[];
      assert.deepEqual(Object.fromEntries(list.map((q) => [q.name, q.visible])), { 'orders.fifo': 0, spare: 1, 'work-dlq': 0, 'work-queue': 2 });
      const missing = await remote('topics', 'publish', 'nope', 'x');
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /Topic not found: "nope"\. Topics: notices/);
    });
  });
});
