// Integration: auto scaling of provisioned concurrency on the engine's virtual clock (lambda-semantics.md §8) —
// the template's ScalableTarget + TargetTrackingScaling policy on LambdaProvisionedConcurrencyUtilization; a
// load shape held while the clock moves minute by minute: the allocation steps up after 3 datapoints above
// the target value and back down after 3 below 90 % of it, within MinCapacity/MaxCapacity.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { VirtualClock } from '../../src/core/common/clock';
import type { InvokeResult } from '../../src/core/invoke/invokeTypes';
import { fixtures, startEngine, waitFor } from './helpers/engine';

const dir = join(fixtures, 'provisioned');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('auto scaling of provisioned concurrency (virtual clock)', () => {
  test('target tracking at 0.7: 1 → 2 → 3 under full load, back to MinCapacity 1 when idle', async () => {
    const clock = new VirtualClock();
    const e = startEngine(dir, { clock });
    // The invocations stay busy until released (however slow the machine), so every minute the clock moves is a full one.
    let released = false;
    const release = createServer((_req, res) => res.writeHead(released ? 200 : 404).end());
    await new Promise<void>((r) => release.listen(0, '127.0.0.1', r));
    const releaseUrl = `http://127.0.0.1:${(release.address() as AddressInfo).port}/`;
    try {
      const [ready] = await e.service.scaling.activate('scaled');
      assert.equal(ready.Status, 'READY');
      assert.deepEqual(e.service.scaling.scalingTargets(), [{ functionName: 'scaled', qualifier: 'live', minCapacity: 1, maxCapacity: 6, targetValue: 0.7 }]);
      const requested = async () => (await e.service.scaling.getProvisioned('scaled:live')).RequestedProvisionedConcurrentExecutions;
      const provisionedBusy = () => e.service.scaling.environments().filter((x) => x.initializationType === 'provisioned-concurrency' && x.state === 'busy').length;

      /** Keeps `n` provisioned environments busy while the clock moves `minutes` minutes, one at a time. */
      async function load(n: number, minutes: number): Promise<void> {
        const running: Promise<InvokeResult>[] = [];
        released = false;
        for (let i = 0; i < n; i++) running.push(e.service.invoke('scaled:live', JSON.stringify({ releaseUrl })));
        assert.ok(await waitFor(() => provisionedBusy() === n, 10_000), `${n} provisioned environments busy`);
        await idle(minutes);
        released = true;
        await Promise.all(running);
      }
      async function idle(minutes: number): Promise<void> {
        for (let m = 0; m < minutes; m++) {
          clock.advance(60_000);
          await pause(150); // the evaluation's effects (PutProvisionedConcurrencyConfig) settle
        }
      }

      await load(1, 2);
      assert.equal(await requested(), 1, 'two datapoints above the target are not enough');
      await idle(1); // the third minute: the invocation ended at its start, utilization 0 → no scale-out
      assert.equal(await requested(), 1);
      await load(1, 3);
      assert.equal(await requested(), 2, 'ceil(1 × 1.0 / 0.7) = 2');
      assert.equal((await e.service.scaling.provisionedSettled('scaled:live')).AllocatedProvisionedConcurrentExecutions, 2);
      await load(2, 3);
      assert.equal(await requested(), 3, 'ceil(2 × 1.0 / 0.7) = 3');
      assert.equal((await e.service.scaling.provisionedSettled('scaled:live')).AllocatedProvisionedConcurrentExecutions, 3);
      await idle(2);
      assert.equal(await requested(), 3, 'two idle datapoints are not enough to scale in');
      await idle(1);
      assert.equal(await requested(), 1, 'back to MinCapacity');
      assert.ok(await waitFor(() => e.service.scaling.environments().filter((x) => x.initializationType === 'provisioned-concurrency').length === 1, 5000), 'two provisioned environments shut down');
      assert.deepEqual(
        e.service.scaling.scalingActivities().map((a) => [a.from, a.to]),
        [
          [1, 2],
          [2, 3],
          [3, 1],
        ],
      );
      const { datapoints } = await e.service.scaling.metrics('scaled:live');
      assert.ok(datapoints.some((d) => d.ProvisionedConcurrencyUtilization === 1), 'full minutes are 1.0');
      assert.ok(datapoints.some((d) => d.ProvisionedConcurrencyUtilization === 0), 'idle minutes are 0');
    } finally {
      released = true;
      await e.dispose();
      release.close();
    }
  });
});
