// Unit: the virtual clock fires timers in order and only when advanced.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from '../../../src/core/common/clock';

test('timers fire in time order during advance, not before', () => {
  const clock = new VirtualClock(1000);
  const fired: string[] = [];
  clock.setTimeout(() => fired.push('b'), 20);
  clock.setTimeout(() => fired.push('a'), 10);
  const c = clock.setTimeout(() => fired.push('c'), 15);
  c.cancel();
  clock.advance(5);
  assert.deepEqual(fired, []);
  clock.advance(20);
  assert.deepEqual(fired, ['a', 'b']);
  assert.equal(clock.now(), 1025);
  assert.equal(clock.monotonic(), 25);
  assert.equal(clock.pendingTimers, 0);
});

test('a timer scheduled by a timer fires in the same advance when due', () => {
  const clock = new VirtualClock();
  const fired: number[] = [];
  clock.setTimeout(() => {
    fired.push(clock.monotonic());
    clock.setTimeout(() => fired.push(clock.monotonic()), 10);
  }, 10);
  clock.advance(30);
  assert.deepEqual(fired, [10, 20]);
});
