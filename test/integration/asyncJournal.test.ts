// Integration: the async queue's journal on the real engine — a damaged tail reported with file and offset
// while the events before it run, compaction keeping the file small, a restarted engine keeping the retry
// schedule (virtual engine clock), and the client context reaching every attempt.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { VirtualClock } from '../../src/core/common/clock';
import { encodeLine } from '../../src/core/store/journal';
import { tempDir } from '../helpers/tempDirs';
import { startAsyncEngine } from './helpers/asyncEngine';
import { fixtures, startEngine } from './helpers/engine';

const T0 = Date.UTC(2026, 0, 1);

test('a truncated journal tail is reported with file and offset; the event before it still runs', async () => {
  const stateDir = tempDir('lwb-async-journal-');
  const file = join(stateDir, 'async', 'ok.events.journal');
  mkdirSync(join(stateDir, 'async'), { recursive: true });
  const good = encodeLine({ k: 'a', e: { requestId: '11111111-2222-4333-8444-555555555555', functionName: 'ok', payload: '{"kept":true}', acceptedAt: T0, dueAt: T0, delayMs: 0, attempts: 0, setbacks: 0 } });
  writeFileSync(file, good + '0badc0de {"k":"a","e":{"requestId":"cut');
  const e = startAsyncEngine({ stateDir });
  try {
    assert.deepEqual(await e.service.async.resume(), ['ok']);
    await e.service.async.idle();
    const warning = e.warnings.find((w) => w.includes('truncated'));
    assert.ok(warning, e.warnings.join('\n'));
    assert.ok(warning.includes(`${file} has a truncated last record`) && warning.includes(`at byte offset ${Buffer.byteLength(good)}`), warning);
    const record = (await e.bodies('success-queue')).map((b) => JSON.parse(b)).find((r) => r.requestContext.requestId === '11111111-2222-4333-8444-555555555555');
    assert.deepEqual(record?.requestPayload, { kept: true });
  } finally {
    await e.dispose();
  }
});

test('compaction: 150 events through the queue leave a journal of a few lines, not hundreds', async () => {
  const e = startAsyncEngine();
  try {
    await Promise.all(Array.from({ length: 150 }, (_, i) => e.service.async.invoke('recorder', JSON.stringify({ i }))));
    await e.service.async.drained('recorder');
    const status = await e.service.async.status('recorder');
    const lines = readFileSync(status.journal, 'utf8').split('\n').filter(Boolean).length;
    assert.ok(lines < 110, `journal has ${lines} lines after 150 events (each leaves 3 before compaction)`);
    assert.equal(e.attempts.filter((a) => a.functionName === 'recorder').length, 150);
  } finally {
    await e.dispose();
  }
});

test('a restarted engine keeps the retry schedule it finds in the journal', async () => {
  const stateDir = tempDir('lwb-async-restart-');
  const first = startAsyncEngine({ stateDir });
  const { requestId } = await first.service.async.invoke('fail', '{"restart":1}');
  await first.service.async.idle();
  assert.equal(first.attempts.length, 1);
  await first.service.dispose();
  // 30 s later (engine time), a new engine on the same state directory.
  const clock = new VirtualClock(T0 + 30_000);
  const second = startEngine(join(fixtures, 'async'), { stateDir, engineClock: clock });
  const attempts: number[] = [];
  second.service.onDidInvoke((ev) => ev.origin === 'async' && ev.result?.requestId === requestId && attempts.push(clock.now() - T0));
  try {
    await second.service.async.resume();
    assert.equal((await second.service.async.status('fail')).events[0].attempts, 1);
    clock.advance(29_999);
    await second.service.async.idle();
    assert.deepEqual(attempts, []);
    clock.advance(1);
    await second.service.async.idle();
    assert.deepEqual(attempts, [60_000], 'the retry ran when the first engine had scheduled it');
  } finally {
    await second.dispose();
  }
});

test('the client context of an Event invoke reaches the function (context.clientContext)', async () => {
  const e = startAsyncEngine();
  try {
    const cc = Buffer.from(JSON.stringify({ custom: { tag: 'async' } })).toString('base64');
    const { requestId } = await e.service.async.invoke('ok', '{}', { clientContext: cc });
    await e.service.async.idle();
    const record = (await e.bodies('success-queue')).map((b) => JSON.parse(b)).find((r) => r.requestContext.requestId === requestId);
    assert.deepEqual(record?.responsePayload.clientContext, { custom: { tag: 'async' } });
  } finally {
    await e.dispose();
  }
});
