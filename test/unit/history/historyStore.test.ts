// Unit: the invocation history store on real files in a temp folder: batching off the invoke path, newest
// first, bounds by count and size per function, a torn line, lookup by id prefix.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { InvocationEvent } from '../../../src/core/history/historyRecord';
import { HistoryStore } from '../../../src/core/history/historyStore';
import type { InvokeResult } from '../../../src/core/invoke/invokeTypes';
import { tempDir } from '../../helpers/tempDirs';

let n = 0;
function event(fn: string, payload: string, extra: Partial<InvokeResult> = {}): InvocationEvent {
  n++;
  const requestId = `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
  const result = {
    statusCode: 200, requestId, status: 'success', payload: Buffer.from(`{"n":${n}}`), durationMs: 1.5, billedDurationMs: 2,
    memorySizeMB: 128, maxMemoryUsedMB: 40, coldStart: n === 1, logTail: `START RequestId: ${requestId}\n`, logStreamName: 's',
    executedVersion: '$LATEST', environmentId: 'env-1', streamed: false, ...extra,
  } as unknown as InvokeResult;
  return { functionName: fn, payload, origin: 'test', startedAt: Date.now() + n, debug: false, result };
}

const store = (dir: string, limits = {}, warnings: string[] = []) =>
  new HistoryStore(dir, (name) => (name === 'alias-of-a' ? 'A' : undefined), (w) => warnings.push(w), { batchDelayMs: 10_000, ...limits });

test('record() writes nothing at once; flush() writes the batch; list() is newest first with every field', async () => {
  const dir = join(tempDir('lwb-history-'), 'history');
  const s = store(dir);
  s.record(event('A', '{"first":1}'));
  s.record(event('alias-of-a', '{"second":2}'));
  s.record(event('B', '{}'));
  assert.equal(existsSync(dir), false, 'nothing on disk before the batch is written');
  await s.flush();
  assert.equal(readFileSync(join(dir, 'A.jsonl'), 'utf8').trim().split('\n').length, 2, 'a name resolves to its logical id');
  const a = await s.list('A');
  assert.deepEqual(a.map((r) => r.event), ['{"second":2}', '{"first":1}']);
  const [newest] = a;
  assert.equal(newest.functionName, 'A');
  assert.equal(newest.origin, 'test');
  assert.equal(newest.status, 'success');
  assert.equal(newest.result, `{"n":${n - 1}}`);
  assert.equal(newest.billedDurationMs, 2);
  assert.equal(newest.maxMemoryUsedMB, 40);
  assert.equal(newest.version, '$LATEST');
  assert.equal(newest.environmentId, 'env-1');
  assert.match(newest.logs ?? '', /^START RequestId: /);
  assert.deepEqual(await s.functions(), ['A', 'B']);
  assert.equal((await s.list()).length, 3);
});

test('an invoke that failed before the function ran is recorded with its code', async () => {
  const dir = tempDir('lwb-history-');
  const s = store(dir);
  const err = Object.assign(new Error('Function not found: "Nope"'), { code: 'FUNCTION_NOT_FOUND' });
  s.record({ functionName: 'Nope', payload: Buffer.from('{"x":1}'), origin: 'cli', startedAt: Date.now(), debug: false, error: err });
  const [r] = await s.list('Nope');
  assert.equal(r.status, 'failed');
  assert.equal(r.errorCode, 'FUNCTION_NOT_FOUND');
  assert.equal(r.errorMessage, 'Function not found: "Nope"');
  assert.equal(r.event, '{"x":1}');
});

test('bounded per function by count and by size, newest kept', async () => {
  const dir = tempDir('lwb-history-');
  const s = store(dir, { maxEntriesPerFunction: 3 });
  for (let i = 0; i < 7; i++) s.record(event('A', `{"i":${i}}`));
  s.record(event('B', '{}'));
  await s.flush();
  assert.deepEqual((await s.list('A')).map((r) => r.event), ['{"i":6}', '{"i":5}', '{"i":4}']);
  assert.equal((await s.list('B')).length, 1);
  const small = store(tempDir('lwb-history-'), { maxBytesPerFunction: 2500 });
  for (let i = 0; i < 10; i++) small.record(event('A', JSON.stringify({ i, pad: 'x'.repeat(400) })));
  await small.flush();
  const kept = await small.list('A');
  assert.ok(kept.length >= 1 && kept.length < 10, `kept ${kept.length}`);
  assert.equal(JSON.parse(kept[0].event).i, 9);
  assert.ok(readFileSync(join(small['dir'], 'A.jsonl')).length <= 2500);
});

test('a torn line (a killed writer) is skipped and reported; later records stay readable', async () => {
  const dir = tempDir('lwb-history-');
  const warnings: string[] = [];
  const s = store(dir, {}, warnings);
  s.record(event('A', '{"before":1}'));
  await s.flush();
  appendFileSync(join(dir, 'A.jsonl'), '{"id":"torn","funct');
  const fresh = store(dir, {}, warnings);
  fresh.record(event('A', '{"after":1}'));
  assert.deepEqual((await fresh.list('A')).map((r) => r.event), ['{"after":1}', '{"before":1}']);
  assert.match(warnings.join('\n'), /Skipped 1 unreadable line in the invocation history .*A\.jsonl/);
});

test('get() finds a record by id or a unique prefix; an unknown id is a coded error', async () => {
  const s = store(tempDir('lwb-history-'));
  const e = event('A', '{}');
  s.record(e);
  const id = e.result!.requestId;
  assert.equal((await s.get(id)).id, id);
  assert.equal((await s.get(id.slice(0, 8))).id, id);
  await assert.rejects(s.get('ffffffff'), (err: Error & { code?: string }) => err.code === 'HISTORY_NOT_FOUND' && /No invocation "ffffffff"/.test(err.message));
});
