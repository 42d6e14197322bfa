// Unit: the concurrency counters (reserved cap and guarantee, the account's unreserved pool, Lambda's
// ≥100-unreserved rule), the scaling-rate token bucket on a virtual clock, and the capacity guard's queue.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VirtualClock } from '../../../src/core/common/clock';
import { CapacityGuard } from '../../../src/core/scheduler/capacityGuard';
import { ConcurrencyLimits, type ThrottleError } from '../../../src/core/scheduler/concurrencyLimits';
import { ScalingRate } from '../../../src/core/scheduler/scalingRate';

describe('ConcurrencyLimits', () => {
  test('a reservation is a cap for its function and is taken out of the shared pool', () => {
    const l = new ConcurrencyLimits(110);
    l.setReserved('a', 10);
    const a = Array.from({ length: 10 }, () => l.admit('a'));
    assert.throws(() => l.admit('a'), (e: ThrottleError) => e.reason === 'ReservedFunctionConcurrentInvocationLimitExceeded');
    const b = Array.from({ length: 100 }, () => l.admit('b'));
    assert.throws(() => l.admit('c'), (e: ThrottleError) => e.reason === 'ConcurrentInvocationLimitExceeded');
    assert.deepEqual(l.account(), { limit: 110, unreserved: 100, busy: 110, reservedTotal: 10 });
    l.leave(b.pop()!);
    l.admit('c');
    l.leave(a.pop()!);
    l.admit('a');
    assert.equal(l.functionState('a').throttles, 1);
    assert.equal(l.functionState('a').peak, 10);
  });

  test('the unreserved minimum of 100, and a change of reservation while invocations run', () => {
    const l = new ConcurrencyLimits(1000);
    l.setReserved('a', 450);
    l.setReserved('b', 450);
    assert.throws(() => l.setReserved('c', 1), /below its minimum value of \[100\]/);
    l.setReserved('a', 449);
    l.setReserved('c', 1);
    l.setReserved('a', 444);
    const x = l.admit('d');
    l.setReserved('d', 5); // admitted from the shared pool before the reservation
    l.leave(x);
    assert.equal(l.account().busy, 0);
    assert.throws(() => l.setReserved('e', -1), /whole number/);
    assert.throws(() => new ConcurrencyLimits(0), /at least 1/);
  });

  test('reserved 0 throttles everything', () => {
    const l = new ConcurrencyLimits();
    l.setReserved('z', 0);
    assert.throws(() => l.admit('z'), /reserved concurrency is 0/);
  });
});

describe('ScalingRate', () => {
  test('a burst of N new environments, then refilled continuously on the clock', () => {
    const clock = new VirtualClock();
    const r = new ScalingRate(clock, { environments: 3, windowMs: 3000 });
    for (let i = 0; i < 3; i++) r.take('f', false);
    assert.throws(() => r.take('f', false), (e: ThrottleError) => e.reason === 'FunctionInvocationRateLimitExceeded' && e.retryAfterSeconds === 1);
    assert.throws(() => r.take('f', true), (e: ThrottleError) => e.reason === 'ReservedFunctionInvocationRateLimitExceeded');
    r.take('g', false); // each function scales on its own
    clock.advance(999);
    assert.throws(() => r.take('f', false));
    clock.advance(1);
    r.take('f', false);
    clock.advance(60_000);
    assert.equal(r.available('f'), 3, 'not accrued beyond the burst');
  });
});

describe('CapacityGuard', () => {
  test('waiters are served in order; a waiter served otherwise is skipped; idle environments are evicted for room', () => {
    let idle = 0;
    const warnings: string[] = [];
    const g: CapacityGuard = new CapacityGuard({ maxProcesses: 2, evictIdle: (): boolean => (idle > 0 ? (idle--, g.give(1), true) : false), warn: (m) => warnings.push(m) });
    assert.ok(g.tryTake(1));
    assert.ok(g.tryTake(1));
    assert.equal(g.tryTake(1), false);
    const order: string[] = [];
    let bWanted = true;
    g.wait(1, () => (order.push('a'), true), () => true);
    g.wait(1, () => (bWanted ? (order.push('b'), true) : false), () => bWanted);
    g.wait(1, () => (order.push('c'), true), () => true);
    assert.equal(warnings.length, 1);
    g.give(1);
    assert.deepEqual(order, ['a']);
    bWanted = false; // b got an environment from its own pool
    g.give(1);
    assert.deepEqual(order, ['a', 'c']);
    assert.equal(g.running, 2);
    idle = 1; // one of the two running environments goes idle: a new request evicts it
    assert.ok(g.tryTake(1));
    assert.equal(idle, 0);
    assert.equal(warnings.length, 1, 'warned once');
  });
});
