// Integration: a caller cancels a running invoke (InvokeOptions.signal, issue 12): the invocation ends with
// INVOKE_CANCELLED (not a crash), its environment and every process in it are gone, the next invoke is cold,
// and the history lists it as cancelled.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isWorkbenchError } from '../../src/core/common/errors';
import { fixtures, isAlive, json, startEngine, waitFor } from './helpers/engine';
import { pidsTagged } from './helpers/processes';

const dir = join(fixtures, 'cancel');
const newTag = () => `lw-cancel-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
const rejection = (p: Promise<unknown>): Promise<unknown> => p.then(() => undefined, (e: unknown) => e);

describe('cancelling a running invoke', () => {
  test('ends it with INVOKE_CANCELLED, stops its environment and its processes, and the next invoke is cold', async () => {
    const e = startEngine(dir);
    try {
      const first = await e.service.invoke('Wait', '{}');
      assert.equal(first.coldStart, true);
      const tag = newTag();
      const ac = new AbortController();
      const pending = rejection(e.service.invoke('Wait', JSON.stringify({ tag, ms: 20_000 }), { signal: ac.signal }));
      assert.ok(await waitFor(() => e.logs.filter((l) => l.message.endsWith('\twaiting')).length === 2, 10_000), 'the second invocation runs');
      assert.ok(await waitFor(() => pidsTagged(tag).length === 1, 5000), 'its grandchild runs');
      const [env] = e.service.environments();
      const pid = env.pid!;
      ac.abort();
      const err = await pending;
      assert.ok(isWorkbenchError(err) && err.code === 'INVOKE_CANCELLED', String(err));
      assert.match(String((err as Error).message), /^The invocation of "Wait" was cancelled while it ran; its execution environment was stopped and discarded, so the next invoke starts cold\.$/);
      // Already gone when the invoke rejects: the runtime and its grandchild.
      assert.equal(isAlive(pid), false, 'the runtime process is gone');
      assert.deepEqual(pidsTagged(tag), [], 'the grandchild is gone');
      assert.deepEqual(e.service.environments(), [], 'the environment was discarded');
      assert.ok(!e.logs.some((l) => /Runtime\.ExitError|Task timed out/.test(l.message)), 'not reported as a crash or a timeout');
      const next = await e.service.invoke('Wait', '{}');
      assert.equal(next.coldStart, true);
      assert.equal(json(next.payload).invocations, 1, 'a new runtime process');
      const history = await e.service.listHistory('Wait');
      assert.deepEqual(history.map((r) => r.status), ['success', 'cancelled', 'success']);
      assert.equal(history[1].errorCode, 'INVOKE_CANCELLED');
    } finally {
      await e.dispose();
    }
  });

  test('also while the environment is still initialising', async () => {
    const e = startEngine(dir);
    try {
      const ac = new AbortController();
      const pending = rejection(e.service.invoke('SlowInit', '{}', { signal: ac.signal }));
      assert.ok(await waitFor(() => e.logs.some((l) => l.message.endsWith('init begins')), 10_000), 'init runs');
      const [env] = e.service.environments();
      const pid = env.pid!;
      ac.abort();
      const err = await pending;
      assert.ok(isWorkbenchError(err) && err.code === 'INVOKE_CANCELLED', String(err));
      assert.equal(isAlive(pid), false);
      assert.deepEqual(e.service.environments(), []);
    } finally {
      await e.dispose();
    }
  });

  test('a signal aborted before the invoke starts nothing; one never aborted changes nothing', async () => {
    const e = startEngine(dir);
    try {
      const err = await rejection(e.service.invoke('Wait', '{}', { signal: AbortSignal.abort() }));
      assert.ok(isWorkbenchError(err) && err.code === 'INVOKE_CANCELLED', String(err));
      assert.equal((err as Error).message, 'The invocation of "Wait" was cancelled before it started.');
      assert.deepEqual(e.service.environments(), []);
      const ac = new AbortController();
      const a = await e.service.invoke('Wait', '{}', { signal: ac.signal });
      const b = await e.service.invoke('Wait', '{}', { signal: ac.signal });
      assert.deepEqual([a.coldStart, b.coldStart, json(b.payload).invocations], [true, false, 2]);
      ac.abort(); // after the invocations ended: the warm environment stays
      const c = await e.service.invoke('Wait', '{}');
      assert.deepEqual([c.coldStart, json(c.payload).invocations], [false, 3]);
    } finally {
      await e.dispose();
    }
  });
});
