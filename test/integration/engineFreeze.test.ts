// Integration: between invocations an environment is frozen (§2.1) — its process group is stopped — so a
// background timer or thread pauses and resumes with the next invocation; `freeze: false` lets it run on.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { fixtures, json, startEngine } from './helpers/engine';
import { join } from 'node:path';

const reliability = join(fixtures, 'reliability');

/** Two invocations 1 s apart: how far the background counter moved during the first and between the two. */
async function ticksAcrossAPause(fn: string, freeze: boolean): Promise<{ during: number; between: number; frozenBetween: boolean }> {
  const e = startEngine(reliability, { freeze });
  try {
    const first = json((await e.service.invoke(fn, JSON.stringify({ runMs: 300 }))).payload);
    await sleep(1000);
    const frozenBetween = e.service.environments()[0].frozen;
    const second = json((await e.service.invoke(fn, JSON.stringify({ runMs: 10 }))).payload);
    return { during: first.atEnd - first.atStart, between: second.atStart - first.atEnd, frozenBetween };
  } finally {
    await e.dispose();
  }
}

describe('freeze between invocations (§2.1)', () => {
  for (const fn of ['Ticker', 'TickerPython']) {
    test(`${fn}: a background counter runs during an invocation and not between two`, async () => {
      const r = await ticksAcrossAPause(fn, true);
      assert.ok(r.during >= 5, `it ran during the invocation (${r.during} ticks in 300 ms)`);
      // Unfrozen it would tick ~200 times in that second; frozen, only in the moments around the freeze and the
      // thaw (the freeze comes a few ms after the response; on a loaded machine the process lags behind).
      assert.ok(r.between <= 25, `it did not run between the invocations (${r.between} ticks in 1 s)`);
      assert.equal(r.frozenBetween, true, 'the environment listing says frozen');
    });
  }

  test('with freeze off, the counter keeps running between invocations', async () => {
    const r = await ticksAcrossAPause('Ticker', false);
    assert.ok(r.between >= 50, `it ran between the invocations (${r.between} ticks in 1 s)`);
    assert.equal(r.frozenBetween, false);
  });
});
