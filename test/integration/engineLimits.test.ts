// Integration: timeouts, crashes, memory limits and payload limits, enforced as Lambda enforces them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { isWorkbenchError } from '../../src/core/common/errors';
import { json, startEngine, type TestEngine } from './helpers/engine';

describe('limits', () => {
  let e: TestEngine;
  before(() => {
    e = startEngine();
  });
  after(() => e.dispose());

  for (const fn of ['Timeout', 'BusyLoop']) {
    test(`${fn}: killed at the timeout with Sandbox.Timedout; the next invoke is cold`, async () => {
      const r = await e.service.invoke(fn, '{}');
      assert.equal(r.status, 'timeout');
      assert.equal(r.functionError, 'Unhandled');
      assert.deepEqual(json(r.payload), { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${r.requestId} Error: Task timed out after 1.00 seconds` });
      assert.equal(r.durationMs, 1000);
      const report = e.linesOf(r.requestId).find((l) => l.startsWith('REPORT'))!;
      assert.match(report, /^REPORT RequestId: \S+\tDuration: 1000\.00 ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms\tStatus: timeout$/);
      const again = await e.service.invoke(fn, '{}');
      assert.equal(again.coldStart, true);
    });
  }

  test('process.exit in the handler → Runtime.ExitError, REPORT Status: error', async () => {
    const r = await e.service.invoke('Crash', '{}');
    assert.deepEqual(json(r.payload), { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${r.requestId} Error: Runtime exited with error: exit status 3` });
    const lines = e.linesOf(r.requestId);
    assert.ok(lines.includes(`RequestId: ${r.requestId} Error: Runtime exited with error: exit status 3`));
    assert.ok(lines.includes('Runtime.ExitError'));
    assert.match(lines.at(-1)!, /\tStatus: error\tError Type: Runtime\.ExitError$/);
    assert.doesNotMatch(lines.at(-1)!, /Max Memory Used: 0 MB/);
    const again = await e.service.invoke('Crash', '{}');
    assert.equal(again.coldStart, true);
  });

  for (const fn of ['HeapBlowUp', 'RssHog']) {
    test(`${fn}: over MemorySize is killed → Runtime.ExitError, REPORT Runtime.OutOfMemory`, async () => {
      const r = await e.service.invoke(fn, '{}');
      assert.equal(r.functionError, 'Unhandled');
      const p = json(r.payload);
      assert.equal(p.errorType, 'Runtime.ExitError');
      assert.match(p.errorMessage, /^RequestId: \S+ Error: Runtime exited with error: signal: (killed|aborted)$/);
      assert.equal(r.maxMemoryUsedMB, 128);
      const report = e.linesOf(r.requestId).find((l) => l.startsWith('REPORT'))!;
      assert.match(report, /Max Memory Used: 128 MB\t.*Status: error\tError Type: Runtime\.OutOfMemory$/);
    });
  }

  test('the V8 heap is capped at 90% of MemorySize, as Lambda\'s bootstrap caps it, though the flag is reset once the heap is made', async () => {
    // The runtime sets --max-old-space-size back to its default at its start, so that V8 accepts node's built-in
    // code cache again (bootstrap/heapFlags.ts): the heap it was made with must keep the cap.
    const r = await e.service.invoke('HeapLimit', '{}');
    const got = json(r.payload) as { heapSizeLimit: number; execArgv: string[] };
    assert.ok(got.execArgv.includes('--max-old-space-size=230'), got.execArgv.join(' '));
    const capped = execFileSync(process.execPath, ['--max-old-space-size=230', '-p', 'require("node:v8").getHeapStatistics().heap_size_limit'], { encoding: 'utf8' });
    const uncapped = execFileSync(process.execPath, ['-p', 'require("node:v8").getHeapStatistics().heap_size_limit'], { encoding: 'utf8' });
    assert.equal(got.heapSizeLimit, Number(capped));
    assert.notEqual(got.heapSizeLimit, Number(uncapped));
  });

  test('a response over 6 MB → Function.ResponseSizeTooLarge', async () => {
    const r = await e.service.invoke('BigResponse', '{}');
    assert.deepEqual(json(r.payload), {
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    });
  });

  test('a request over 6 MB is refused before anything runs', async () => {
    const big = Buffer.from(JSON.stringify({ d: 'x'.repeat(6 * 1024 * 1024) }));
    await assert.rejects(e.service.invoke('Cjs', big), (err: unknown) => isWorkbenchError(err) && err.code === 'REQUEST_TOO_LARGE' && /6291456 bytes/.test(err.message));
  });

  test('a request that is not JSON is refused', async () => {
    await assert.rejects(e.service.invoke('Cjs', '{nope'), (err: unknown) => isWorkbenchError(err) && err.code === 'INVALID_REQUEST_CONTENT');
  });

  test('an unknown function names the known ones', async () => {
    await assert.rejects(e.service.invoke('Nope', '{}'), (err: unknown) => isWorkbenchError(err) && err.code === 'FUNCTION_NOT_FOUND' && /Cjs/.test(err.message));
  });
});
