// Unit: REPORT/START/END/INIT lines and billing arithmetic (lambda-semantics.md §2.2, §4.2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { billedDurationMs, formatMs, jsonLines, textLines } from '../../../src/core/logs/platformLines';
import { newLogStreamName } from '../../../src/core/logs/logStreamName';

test('durations print with two decimals', () => {
  assert.equal(formatMs(26.731), '26.73');
  assert.equal(formatMs(1000), '1000.00');
  assert.equal(formatMs(0.005), '0.01');
});

test('billed duration rounds up to the next ms, and adds init on cold starts (since Aug 2025)', () => {
  assert.equal(billedDurationMs(26.73), 27);
  assert.equal(billedDurationMs(12.0), 12);
  assert.equal(billedDurationMs(12.000000001), 12);
  assert.equal(billedDurationMs(0.2), 1);
  assert.equal(billedDurationMs(12.68, 295.33), 309);
  assert.equal(billedDurationMs(1000, 100.89), 1101);
});

test('REPORT for a warm success', () => {
  const line = textLines.report({ requestId: 'id-1', durationMs: 26.734, billedDurationMs: 27, memorySizeMB: 128, maxMemoryUsedMB: 75, status: 'success' });
  assert.equal(line, 'REPORT RequestId: id-1\tDuration: 26.73 ms\tBilled Duration: 27 ms\tMemory Size: 128 MB\tMax Memory Used: 75 MB\t');
});

test('REPORT for a cold timeout and a platform error', () => {
  assert.equal(
    textLines.report({ requestId: 'x', durationMs: 3000, billedDurationMs: 3167, memorySizeMB: 128, maxMemoryUsedMB: 40, initDurationMs: 166.62, status: 'timeout' }),
    'REPORT RequestId: x\tDuration: 3000.00 ms\tBilled Duration: 3167 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tInit Duration: 166.62 ms\tStatus: timeout',
  );
  assert.equal(
    textLines.report({ requestId: 'x', durationMs: 5, billedDurationMs: 5, memorySizeMB: 128, maxMemoryUsedMB: 128, status: 'error', errorType: 'Runtime.OutOfMemory' }),
    'REPORT RequestId: x\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory',
  );
});

test('START, END, INIT_REPORT', () => {
  assert.equal(textLines.start('abc', '$LATEST'), 'START RequestId: abc Version: $LATEST');
  assert.equal(textLines.end('abc'), 'END RequestId: abc');
  assert.equal(textLines.initReport(229.04, 'init', 'error', 'Runtime.ImportModuleError'), 'INIT_REPORT Init Duration: 229.04 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError');
  assert.equal(textLines.initReport(10009.13, 'init', 'timeout'), 'INIT_REPORT Init Duration: 10009.13 ms\tPhase: init\tStatus: timeout');
});

test('INIT_START names the runtime version and a 64-hex ARN', () => {
  assert.match(textLines.initStart('nodejs22.x', 'eu-west-1'), /^INIT_START Runtime Version: nodejs:22\.v1\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:[0-9a-f]{64}$/);
});

test('JSON platform.report record', () => {
  const rec = JSON.parse(jsonLines.report({ requestId: 'r', durationMs: 11.6424, billedDurationMs: 12, memorySizeMB: 128, maxMemoryUsedMB: 67, initDurationMs: 174.0551, status: 'success' }, '2026-01-01T00:00:00.000Z'));
  assert.deepEqual(rec, {
    time: '2026-01-01T00:00:00.000Z',
    type: 'platform.report',
    record: { requestId: 'r', status: 'success', metrics: { durationMs: 11.642, billedDurationMs: 12, memorySizeMB: 128, maxMemoryUsedMB: 67, initDurationMs: 174.055 } },
  });
});

test('log stream names: UTC date, version in brackets, 32 hex', () => {
  const name = newLogStreamName('$LATEST', Date.UTC(2026, 6, 22, 23, 59));
  assert.match(name, /^2026\/07\/22\/\[\$LATEST\][0-9a-f]{32}$/);
});

test('INIT_START for Python and OS-only runtimes', () => {
  assert.match(textLines.initStart('python3.12', 'us-east-1'), /^INIT_START Runtime Version: python:3\.12\.v1\t/);
  assert.match(textLines.initStart('provided.al2023', 'us-east-1'), /^INIT_START Runtime Version: provided:al2023\.v1\t/);
  assert.match(textLines.initStart('provided', 'us-east-1'), /^INIT_START Runtime Version: provided:al1\.v1\t/);
});
