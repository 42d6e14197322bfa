// Unit: a suspended deadline does not fire; resuming continues with the time that was left.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from '../../../src/core/common/clock';
import { SuspendableTimer } from '../../../src/core/runtime/suspendableTimer';

test('suspend freezes the remaining time; resume fires after exactly what was left', () => {
  const clock = new VirtualClock();
  let fired = 0;
  const t = new SuspendableTimer(clock, 1000, () => fired++);
  clock.advance(400);
  t.suspend();
  assert.equal(t.remainingMs, 600);
  clock.advance(10_000);
  assert.equal(fired, 0);
  t.resume();
  clock.advance(599);
  assert.equal(fired, 0);
  clock.advance(1);
  assert.equal(fired, 1);
});

test('cancel stops it for good', () => {
  const clock = new VirtualClock();
  let fired = 0;
  const t = new SuspendableTimer(clock, 10, () => fired++);
  t.cancel();
  t.resume();
  clock.advance(100);
  assert.equal(fired, 0);
});
