// Unit: the per-minute metrics (counters per minute, time-weighted provisioned utilization across minutes the
// virtual clock jumps over), provisioned concurrency in the concurrency counters (§8: on-demand room R − P,
// the unreserved pool), and the auto-scaling rules on made-up datapoints.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VirtualClock } from '../../../src/core/common/clock';
import { AutoScaling } from '../../../src/core/scheduler/autoScaling';
import { ConcurrencyLimits, type ThrottleError } from '../../../src/core/scheduler/concurrencyLimits';
import { Metrics, toDatapoint, type MinuteBucket } from '../../../src/core/scheduler/metrics';

describe('Metrics', () => {
  test('counts per minute under CloudWatch names; utilization is time-weighted busy over allocated', () => {
    const clock = new VirtualClock(); // starts on a minute boundary
    const closed: MinuteBucket[] = [];
    const m = new Metrics(clock, (_r, b) => closed.push(b));
    const s = m.series('fn', 'live');
    s.setAllocated(2);
    s.started(true, false);
    clock.advance(30_000);
    s.started(false, true); // a spillover
    s.finished(12, false, false);
    s.throttled();
    clock.advance(30_000); // minute 0: one of two busy all minute → 0.5
    s.finished(60_000, true, true);
    clock.advance(150_000); // minutes 1 and 2 idle, minute 3 half gone
    const d = s.completed().map(toDatapoint);
    assert.equal(d.length, 3);
    assert.deepEqual(d[0], {
      Timestamp: '2026-01-01T00:00:00.000Z',
      Invocations: 2,
      Errors: 0,
      Throttles: 1,
      ConcurrentExecutions: 2,
      Duration: { Average: 12, Maximum: 12, Minimum: 12 },
      ProvisionedConcurrentExecutions: 1,
      ProvisionedConcurrencyUtilization: 0.5,
      ProvisionedConcurrencySpilloverInvocations: 1,
    });
    assert.equal(d[1].Errors, 1, 'the error is counted when the invocation ends');
    assert.equal(d[1].ProvisionedConcurrencyUtilization, 0);
    assert.equal(d[2].ProvisionedConcurrencyUtilization, 0);
    assert.equal(closed.length, 3, 'each completed minute is handed to the store once');
    assert.equal(m.series('fn', 'live'), s, 'one series per resource');
  });
});

describe('ConcurrencyLimits with provisioned concurrency', () => {
  test('reserved R with provisioned P leaves R − P on-demand; provisioned invocations are never throttled', () => {
    const l = new ConcurrencyLimits(1000);
    l.setReserved('a', 3);
    assert.throws(() => l.setProvisioned('a', 4), /should not be greater than the reservedConcurrentExecution/);
    l.setProvisioned('a', 2);
    const onDemand = l.admit('a');
    assert.throws(() => l.admit('a'), (e: ThrottleError) => e.reason === 'ReservedFunctionConcurrentInvocationLimitExceeded' && /2 of it provisioned/.test(e.message));
    const p1 = l.admitProvisioned('a');
    const p2 = l.admitProvisioned('a');
    assert.equal(l.functionState('a').busy, 3);
    l.leave(p1, true);
    l.leave(p2, true);
    l.leave(onDemand);
    assert.throws(() => l.setReserved('a', 1), /below its provisioned concurrency of 2/);
    l.setProvisioned('a', 3);
    assert.throws(() => l.admit('a'), (e: ThrottleError) => e.code === 'TOO_MANY_REQUESTS', 'P = R: $LATEST is throttled');
  });

  test('without a reservation, provisioned concurrency is taken from the unreserved pool (≥ 100 stays)', () => {
    const l = new ConcurrencyLimits(1000);
    l.setProvisioned('b', 850);
    assert.equal(l.account().unreserved, 150);
    assert.throws(() => l.setProvisioned('c', 51), /below its minimum value of \[100\]/);
    assert.throws(() => l.setReserved('d', 51), /below its minimum value of \[100\]/);
    l.setReserved('b', 900); // b's provisioned moves into its reservation
    assert.equal(l.account().unreserved, 100);
    l.setReserved('b', undefined);
    assert.equal(l.account().unreserved, 150);
  });
});

describe('AutoScaling (target tracking)', () => {
  test('scales out after 3 datapoints above the target, in after 3 below 90 % of it, within min/max', async () => {
    const clock = new VirtualClock();
    const metrics = new Metrics(clock);
    let capacity = 4;
    const scaled: number[] = [];
    const as = new AutoScaling({
      clock,
      metrics,
      current: () => capacity,
      scale: async (_f, _q, to) => {
        scaled.push(to);
        capacity = to;
        metrics.series('fn', 'live').setAllocated(to);
      },
      warn: (m) => assert.fail(m),
    });
    const s = metrics.series('fn', 'live');
    s.setAllocated(4);
    await as.register({ functionName: 'fn', qualifier: 'live', minCapacity: 2, maxCapacity: 5, targetValue: 0.5 });
    // 3 of 4 busy = 0.75 > 0.5 for three minutes → ceil(4 × 0.75 / 0.5) = 6, capped at 5.
    for (let i = 0; i < 3; i++) s.started(true, false);
    for (let i = 0; i < 3; i++) {
      clock.advance(60_000);
      await as.evaluate();
    }
    assert.deepEqual(scaled, [5]);
    for (let i = 0; i < 3; i++) s.finished(1, false, true);
    // Utilization 0 < 0.45: three datapoints after the action, then down to MinCapacity 2.
    for (let i = 0; i < 2; i++) {
      clock.advance(60_000);
      await as.evaluate();
    }
    assert.deepEqual(scaled, [5], 'two datapoints since the action are not enough');
    clock.advance(60_000);
    await as.evaluate();
    assert.deepEqual(scaled, [5, 2], 'ceil(5 × 0 / 0.5) = 0, held at MinCapacity 2');
    await assert.rejects(as.register({ functionName: 'fn', qualifier: 'live', minCapacity: 1, maxCapacity: 5, targetValue: 0.95 }), /between 0.1 and 0.9/);
    as.dispose();
  });
});
