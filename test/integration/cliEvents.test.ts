// Integration: `events put|rules` and `schedules list|run` as users run them — a real `lambda-workbench`
// process over test/fixtures/eventbus: events delivered to the rules' targets (a function run, a queue
// message), per-entry failures in the exit code, an entries file, rules and schedules listed, a schedule fired.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const UUID_LINE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n$/;

describe('lambda-workbench events and schedules', () => {
  const dir = tempDir('lwb-cli-events-');
  const stateDir = join(dir, 'state');
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args, '--state-dir', stateDir], { cwd: join(fixtures, 'eventbus'), encoding: 'utf8', timeout: 90_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const audit = () => cli('queues', 'receive', 'audit', '--max', '10', '--delete').stdout.trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { Body: string }).Body);

  test('events put prints the event id, then delivers: the function runs, the queue gets its transformed message', () => {
    const out = cli('events', 'put', '--bus', 'orders', '--source', 'shop', '--detail-type', 'OrderPaid', '--detail', '{"id":"c-1","total":120}');
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, UUID_LINE);
    assert.equal((out.stderr.match(/START RequestId: /g) ?? []).length, 1, `the recorder ran once: ${out.stderr}`);
    assert.deepEqual(audit(), ['{"what": "OrderPaid", "text": "order c-1 seen on audit-shop"}']);
  });

  test('a failed entry is printed and makes the exit code 2; --entries reads a PutEvents entries file', () => {
    const bad = cli('events', 'put', '--source', 'aws.ec2', '--detail-type', 'x');
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, 'FAILED NotAuthorizedForSourceException: Not authorized for the source.\n');
    assert.match(bad.stderr, /1 of 1 entries failed/);
    const file = join(dir, 'entries.json');
    writeFileSync(file, JSON.stringify([{ Source: 'shop', DetailType: 'OrderSeen', Detail: '{"id":"f-1"}' }, { Source: 'monitor', DetailType: 'Alert', Detail: '{"size":"big","count":50}' }]));
    const out = cli('events', 'put', '--entries', file, '--json');
    assert.equal(out.code, 0, out.stderr);
    assert.equal(JSON.parse(out.stdout).FailedEntryCount, 0);
    assert.deepEqual(audit(), ['{"what": "OrderSeen", "text": "order f-1 seen on audit-shop"}'], 'the default bus forwarded the shop event to "orders"');
    const big = cli('queues', 'receive', 'big-alerts');
    assert.equal(JSON.parse(big.stdout).Body, '{"size":"big","count":50}');
    const missing = cli('events', 'put', '--entries', join(dir, 'nope.json'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Cannot read the entries file ".*nope\.json"/);
  });

  test('events rules lists each bus\'s rules; schedules list shows next fire times; schedules run fires one now', () => {
    const rules = cli('events', 'rules', '--bus', 'orders');
    assert.equal(rules.code, 0, rules.stderr);
    assert.match(rules.stdout, /^BUS +RULE +STATE +PATTERN \/ SCHEDULE +TARGETS\n/);
    assert.match(rules.stdout, /orders +audit-shop +ENABLED +\{"source":\["shop"\]\} +sqs:audit\n/);
    const list = cli('schedules', 'list', '--json');
    assert.equal(list.code, 0, list.stderr);
    const byName = Object.fromEntries((JSON.parse(list.stdout) as { name: string; nextFire?: string; state: string }[]).map((s) => [s.name, s]));
    assert.match(byName.nightly.nextFire!, /^\d{4}-\d\d-\d\dT03:00:00Z$/);
    assert.equal(byName['berlin-morning'].nextFire, undefined, 'disabled');
    const run = cli('schedules', 'run', 'nightly');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Fired "nightly" \(cron\(0 3 \* \* \? \*\)\) at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.\n$/);
    assert.equal((run.stderr.match(/START RequestId: /g) ?? []).length, 1, run.stderr);
    const missing = cli('schedules', 'run', 'nope');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Schedule not found: "nope"\. Schedules: .*nightly/);
  });
});
