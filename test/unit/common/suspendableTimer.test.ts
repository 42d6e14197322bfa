// Unit: a suspended deadline does not fire; resuming continues with the time that was left.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from '../../../src/core/common/clock';
import { InvocationDeadline, SuspendableTimer } from '../../../src/core/runtime/suspendableTimer';

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

test('an environment deadline fires exactly when due; back-to-back arms reuse one timer and the last deadline counts', () => {
  const clock = new VirtualClock();
  const fired: string[] = [];
  const d = new InvocationDeadline(clock);
  d.arm(1000, () => fired.push('first'));
  clock.advance(10);
  d.cancel();
  // A second invocation 10 ms later: its deadline is at 1010, the pending timer (due at 1000) is kept.
  d.arm(1000, () => fired.push('second'));
  assert.equal(clock.pendingTimers, 1);
  clock.advance(989);
  assert.deepEqual(fired, []);
  clock.advance(1); // t = 1000: the old timer fires early and waits the 10 ms left
  assert.deepEqual(fired, []);
  clock.advance(9);
  assert.deepEqual(fired, []);
  clock.advance(1); // t = 1010
  assert.deepEqual(fired, ['second']);
  assert.equal(clock.pendingTimers, 0);
});

test('a cancelled environment deadline never fires; a shorter one re-arms the timer; dispose drops it', () => {
  const clock = new VirtualClock();
  const fired: string[] = [];
  // A closure sees the declared type (assert.deepEqual narrows `fired` itself to the tuple it compared).
  const record = (s: string) => (): void => void fired.push(s);
  const d = new InvocationDeadline(clock);
  d.arm(5000, record('long'));
  d.cancel();
  clock.advance(10_000);
  assert.deepEqual(fired, []);
  d.arm(5000, record('long'));
  d.arm(100, record('short'));
  clock.advance(100);
  assert.deepEqual(fired, ['short']);
  d.arm(100, record('disposed'));
  d.dispose();
  assert.equal(clock.pendingTimers, 0);
  clock.advance(1000);
  assert.deepEqual(fired, ['short']);
});
