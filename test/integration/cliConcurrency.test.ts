// Integration: `concurrency put|get|delete` and `invoke --concurrency N --repeat M` as users run them — a real
// `lambda-workbench` process over test/fixtures/concurrency, its stdout, stderr and exit code (§8).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');

describe('lambda-workbench concurrency and invoke --concurrency', () => {
  const dir = tempDir('lwb-cli-concurrency-');
  cpSync(join(fixtures, 'concurrency'), dir, { recursive: true });
  writeFileSync(join(dir, 'slow.json'), '{"sleepMs":1500}');
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 90_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  test('put, get, delete; the setting holds for the next command; Lambda\'s error past the unreserved minimum', () => {
    assert.equal(cli('concurrency', 'get', 'reserved').stdout, 'reserved\treserved concurrency: 3\taccount unreserved: 997\n');
    const put = cli('concurrency', 'put', 'free', '2');
    assert.equal(put.code, 0, put.stderr);
    assert.equal(JSON.parse(cli('concurrency', 'get', 'free', '--json').stdout).ReservedConcurrentExecutions, 2);
    const tooMuch = cli('concurrency', 'put', 'free', '990');
    assert.equal(tooMuch.code, 2);
    assert.match(tooMuch.stderr, /below its minimum value of \[100\]/);
    const bad = cli('concurrency', 'put', 'free', 'lots');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /whole number/);

    // 6 at a time against a reservation of 2: each wave has 2 running and 4 throttled.
    const load = cli('invoke', 'free', '--concurrency', '6', '--repeat', '6', '-e', 'slow.json', '--json');
    assert.equal(load.code, 1, 'not every invocation succeeded');
    const s = JSON.parse(load.stdout);
    assert.equal(s.invocations, 6);
    assert.equal(s.ok, 2);
    assert.equal(s.throttled, 4);
    assert.deepEqual(s.throttledByReason, { ReservedFunctionConcurrentInvocationLimitExceeded: 4 });
    assert.ok(s.p50Ms >= 1500 && s.p99Ms >= s.p50Ms, load.stdout);

    const del = cli('concurrency', 'delete', 'free');
    assert.equal(del.code, 0, del.stderr);
    assert.deepEqual(JSON.parse(cli('concurrency', 'get', 'free', '--json').stdout), {});
  });

  test('--account-concurrency rehearses the account limit; the summary prints ok / throttled / p50 / p99', () => {
    const r = cli('invoke', 'free', '--account-concurrency', '2', '--concurrency', '4', '--repeat', '4', '-e', 'slow.json');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^4 invocations, 4 at a time, in [\d.]+ s\nok: 2 {2}throttled: 2 \(ConcurrentInvocationLimitExceeded: 2\) {2}function errors: 0 {2}errors: 0\nlatency of the invocations that ran: p50 [\d.]+ ms, p99 [\d.]+ ms\n$/);
    const ok = cli('invoke', 'free', '--concurrency', '3', '--repeat', '9');
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /ok: 9 {2}throttled: 0/);
    const bad = cli('invoke', 'free', '--concurrency', '0', '--repeat', '2');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--concurrency must be a whole number of at least 1/);
  });
});
