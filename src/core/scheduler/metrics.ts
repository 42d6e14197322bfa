// core/scheduler: per-minute metrics of functions and of their versions/aliases, under CloudWatch's names
// (ConcurrentExecutions, Invocations, Throttles, Errors, Duration, ProvisionedConcurrencyUtilization,
// ProvisionedConcurrencySpilloverInvocations, ProvisionedConcurrentExecutions). Recording costs a map lookup
// and a few additions per invocation: counters live in the current minute's bucket, and a new bucket is made
// once per minute, never per invocation. Provisioned utilization is time-weighted (busy environment-ms over
// allocated environment-ms), which is the Average auto scaling reads (§8).
import type { Clock } from '../common/clock';

const MINUTE = 60_000;
/** Minutes of history kept per resource in memory. */
const KEEP_MINUTES = 120;

/** One minute of one resource (a function, or `function:qualifier`). */
export interface MinuteBucket {
  /** Start of the minute, epoch ms. */
  start: number;
  invocations: number;
  errors: number;
  throttles: number;
  durationSum: number;
  durationCount: number;
  durationMax: number;
  durationMin: number;
  concurrentMax: number;
  provisionedMax: number;
  spillover: number;
  /** ∫ busy provisioned environments dt, and ∫ allocated provisioned environments dt (ms). */
  provisionedBusyMs: number;
  allocatedMs: number;
}

/** A datapoint as `metrics --json` prints it: CloudWatch metric names, one minute. */
export interface MetricDatapoint {
  Timestamp: string;
  Invocations: number;
  Errors: number;
  Throttles: number;
  /** Maximum in the minute. */
  ConcurrentExecutions: number;
  Duration?: { Average: number; Maximum: number; Minimum: number };
  ProvisionedConcurrentExecutions?: number;
  /** Average (time-weighted) in the minute, 0–1. */
  ProvisionedConcurrencyUtilization?: number;
  ProvisionedConcurrencySpilloverInvocations?: number;
}

function bucket(start: number): MinuteBucket {
  return { start, invocations: 0, errors: 0, throttles: 0, durationSum: 0, durationCount: 0, durationMax: 0, durationMin: Infinity, concurrentMax: 0, provisionedMax: 0, spillover: 0, provisionedBusyMs: 0, allocatedMs: 0 };
}

/** The metrics of one resource. */
export class MetricSeries {
  private cur: MinuteBucket;
  private readonly done: MinuteBucket[] = [];
  private inFlight = 0;
  private provisionedBusy = 0;
  private allocated = 0;
  private last: number;

  constructor(
    readonly resource: string,
    private readonly clock: Clock,
    private readonly onMinute: ((resource: string, b: MinuteBucket) => void) | undefined,
  ) {
    const now = clock.now();
    this.last = now;
    this.cur = bucket(now - (now % MINUTE));
  }

  /** Close the minutes up to `now` (time-weighted levels carried into each). */
  private roll(now: number): MinuteBucket {
    let cur = this.cur;
    if (now >= cur.start + MINUTE) {
      // After a long silence only the last hour of empty minutes is materialised.
      if (now - cur.start > KEEP_MINUTES * MINUTE) this.closeAt(cur, Math.max(this.last, now - (now % MINUTE) - KEEP_MINUTES * MINUTE));
      while (now >= this.cur.start + MINUTE) this.closeAt(this.cur, this.cur.start + MINUTE);
      cur = this.cur;
    }
    const dt = now - this.last;
    if (dt > 0) {
      cur.provisionedBusyMs += this.provisionedBusy * dt;
      cur.allocatedMs += this.allocated * dt;
      this.last = now;
    }
    return cur;
  }

  private closeAt(b: MinuteBucket, end: number): void {
    const dt = Math.max(0, Math.min(end, b.start + MINUTE) - this.last);
    b.provisionedBusyMs += this.provisionedBusy * dt;
    b.allocatedMs += this.allocated * dt;
    if (b.provisionedMax < this.provisionedBusy) b.provisionedMax = this.provisionedBusy;
    this.last = Math.max(this.last, end);
    this.done.push(b);
    if (this.done.length > KEEP_MINUTES) this.done.shift();
    this.onMinute?.(this.resource, b);
    const next = bucket(end - (end % MINUTE));
    next.concurrentMax = this.inFlight;
    next.provisionedMax = this.provisionedBusy;
    this.cur = next;
  }

  started(provisioned: boolean, spillover: boolean): void {
    const b = this.roll(this.clock.now());
    b.invocations++;
    if (++this.inFlight > b.concurrentMax) b.concurrentMax = this.inFlight;
    if (provisioned && ++this.provisionedBusy > b.provisionedMax) b.provisionedMax = this.provisionedBusy;
    if (spillover) b.spillover++;
  }

  finished(durationMs: number, error: boolean, provisioned: boolean): void {
    const b = this.roll(this.clock.now());
    this.inFlight--;
    if (provisioned) this.provisionedBusy--;
    if (error) b.errors++;
    b.durationSum += durationMs;
    b.durationCount++;
    if (durationMs > b.durationMax) b.durationMax = durationMs;
    if (durationMs < b.durationMin) b.durationMin = durationMs;
  }

  /** An invocation that ended without a result (cancelled): only the levels go back down. */
  abandoned(provisioned: boolean): void {
    this.roll(this.clock.now());
    this.inFlight--;
    if (provisioned) this.provisionedBusy--;
  }

  throttled(): void {
    this.roll(this.clock.now()).throttles++;
  }

  /** Provisioned environments allocated now (the utilization's denominator). */
  setAllocated(n: number): void {
    this.roll(this.clock.now());
    this.allocated = n;
  }

  /** Completed minutes, oldest first (closing those that ended by now). */
  completed(): readonly MinuteBucket[] {
    this.roll(this.clock.now());
    return this.done;
  }

  /** Completed minutes and the current one. */
  all(): MinuteBucket[] {
    return [...this.completed(), this.cur];
  }

  /** The minute in progress, flushed as it is (engine shutdown). */
  flushCurrent(): void {
    const b = this.roll(this.clock.now());
    if (b.invocations || b.throttles || b.allocatedMs) this.onMinute?.(this.resource, b);
  }
}

export class Metrics {
  private readonly fns = new Map<string, { fn: MetricSeries; byQualifier: Map<string, MetricSeries> }>();

  constructor(
    private readonly clock: Clock,
    /** Told each completed minute (the store appends it to the state directory). */
    private readonly onMinute?: (resource: string, b: MinuteBucket) => void,
  ) {}

  /** The series of a function (no qualifier) or of one of its versions/aliases. */
  series(functionName: string, qualifier?: string): MetricSeries {
    let f = this.fns.get(functionName);
    if (!f) this.fns.set(functionName, (f = { fn: new MetricSeries(functionName, this.clock, this.onMinute), byQualifier: new Map() }));
    if (qualifier === undefined) return f.fn;
    let q = f.byQualifier.get(qualifier);
    if (!q) f.byQualifier.set(qualifier, (q = new MetricSeries(`${functionName}:${qualifier}`, this.clock, this.onMinute)));
    return q;
  }

  /** Every series known, functions first. */
  allSeries(): MetricSeries[] {
    return [...this.fns.values()].flatMap((f) => [f.fn, ...f.byQualifier.values()]);
  }

  flush(): void {
    for (const s of this.allSeries()) s.flushCurrent();
  }
}

/** A bucket as CloudWatch would show it. */
export function toDatapoint(b: MinuteBucket): MetricDatapoint {
  const d: MetricDatapoint = { Timestamp: new Date(b.start).toISOString(), Invocations: b.invocations, Errors: b.errors, Throttles: b.throttles, ConcurrentExecutions: b.concurrentMax };
  if (b.durationCount) d.Duration = { Average: round(b.durationSum / b.durationCount), Maximum: round(b.durationMax), Minimum: round(b.durationMin === Infinity ? 0 : b.durationMin) };
  if (b.allocatedMs > 0 || b.provisionedMax > 0 || b.spillover > 0) {
    d.ProvisionedConcurrentExecutions = b.provisionedMax;
    if (b.allocatedMs > 0) d.ProvisionedConcurrencyUtilization = round(b.provisionedBusyMs / b.allocatedMs, 4);
    d.ProvisionedConcurrencySpilloverInvocations = b.spillover;
  }
  return d;
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
