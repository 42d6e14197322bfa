// Integration: provisioned concurrency with real environments (lambda-semantics.md §8, §2.1, §2.5) —
// environments initialised ahead with AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency, warm invocations
// on them (no Init Duration), IN_PROGRESS → READY or FAILED with the init error, spillover to on-demand
// environments, the reserved-concurrency rules, never reaped for idleness, replaced when recycled.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { VirtualClock } from '../../src/core/common/clock';
import { isThrottleError } from '../../src/core/scheduler/concurrencyLimits';
import { fixtures, isAlive, json, startEngine, waitFor } from './helpers/engine';

const dir = join(fixtures, 'provisioned');

describe('provisioned concurrency', () => {
  test('the template config starts 2 environments ahead; invocations on them are warm; a third spills over to on-demand', async () => {
    const e = startEngine(dir);
    try {
      const before = await e.service.scaling.getProvisioned('warm:live');
      assert.equal(before.Status, 'IN_PROGRESS');
      assert.equal(before.RequestedProvisionedConcurrentExecutions, 2);
      const [ready] = await e.service.scaling.activate('warm');
      assert.equal(ready.Status, 'READY');
      assert.equal(ready.AllocatedProvisionedConcurrentExecutions, 2);
      assert.equal(ready.version, '1');
      const envs = e.service.scaling.environments();
      assert.equal(envs.length, 2);
      for (const env of envs) {
        assert.equal(env.initializationType, 'provisioned-concurrency');
        // Waiting for a request: idle, then frozen a few ms later (§2.1).
        assert.ok(env.state === 'idle' || env.state === 'frozen', env.state);
        assert.equal(env.invocations, 0);
        assert.equal(env.version, '1');
      }
      assert.equal(e.logs.filter((l) => l.message.startsWith('INIT_START')).length, 2, 'both initialised before any request');

      const r = await e.service.invoke('warm:live', '{}');
      assert.equal(r.coldStart, false);
      assert.equal(r.initDurationMs, undefined);
      assert.equal(json(r.payload).initType, 'provisioned-concurrency');
      const report = e.linesOf(r.requestId).find((l) => l.startsWith('REPORT'))!;
      assert.doesNotMatch(report, /Init Duration/);

      const three = await Promise.all([1, 2, 3].map(() => e.service.invoke('warm:live', JSON.stringify({ sleepMs: 800 }))));
      const types = three.map((x) => json(x.payload).initType).sort();
      assert.deepEqual(types, ['on-demand', 'provisioned-concurrency', 'provisioned-concurrency']);
      const spilled = three.find((x) => json(x.payload).initType === 'on-demand')!;
      assert.equal(spilled.coldStart, true);
      assert.ok(spilled.initDurationMs !== undefined);
      // $LATEST never runs on provisioned environments.
      assert.equal(json((await e.service.invoke('warm', '{}')).payload).initType, 'on-demand');

      const { datapoints } = await e.service.scaling.metrics('warm', 'live');
      const sum = (k: 'Invocations' | 'ProvisionedConcurrencySpilloverInvocations') => datapoints.reduce((n, d) => n + (d[k] ?? 0), 0);
      assert.equal(sum('Invocations'), 4);
      assert.equal(sum('ProvisionedConcurrencySpilloverInvocations'), 1);
      assert.equal(Math.max(...datapoints.map((d) => d.ProvisionedConcurrentExecutions ?? 0)), 2);
      assert.equal(Math.max(...datapoints.map((d) => d.ConcurrentExecutions)), 3);
      const fnLevel = await e.service.scaling.metrics('warm');
      assert.equal(fnLevel.datapoints.reduce((n, d) => n + d.Invocations, 0), 5, 'the function counts $LATEST too');

      await e.service.scaling.deleteProvisioned('warm:live');
      await assert.rejects(e.service.scaling.getProvisioned('warm:live'), (err: Error & { code: string }) => err.code === 'PROVISIONED_CONFIG_NOT_FOUND');
      const pids = envs.map((x) => x.pid!);
      assert.ok(await waitFor(() => pids.every((p) => !isAlive(p)), 5000), 'its environments are shut down');
    } finally {
      await e.dispose();
    }
  });

  test("Lambda's rules: not on $LATEST, one config per version, counts toward reserved concurrency and cannot exceed it", async () => {
    const e = startEngine(dir);
    try {
      await assert.rejects(e.service.scaling.putProvisioned('capped', '$LATEST', 1), /cannot be applied to unpublished function versions/);
      await assert.rejects(e.service.scaling.putProvisioned('capped', undefined, 1), /published version or an alias/);
      await assert.rejects(e.service.scaling.putProvisioned('capped:live', undefined, 3), (err: Error & { code: string }) =>
        err.code === 'INVALID_PARAMETER' && /Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function/.test(err.message));
      const put = await e.service.scaling.putProvisioned('capped:live', undefined, 2);
      assert.equal(put.Status, 'IN_PROGRESS');
      assert.equal((await e.service.scaling.provisionedSettled('capped:live')).Status, 'READY');
      // Version 1 is what "live" points at: a second config for it is refused.
      await assert.rejects(e.service.scaling.putProvisioned('capped', '1', 1), (err: Error & { code: string }) => err.code === 'RESOURCE_CONFLICT');
      // Provisioned 2 = reserved 2: $LATEST is throttled, the alias runs on its provisioned environments.
      await assert.rejects(e.service.invoke('capped', '{}'), (err: unknown) => isThrottleError(err) && err.reason === 'ReservedFunctionConcurrentInvocationLimitExceeded');
      const both = await Promise.allSettled([1, 2, 3].map(() => e.service.invoke('capped:live', JSON.stringify({ sleepMs: 600 }))));
      assert.equal(both.filter((x) => x.status === 'fulfilled').length, 2);
      assert.equal(both.filter((x) => x.status === 'rejected' && isThrottleError(x.reason)).length, 1, 'no on-demand room left for a spillover');
      // The reservation cannot go below what is provisioned.
      await assert.rejects(e.service.concurrency.put('capped', 1), /below its provisioned concurrency of 2/);
      // Without a reservation, provisioned concurrency leaves the unreserved pool.
      await e.service.scaling.putProvisioned('warm:live', undefined, 1);
      // 1000 − 2 reserved by "capped" − 1 provisioned on "scaled" (template) − 1 on "warm".
      assert.equal((await e.service.concurrency.account()).unreserved, 1000 - 2 - 1 - 1);
    } finally {
      await e.dispose();
    }
  });

  test('an init error ends the config FAILED with the error as its reason', async () => {
    const e = startEngine(dir);
    try {
      await e.service.scaling.putProvisioned('broken:live', undefined, 1);
      const failed = await e.service.scaling.provisionedSettled('broken:live');
      assert.equal(failed.Status, 'FAILED');
      assert.match(failed.StatusReason ?? '', /Error: the database is unreachable at init/);
      assert.equal(failed.AllocatedProvisionedConcurrentExecutions, 0);
      assert.ok(await waitFor(() => e.service.scaling.environments().length === 0, 5000), 'the failed environment is gone');
    } finally {
      await e.dispose();
    }
  });

  test('never reaped for idleness; recycled past the maximum lifetime and replaced (virtual clock)', async () => {
    const clock = new VirtualClock();
    const e = startEngine(dir, { clock, idleTimeoutMs: 60_000, maxEnvironmentLifetimeMs: 300_000 });
    try {
      await e.service.scaling.putProvisioned('warm:live', undefined, 1);
      await e.service.scaling.provisionedSettled('warm:live');
      const first = e.service.scaling.environments()[0];
      assert.equal((await e.service.invoke('warm:live', '{}')).environmentId, first.id);
      assert.equal((await e.service.invoke('warm', '{}')).coldStart, true); // an on-demand one, reaped below
      clock.advance(180_000);
      assert.ok(await waitFor(() => e.service.scaling.environments().length === 1, 5000), 'the idle on-demand environment was reaped');
      assert.equal(e.service.scaling.environments()[0].id, first.id, 'the provisioned one stays');
      clock.advance(180_000);
      assert.ok(
        await waitFor(() => {
          const envs = e.service.scaling.environments();
          return envs.length === 1 && envs[0].id !== first.id && (envs[0].state === 'idle' || envs[0].state === 'frozen');
        }, 10_000),
        'replaced by a new environment initialised ahead',
      );
      assert.ok(await waitFor(() => !isAlive(first.pid!), 5000));
      const r = await e.service.invoke('warm:live', '{}');
      assert.equal(r.coldStart, false);
      assert.equal(json(r.payload).initType, 'provisioned-concurrency');
      assert.equal((await e.service.scaling.getProvisioned('warm:live')).Status, 'READY');
    } finally {
      await e.dispose();
    }
  });
});
