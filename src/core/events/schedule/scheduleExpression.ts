// core/events/schedule: EventBridge schedule expressions — `rate(value unit)`, the six-field
// `cron(minutes hours day-of-month month day-of-week year)` with `?`, `L`, `W`, `#`, ranges, lists and steps,
// and (EventBridge Scheduler only) the one-time `at(yyyy-mm-ddThh:mm:ss)` — validated with EventBridge's
// rules and answering "when is the next fire after t". Cron matching is croner's (seven-part mode with a
// zero seconds field, Quartz weekday numbers 1=SUN…7=SAT, day-of-month AND day-of-week since one of them is
// `?`); what croner spells differently is rewritten here: `N/step` becomes `N-max/step`, a lone `L` in
// day-of-week is Saturday, and the year field's 1970–2199 bounds are checked here.
import { Cron } from 'croner';
import { WorkbenchError } from '../../common/errors';

export interface ScheduleExpression {
  readonly text: string;
  readonly kind: 'rate' | 'cron' | 'at';
  /** The first fire strictly after `after` (epoch ms); undefined when there is none (an `at` in the past). */
  next(after: number): number | undefined;
}

export interface ParseOptions {
  /** IANA time zone of cron and at expressions (Scheduler's ScheduleExpressionTimezone); rules run in UTC. */
  timezone?: string;
  /** Whether `at(...)` is allowed (EventBridge Scheduler; rules have no one-time schedules). */
  allowAt?: boolean;
  /** For rate(): the time the schedule started; fires fall at anchor + k × period. */
  anchor?: number;
}

const UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Field bounds for rewriting `N/step` (croner wants a range or `*` before the step). */
const FIELDS = [
  { name: 'Minutes', max: 59, chars: /^[0-9,\-*/]+$/ },
  { name: 'Hours', max: 23, chars: /^[0-9,\-*/]+$/ },
  { name: 'Day-of-month', max: 31, chars: /^([0-9,\-*/?LW]|LW)+$/i },
  { name: 'Month', max: 12, chars: /^([0-9,\-*/]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)+$/i },
  { name: 'Day-of-week', max: 7, chars: /^([0-9,\-*/?L#]|SUN|MON|TUE|WED|THU|FRI|SAT)+$/i },
  { name: 'Year', max: 2199, chars: /^[0-9,\-*/]+$/ },
];

function invalid(text: string, why: string): WorkbenchError {
  return new WorkbenchError('INVALID_PARAMETER', `Parameter ScheduleExpression is not valid: "${text}" — ${why}.`);
}

/** Parses and validates a schedule expression; throws INVALID_PARAMETER with EventBridge's reason. */
export function parseSchedule(text: string, options: ParseOptions = {}): ScheduleExpression {
  const t = text.trim();
  const rate = /^rate\((.*)\)$/.exec(t);
  if (rate) return parseRate(t, rate[1], options.anchor ?? 0);
  const cron = /^cron\((.*)\)$/.exec(t);
  if (cron) return parseCron(t, cron[1], options.timezone);
  const at = /^at\((\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\)$/.exec(t);
  if (at && options.allowAt) return parseAt(t, at.slice(1).map(Number), options.timezone);
  throw invalid(text, options.allowAt ? 'use rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)' : 'use rate(value unit) or cron(minutes hours day-of-month month day-of-week year)');
}

function parseRate(text: string, inner: string, anchor: number): ScheduleExpression {
  const m = /^\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*$/.exec(inner);
  if (!m) throw invalid(text, 'a rate is a positive whole number and a unit of minute(s), hour(s) or day(s), e.g. rate(5 minutes)');
  const value = Number(m[1]);
  const unit = m[2].replace(/s$/, '');
  if (value < 1) throw invalid(text, 'the rate value must be a positive whole number');
  // EventBridge: a value of 1 takes the singular unit, anything larger the plural.
  if ((value === 1) !== (m[2] === unit)) throw invalid(text, value === 1 ? `use the singular unit: rate(1 ${unit})` : `use the plural unit: rate(${value} ${unit}s)`);
  const period = value * UNITS[unit];
  return { text, kind: 'rate', next: (after) => anchor + (Math.floor((after - anchor) / period) + 1) * period };
}

function parseCron(text: string, inner: string, timezone: string | undefined): ScheduleExpression {
  const parts = inner.trim().split(/\s+/);
  if (parts.length !== 6) throw invalid(text, `a cron expression has six fields (minutes hours day-of-month month day-of-week year), this one has ${parts.length}`);
  parts.forEach((p, i) => {
    if (!FIELDS[i].chars.test(p)) throw invalid(text, `the ${FIELDS[i].name} field "${p}" has characters EventBridge does not allow there`);
  });
  const [, , dom, , dow, year] = parts;
  // EventBridge: one of day-of-month and day-of-week must be `?` (they cannot both be given).
  if ((dom === '?') === (dow === '?')) throw invalid(text, 'exactly one of the day-of-month and day-of-week fields must be "?"');
  for (const item of year.split(',')) {
    for (const y of item.split('/')[0].split('-')) if (/^\d+$/.test(y) && (Number(y) < 1970 || Number(y) > 2199)) throw invalid(text, `the year ${y} is outside 1970-2199`);
  }
  if (timezone !== undefined && !isTimeZone(timezone)) throw invalid(text, `"${timezone}" is not a time zone (use an IANA name such as "Europe/Berlin")`);
  const rewritten = parts.map((p, i) => {
    let out = p.replace(/(^|,)(\d+)\/(\d+)/g, (_m, sep: string, start: string, step: string) => `${sep}${start}-${FIELDS[i].max}/${step}`);
    if (i === 4 && out.toUpperCase() === 'L') out = '7';
    return out;
  });
  let cron: Cron;
  try {
    cron = new Cron(`0 ${rewritten.join(' ')}`, { paused: true, mode: '7-part', alternativeWeekdays: true, domAndDow: true, timezone: timezone ?? 'Etc/UTC' });
  } catch (e) {
    throw invalid(text, (e as Error).message.replace(/^CronPattern: /, ''));
  }
  return {
    text,
    kind: 'cron',
    next: (after) => cron.nextRun(new Date(after))?.getTime(),
  };
}

function parseAt(text: string, [y, mo, d, h, mi, s]: number[], timezone: string | undefined): ScheduleExpression {
  // The wall-clock time in the zone: find the instant whose local rendering is that time (two passes cover DST).
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(wall).getUTCDate() !== d) throw invalid(text, 'the date does not exist');
  let at = wall;
  for (let i = 0; i < 2; i++) at = wall - offsetOf(at, timezone);
  return { text, kind: 'at', next: (after) => (at > after ? at : undefined) };
}

/** The zone's offset from UTC at an instant, in ms. */
export function offsetOf(instant: number, timezone: string | undefined): number {
  if (!timezone || timezone === 'UTC' || timezone === 'Etc/UTC') return 0;
  const f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/** Whether a time zone name is one this runtime knows (ScheduleExpressionTimezone). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
