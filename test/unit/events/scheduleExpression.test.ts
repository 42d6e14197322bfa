// Unit: EventBridge schedule expressions — next fire times of rate() and six-field cron() (with ?, L, W, #,
// ranges, lists, steps, the year field), at() in a time zone, cron across daylight-saving changes, and the
// invalid expressions EventBridge refuses (with the reason in the message).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSchedule } from '../../../src/core/events/schedule/scheduleExpression';

const T = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));

function fires(expr: string, from: string, n: number, timezone?: string): (string | undefined)[] {
  const s = parseSchedule(expr, { timezone, allowAt: true, anchor: T(from) });
  const out: (string | undefined)[] = [];
  let t: number | undefined = T(from);
  for (let i = 0; i < n && t !== undefined; i++) out.push(iso((t = s.next(t))));
  return out;
}

// 2026-01-01 is a Thursday.
const table: [expr: string, from: string, expected: string[], timezone?: string][] = [
  ['cron(0 10 * * ? *)', '2026-01-01T00:00:00Z', ['2026-01-01T10:00:00Z', '2026-01-02T10:00:00Z']],
  ['cron(0 10 * * ? *)', '2026-01-01T10:00:00Z', ['2026-01-02T10:00:00Z'], undefined],
  ['cron(15 10 ? * 6L 2026)', '2026-01-01T00:00:00Z', ['2026-01-30T10:15:00Z', '2026-02-27T10:15:00Z']],
  ['cron(0 9 ? * 2#1 *)', '2026-01-01T00:00:00Z', ['2026-01-05T09:00:00Z', '2026-02-02T09:00:00Z']],
  ['cron(0 9 ? * MON#3 *)', '2026-01-01T00:00:00Z', ['2026-01-19T09:00:00Z']],
  ['cron(0 8 15W * ? *)', '2026-01-01T00:00:00Z', ['2026-01-15T08:00:00Z', '2026-02-16T08:00:00Z', '2026-03-16T08:00:00Z']],
  ['cron(0 12 L * ? *)', '2026-01-01T00:00:00Z', ['2026-01-31T12:00:00Z', '2026-02-28T12:00:00Z', '2026-03-31T12:00:00Z']],
  ['cron(0 12 LW * ? *)', '2026-01-01T00:00:00Z', ['2026-01-30T12:00:00Z', '2026-02-27T12:00:00Z', '2026-03-31T12:00:00Z']],
  ['cron(0/15 * * * ? *)', '2026-01-01T00:00:00Z', ['2026-01-01T00:15:00Z', '2026-01-01T00:30:00Z', '2026-01-01T00:45:00Z', '2026-01-01T01:00:00Z']],
  ['cron(5/20 8-9 * * ? *)', '2026-01-01T00:00:00Z', ['2026-01-01T08:05:00Z', '2026-01-01T08:25:00Z', '2026-01-01T08:45:00Z', '2026-01-01T09:05:00Z']],
  ['cron(0 18 ? * MON-FRI *)', '2026-01-01T00:00:00Z', ['2026-01-01T18:00:00Z', '2026-01-02T18:00:00Z', '2026-01-05T18:00:00Z']],
  ['cron(0 0 1 1,7 ? *)', '2026-01-01T00:00:00Z', ['2026-07-01T00:00:00Z', '2027-01-01T00:00:00Z']],
  ['cron(0 0 1 JAN,JUL ? *)', '2026-01-01T00:00:00Z', ['2026-07-01T00:00:00Z']],
  ['cron(30 2 ? * L *)', '2026-01-01T00:00:00Z', ['2026-01-03T02:30:00Z', '2026-01-10T02:30:00Z']],
  ['cron(0 6 ? * 1,7 *)', '2026-01-01T00:00:00Z', ['2026-01-03T06:00:00Z', '2026-01-04T06:00:00Z', '2026-01-10T06:00:00Z']],
  ['cron(0 10 * * ? 2027)', '2026-01-01T00:00:00Z', ['2027-01-01T10:00:00Z']],
  ['rate(5 minutes)', '2026-01-01T00:00:00Z', ['2026-01-01T00:05:00Z', '2026-01-01T00:10:00Z']],
  ['rate(1 minute)', '2026-01-01T00:00:30Z', ['2026-01-01T00:01:30Z']],
  ['rate(2 hours)', '2026-01-01T00:00:00Z', ['2026-01-01T02:00:00Z', '2026-01-01T04:00:00Z']],
  ['rate(1 day)', '2026-01-01T08:00:00Z', ['2026-01-02T08:00:00Z']],
  // Time zones (Scheduler's ScheduleExpressionTimezone). 2026-03-08: New York springs forward at 02:00.
  ['cron(0 2 * * ? *)', '2026-03-07T12:00:00Z', ['2026-03-08T07:00:00Z', '2026-03-09T06:00:00Z'], 'America/New_York'],
  // 2026-11-01: New York falls back at 02:00; 01:30 happens twice and fires once.
  ['cron(30 1 * * ? *)', '2026-10-31T12:00:00Z', ['2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z'], 'America/New_York'],
  // 2026-03-29: Berlin moves from CET (+1) to CEST (+2).
  ['cron(0 9 * * ? *)', '2026-03-28T00:00:00Z', ['2026-03-28T08:00:00Z', '2026-03-29T07:00:00Z'], 'Europe/Berlin'],
  ['at(2026-06-01T09:00:00)', '2026-01-01T00:00:00Z', ['2026-06-01T07:00:00Z'], 'Europe/Berlin'],
  ['at(2026-06-01T09:00:00)', '2026-01-01T00:00:00Z', ['2026-06-01T09:00:00Z']],
];

for (const [expr, from, expected, tz] of table) {
  test(`schedule: ${expr} from ${from}${tz ? ` in ${tz}` : ''}`, () => {
    assert.deepEqual(fires(expr, from, expected.length, tz), expected);
  });
}

test('schedules with no more fires answer undefined', () => {
  assert.equal(parseSchedule('cron(0 10 1 1 ? 2025)').next(T('2026-01-01T00:00:00Z')), undefined);
  assert.equal(parseSchedule('at(2026-06-01T09:00:00)', { allowAt: true }).next(T('2026-06-01T09:00:00Z')), undefined);
});

test('invalid schedule expressions are refused with the reason', () => {
  const cases: [string, RegExp, { timezone?: string; allowAt?: boolean }?][] = [
    ['cron(0 10 * * * *)', /exactly one of the day-of-month and day-of-week fields must be "\?"/],
    ['cron(0 10 ? * ? *)', /exactly one of the day-of-month and day-of-week/],
    ['cron(0 10 * *)', /six fields .* this one has 4/],
    ['cron(0 10 * * ? * *)', /this one has 7/],
    ['cron(61 10 * * ? *)', /ScheduleExpression is not valid: "cron\(61 10 \* \* \? \*\)"/],
    ['cron(0 10 ? * 1 1969)', /the year 1969 is outside 1970-2199/],
    ['cron(0 10 ? * MON@ *)', /Day-of-week field "MON@"/],
    ['rate(1 minutes)', /use the singular unit: rate\(1 minute\)/],
    ['rate(5 minute)', /use the plural unit: rate\(5 minutes\)/],
    ['rate(0 minutes)', /positive whole number/],
    ['rate(5 weeks)', /minute\(s\), hour\(s\) or day\(s\)/],
    ['every 5 minutes', /use rate\(value unit\) or cron/],
    ['at(2026-06-01T09:00:00)', /use rate\(value unit\) or cron/],
    ['at(2026-02-30T09:00:00)', /the date does not exist/, { allowAt: true }],
    ['cron(0 10 * * ? *)', /"Mars\/Olympus" is not a time zone/, { timezone: 'Mars/Olympus' }],
  ];
  for (const [expr, re, opts] of cases) {
    assert.throws(() => parseSchedule(expr, opts), (e: Error & { code?: string }) => e.code === 'INVALID_PARAMETER' && re.test(e.message), expr);
  }
});
