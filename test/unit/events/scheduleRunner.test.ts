// Unit: the schedule runner on a virtual engine clock — exact fire times, a fire more than Node's longest
// timer (24.8 days) away, disabled schedules, a changed expression re-armed, and stop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from '../../../src/core/common/clock';
import { ScheduleRunner, type ScheduleEntry } from '../../../src/core/events/schedule/scheduleRunner';

const entry = (name: string, expression: string, state: ScheduleEntry['state'] = 'ENABLED'): ScheduleEntry => ({ name, arn: `arn:aws:events:us-east-1:123456789012:rule/${name}`, kind: 'rule', expression, state, bus: 'default', targets: 1 });

test('fires at exact times, also a year ahead (past the 2^31 ms timer limit); disabled ones do not fire', async () => {
  const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
  const fired: [string, string][] = [];
  const r = new ScheduleRunner({ clock, region: 'us-east-1', accountId: '123456789012', warn: () => undefined, fire: (e, ev) => (fired.push([e.name, String(ev.time)]), Promise.resolve()) });
  r.set([entry('new-year', 'cron(0 10 1 1 ? 2027)'), entry('quarter', 'rate(15 minutes)'), entry('off', 'rate(1 minute)', 'DISABLED')]);
  assert.deepEqual(r.list().map((s) => s.nextFire), ['2027-01-01T10:00:00Z', '2026-01-01T00:15:00Z', undefined], 'not started: when it would fire');
  r.start();
  clock.advance(3_600_000);
  assert.deepEqual(fired, ['00:15', '00:30', '00:45', '01:00'].map((t) => ['quarter', `2026-01-01T${t}:00Z`]));
  r.set([entry('new-year', 'cron(0 10 1 1 ? 2027)'), entry('off', 'rate(1 minute)', 'DISABLED')]);
  fired.length = 0;
  clock.advance(Date.parse('2027-01-01T09:59:59Z') - clock.now());
  assert.deepEqual(fired, []);
  clock.advance(1000);
  assert.deepEqual(fired, [['new-year', '2027-01-01T10:00:00Z']]);
  assert.equal(r.list()[0].nextFire, undefined, 'no fires left');
  assert.equal(r.list()[0].fired, 1);
  await r.settled();
  r.stop();
  assert.equal(clock.pendingTimers, 0);
});

test('a changed expression is re-armed from now; an invalid one is reported, not run', () => {
  const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
  const warnings: string[] = [];
  const fired: string[] = [];
  const r = new ScheduleRunner({ clock, region: 'us-east-1', accountId: '123456789012', warn: (m) => warnings.push(m), fire: (_e, ev) => (fired.push(String(ev.time)), Promise.resolve()) });
  r.set([entry('a', 'rate(10 minutes)')]);
  r.start();
  clock.advance(5 * 60_000);
  r.set([entry('a', 'rate(1 minute)'), entry('bad', 'cron(0 10 * * * *)')]);
  clock.advance(2 * 60_000);
  assert.deepEqual(fired, ['2026-01-01T00:06:00Z', '2026-01-01T00:07:00Z']);
  assert.match(warnings.join('\n'), /Schedule "bad" does not run: .*exactly one of the day-of-month and day-of-week/);
  assert.match(r.list()[1].error!, /day-of-month/);
  r.stop();
});
