// Integration: `invoke --async`, `async status` and `queues list|receive|purge` as users run them — a real
// `lambda-workbench` process over test/fixtures/async, with --time-scale so §9's minutes pass in a second.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');

describe('lambda-workbench invoke --async, async status, queues', () => {
  const stateDir = tempDir('lwb-cli-async-');
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args, '--state-dir', stateDir], { cwd: join(fixtures, 'async'), encoding: 'utf8', timeout: 90_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  test('--no-wait queues the event and says what is left and where; async status shows it', () => {
    const out = cli('invoke', 'fail', '--async', '--no-wait', '-e', '-');
    assert.equal(out.code, 0, out.stderr);
    const { StatusCode, RequestId } = JSON.parse(out.stdout);
    assert.equal(StatusCode, 202);
    assert.match(out.stderr, new RegExp(`1 event of "fail" left in ${join(stateDir, 'async', 'fail.events.journal').replace(/[/.]/g, '\\$&')}`));
    const status = cli('async', 'status', 'fail');
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^fail\tqueued: 1\tin flight: 0/);
    assert.ok(status.stdout.includes(`${RequestId}\tattempts: 0`), status.stdout);
  });

  test('invoke --async runs the queue (the earlier event too) on the scaled schedule until it is empty', () => {
    const out = cli('invoke', 'fail', '--async', '--time-scale', '600', '-e', '-');
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stderr, /The async queue of "fail" is empty/);
    assert.equal((out.stderr.match(/START RequestId: /g) ?? []).length, 6, 'two events, three attempts each');
    const list = cli('queues', 'list', '--json');
    const counts = Object.fromEntries((JSON.parse(list.stdout) as { name: string; visible: number }[]).map((q) => [q.name, q.visible]));
    assert.equal(counts.FailureQueue, 2);
    assert.equal(counts['dead-letters'], 2);
  });

  test('queues receive prints messages with attributes and --delete removes them; purge empties a queue', () => {
    const got = cli('queues', 'receive', 'dead-letters', '--max', '1', '--delete');
    assert.equal(got.code, 0, got.stderr);
    const m = JSON.parse(got.stdout.trim());
    assert.equal(m.MessageAttributes.ErrorCode.StringValue, '200');
    assert.equal(m.ApproximateReceiveCount, 1);
    const purge = cli('queues', 'purge', 'FailureQueue');
    assert.equal(purge.stdout, 'Purged 2 messages from "FailureQueue".\n');
    const list = JSON.parse(cli('queues', 'list', '--json').stdout) as { name: string; visible: number }[];
    assert.deepEqual(list.filter((q) => q.name === 'FailureQueue' || q.name === 'dead-letters').map((q) => [q.name, q.visible]), [['FailureQueue', 0], ['dead-letters', 1]]);
    const unknown = cli('queues', 'receive', 'nope');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Queue not found: "nope"\. Local queues: success-queue, FailureQueue, dead-letters, TopicCopies/);
  });

  test('bad values are usage errors', () => {
    const r = cli('invoke', 'fail', '--async', '--time-scale', '0', '-e', '-');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--time-scale must be a positive number/);
  });
});
