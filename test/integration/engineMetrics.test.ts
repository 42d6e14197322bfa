// Integration: the per-minute metrics the engine answers (scaling.metrics, what GetMetrics-style reads use) on
// the engine's virtual clock, across the minute boundary: a minute that ended after the last invocation,
// and that nothing has closed yet, is counted once, from the store or from memory but never from neither
// (CI met that once: the provisioned test read 0 invocations of 4).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VirtualClock } from '../../src/core/common/clock';
import { startEngine } from './helpers/engine';

describe('scaling.metrics across a minute boundary (virtual clock)', () => {
  test('invocations of a minute that has just ended are all counted, once', async () => {
    const clock = new VirtualClock();
    const e = startEngine(undefined, { clock });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await e.service.invoke('Cjs', '{}')).errorType, undefined);
      const total = (d: { Invocations: number }[]) => d.reduce((n, p) => n + p.Invocations, 0);
      assert.equal(total((await e.service.scaling.metrics('Cjs')).datapoints), 3, 'within the minute: from memory');
      // The minute ends with no invocation to close it: the read itself must close it before reading the store.
      clock.advance(60_000);
      const after = (await e.service.scaling.metrics('Cjs')).datapoints;
      assert.equal(total(after), 3, 'the ended minute, from the store');
      assert.equal(after.length, 1, 'one datapoint: the empty current minute is left out');
      clock.advance(60_000);
      assert.equal((await e.service.invoke('Cjs', '{}')).errorType, undefined);
      const later = (await e.service.scaling.metrics('Cjs')).datapoints;
      assert.deepEqual(
        later.map((d) => d.Invocations),
        [3, 1],
        'the stored minute once, and the current one',
      );
    } finally {
      await e.dispose();
    }
  });
});
