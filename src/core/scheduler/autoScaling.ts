// core/scheduler: Application Auto Scaling of provisioned concurrency, as target tracking on the predefined
// metric LambdaProvisionedConcurrencyUtilization does it (lambda-semantics.md §8): a scalable target (an
// alias or version, min/max capacity) and a target value (0.7 typical). Once a minute on the engine clock it
// reads the per-minute Average utilization: when the last 3 datapoints are all above the target it scales out,
// when the last 3 are all below 90 % of the target it scales in, to ceil(capacity × utilization / target)
// within min/max. Datapoints from before the last scaling action do not count again. A minute with
// provisioned environments allocated and no traffic is a datapoint of 0 (the alarms see no data then in
// CloudWatch; locally scale-in would otherwise never come).
import type { Clock, TimerHandle } from '../common/clock';
import { WorkbenchError } from '../common/errors';
import type { Metrics } from './metrics';

export interface ScalingTarget {
  functionName: string;
  qualifier: string;
  minCapacity: number;
  maxCapacity: number;
  /** Utilization to keep, 0.1–0.9 (Application Auto Scaling's bounds for this metric). */
  targetValue: number;
  /** Consecutive datapoints the alarms need (§8: 3). */
  scaleOutDatapoints?: number;
  scaleInDatapoints?: number;
  /** Seconds after a scale-out (scale-in) before another (the policy's cooldowns; default 0). */
  scaleOutCooldownS?: number;
  scaleInCooldownS?: number;
}

/** One scaling action, for listings and tests. */
export interface ScalingActivity {
  at: string;
  resource: string;
  from: number;
  to: number;
  cause: string;
}

export interface AutoScalingDeps {
  clock: Clock;
  metrics: Metrics;
  /** The config's requested provisioned concurrency now (undefined: none). */
  current(functionName: string, qualifier: string): number | undefined;
  /** Set the provisioned concurrency (PutProvisionedConcurrencyConfig). */
  scale(functionName: string, qualifier: string, to: number): Promise<void>;
  warn(message: string): void;
}

const MINUTE = 60_000;

interface Tracked {
  t: ScalingTarget;
  /** Epoch ms of the last action: datapoints of minutes starting before it do not count. */
  since: number;
  lastOut: number;
  lastIn: number;
}

export class AutoScaling {
  private readonly targets = new Map<string, Tracked>();
  private timer: TimerHandle | undefined;
  private disposed = false;
  readonly activities: ScalingActivity[] = [];

  constructor(private readonly d: AutoScalingDeps) {}

  /** RegisterScalableTarget + PutScalingPolicy: capacity moves within min/max now, then tracks the target. */
  async register(t: ScalingTarget): Promise<void> {
    validate(t);
    const key = `${t.functionName}:${t.qualifier}`;
    const now = this.d.clock.now();
    this.targets.set(key, { t, since: now, lastOut: -Infinity, lastIn: -Infinity });
    const current = this.d.current(t.functionName, t.qualifier) ?? 0;
    const to = Math.min(t.maxCapacity, Math.max(t.minCapacity, current));
    if (to !== current && to > 0) await this.act(this.targets.get(key)!, current, to, `the scalable target's ${current < t.minCapacity ? 'MinCapacity' : 'MaxCapacity'} is ${to}`);
    this.schedule();
  }

  deregister(functionName: string, qualifier: string): boolean {
    return this.targets.delete(`${functionName}:${qualifier}`);
  }

  list(): ScalingTarget[] {
    return [...this.targets.values()].map((x) => x.t);
  }

  get(functionName: string, qualifier: string): ScalingTarget | undefined {
    return this.targets.get(`${functionName}:${qualifier}`)?.t;
  }

  private schedule(): void {
    if (this.timer || this.disposed || this.targets.size === 0) return;
    const now = this.d.clock.now();
    // At each minute's end, when its datapoint is complete.
    this.timer = this.d.clock.setTimeout(() => {
      this.timer = undefined;
      void this.evaluate().finally(() => this.schedule());
    }, MINUTE - (now % MINUTE), true);
  }

  /** Check every target once (the alarms' evaluation); also called by tests. */
  async evaluate(): Promise<void> {
    for (const x of [...this.targets.values()]) {
      try {
        await this.evaluateOne(x);
      } catch (e) {
        this.d.warn(`Auto scaling of "${x.t.functionName}:${x.t.qualifier}" failed: ${(e as Error).message}`);
      }
    }
  }

  private async evaluateOne(x: Tracked): Promise<void> {
    const { t } = x;
    const current = this.d.current(t.functionName, t.qualifier);
    if (current === undefined || this.disposed) return;
    const points = this.d.metrics
      .series(t.functionName, t.qualifier)
      .completed()
      .filter((b) => b.start >= x.since && b.allocatedMs > 0)
      .map((b) => b.provisionedBusyMs / b.allocatedMs);
    const now = this.d.clock.now();
    const outN = t.scaleOutDatapoints ?? 3;
    const inN = t.scaleInDatapoints ?? 3;
    const lastOut = points.slice(-outN);
    if (lastOut.length === outN && lastOut.every((u) => u > t.targetValue) && now - x.lastOut >= (t.scaleOutCooldownS ?? 0) * 1000) {
      const u = average(lastOut);
      const to = Math.min(t.maxCapacity, Math.ceil((current * u) / t.targetValue - 1e-9));
      if (to > current) {
        x.lastOut = now;
        return this.act(x, current, to, `utilization ${u.toFixed(2)} > target ${t.targetValue} for ${outN} datapoints`);
      }
    }
    const lastIn = points.slice(-inN);
    if (lastIn.length === inN && lastIn.every((u) => u < t.targetValue * 0.9) && now - x.lastIn >= (t.scaleInCooldownS ?? 0) * 1000) {
      const u = average(lastIn);
      const to = Math.max(t.minCapacity, Math.ceil((current * u) / t.targetValue - 1e-9), 1);
      if (to < current) {
        x.lastIn = now;
        return this.act(x, current, to, `utilization ${u.toFixed(2)} < ${(t.targetValue * 0.9).toFixed(2)} (90 % of target ${t.targetValue}) for ${inN} datapoints`);
      }
    }
  }

  private async act(x: Tracked, from: number, to: number, cause: string): Promise<void> {
    x.since = this.d.clock.now();
    this.activities.push({ at: new Date(x.since).toISOString(), resource: `${x.t.functionName}:${x.t.qualifier}`, from, to, cause });
    if (this.activities.length > 200) this.activities.shift();
    await this.d.scale(x.t.functionName, x.t.qualifier, to);
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.targets.clear();
  }
}

function average(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function validate(t: ScalingTarget): void {
  const bad = (m: string) => new WorkbenchError('INVALID_PARAMETER', `Auto scaling of "${t.functionName}:${t.qualifier}": ${m}`);
  if (t.qualifier === '$LATEST') throw bad('provisioned concurrency (and so its scaling) needs a published version or an alias, not $LATEST.');
  if (!Number.isInteger(t.minCapacity) || t.minCapacity < 0) throw bad(`MinCapacity must be a whole number of at least 0, got ${t.minCapacity}.`);
  if (!Number.isInteger(t.maxCapacity) || t.maxCapacity < Math.max(1, t.minCapacity)) throw bad(`MaxCapacity must be a whole number of at least MinCapacity (and 1), got ${t.maxCapacity}.`);
  if (!(t.targetValue >= 0.1 && t.targetValue <= 0.9)) throw bad(`TargetValue must be between 0.1 and 0.9 for LambdaProvisionedConcurrencyUtilization, got ${t.targetValue}.`);
}
