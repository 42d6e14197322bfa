// core/scheduler: the scaling controls the service offers (LambdaService.scaling): provisioned concurrency
// configs, auto scaling of them, per-minute metrics, and the live environments. Wires the parts and resolves
// the names callers use; the logic lives in provisionedConcurrency.ts, autoScaling.ts and metrics.ts.
import { join } from 'node:path';
import type { Clock } from '../common/clock';
import { WorkbenchError } from '../common/errors';
import type { FunctionConfig, TemplateModel } from '../model/functionConfig';
import { readJson, writeJsonAtomic } from '../store/atomicJson';
import { AutoScaling, type ScalingActivity, type ScalingTarget } from './autoScaling';
import type { ConcurrencyLimits } from './concurrencyLimits';
import type { EnvironmentSnapshot } from './environmentSnapshot';
import { toDatapoint, type Metrics, type MetricDatapoint } from './metrics';
import { merge, type MetricsStore } from './metricsStore';
import type { PoolManager } from './poolManager';
import { ProvisionedConcurrency, type ProvisionedConfigView } from './provisionedConcurrency';

export interface ScalingControlsDeps {
  stateRoot: string;
  clock: Clock;
  limits: ConcurrencyLimits;
  pools: PoolManager;
  metrics: Metrics;
  store: MetricsStore;
  /** The function and qualifier a name means (`fn`, `fn:live`, an ARN, with `qualifier` given apart), once loaded. */
  resolveName(name: string, qualifier?: string): Promise<{ fn: FunctionConfig; qualifier?: string }>;
  /** The version a qualifier names, its runnable configuration, and whether it is an alias with routing. */
  resolveVersion(fn: FunctionConfig, qualifier: string): Promise<{ fn: FunctionConfig; version: string; routing: boolean }>;
  /** Resolves once the template (and so the stored configs) is loaded. */
  loaded(): Promise<unknown>;
  warn(message: string): void;
}

interface StoredTargets {
  targets: Record<string, ScalingTarget | null>;
}

export class ScalingControls {
  private readonly provisioned: ProvisionedConcurrency;
  readonly autoScaling: AutoScaling;
  private readonly byName = new Map<string, FunctionConfig>();

  constructor(private readonly d: ScalingControlsDeps) {
    const resolved = new Map<string, { fn: FunctionConfig; version: string; routing: boolean }>();
    const versionOf = async (functionName: string, qualifier: string) => {
      const fn = this.byName.get(functionName) ?? (await d.resolveName(functionName)).fn;
      const r = await d.resolveVersion(fn, qualifier);
      resolved.set(`${functionName}:${qualifier}`, r);
      return r;
    };
    this.provisioned = new ProvisionedConcurrency({
      stateRoot: d.stateRoot,
      clock: d.clock,
      limits: d.limits,
      pools: d.pools,
      metrics: d.metrics,
      resolve: (name, q) => versionOf(name, q),
      hasRouting: async (name, q) => (resolved.get(`${name}:${q}`) ?? (await versionOf(name, q))).routing,
      warn: d.warn,
    });
    this.autoScaling = new AutoScaling({
      clock: d.clock,
      metrics: d.metrics,
      current: (name, q) => this.provisioned.find(name, q)?.RequestedProvisionedConcurrentExecutions,
      scale: (name, q, to) => this.provisioned.scale(name, q, to),
      warn: d.warn,
    });
  }

  /** At each template load: the template's (and the stored) provisioned configs and scaling targets. */
  async load(model: TemplateModel): Promise<void> {
    this.byName.clear();
    for (const fn of model.functions) this.byName.set(fn.functionName, fn);
    await this.provisioned.load(model.functions);
    for (const t of model.autoScaling ?? []) {
      const fn = model.functions.find((f) => f.functionName === t.functionName || f.logicalId === t.functionName);
      if (!fn) {
        this.d.warn(`Scalable target "${t.logicalId}" names function "${t.functionName}", which is not in the template; it is ignored.`);
        continue;
      }
      const target: ScalingTarget = { functionName: fn.functionName, qualifier: t.qualifier, minCapacity: t.minCapacity, maxCapacity: t.maxCapacity, targetValue: t.targetValue ?? 0.7 };
      if (t.scaleInCooldownS !== undefined) target.scaleInCooldownS = t.scaleInCooldownS;
      if (t.scaleOutCooldownS !== undefined) target.scaleOutCooldownS = t.scaleOutCooldownS;
      // Registered when the provisioned configs start (activate), as a deployment would after creating the alias.
      this.pendingTargets.set(`${fn.functionName}:${t.qualifier}`, target);
    }
    // Targets set from the CLI (autoscaling put|delete) override the template's.
    for (const [key, t] of Object.entries((await readJson<StoredTargets>(this.targetsFile))?.targets ?? {})) {
      if (t) this.pendingTargets.set(key, t);
      else this.pendingTargets.delete(key);
    }
  }

  private get targetsFile(): string {
    return join(this.d.stateRoot, 'autoscaling.json');
  }

  private async saveTarget(key: string, t: ScalingTarget | null): Promise<void> {
    const current = (await readJson<StoredTargets>(this.targetsFile)) ?? { targets: {} };
    current.targets = { ...current.targets, [key]: t };
    await writeJsonAtomic(this.targetsFile, current);
  }

  private readonly pendingTargets = new Map<string, ScalingTarget>();

  private async qualified(name: string, qualifier?: string): Promise<{ fn: FunctionConfig; qualifier: string }> {
    const r = await this.d.resolveName(name, qualifier);
    if (r.qualifier === undefined) throw new WorkbenchError('INVALID_PARAMETER', `Provisioned concurrency is set on a published version or an alias: name one, e.g. "${r.fn.functionName}:live" or --qualifier 1.`);
    return { fn: r.fn, qualifier: r.qualifier };
  }

  /** PutProvisionedConcurrencyConfig: the environments start initialising now; Status IN_PROGRESS until they are ready. */
  async putProvisioned(name: string, qualifier: string | undefined, count: number): Promise<ProvisionedConfigView> {
    const q = await this.qualified(name, qualifier);
    return this.provisioned.put(q.fn.functionName, q.qualifier, count);
  }

  async getProvisioned(name: string, qualifier?: string): Promise<ProvisionedConfigView> {
    const q = await this.qualified(name, qualifier);
    return this.provisioned.get(q.fn.functionName, q.qualifier);
  }

  /** The function's configs (every function's without a name). */
  async listProvisioned(name?: string): Promise<ProvisionedConfigView[]> {
    if (name === undefined) return (await this.d.loaded(), this.provisioned.list());
    return this.provisioned.list((await this.d.resolveName(name)).fn.functionName);
  }

  async deleteProvisioned(name: string, qualifier?: string): Promise<void> {
    const q = await this.qualified(name, qualifier);
    this.autoScaling.deregister(q.fn.functionName, q.qualifier);
    await this.provisioned.delete(q.fn.functionName, q.qualifier);
  }

  /** Waits until the config is READY or FAILED. */
  async provisionedSettled(name: string, qualifier?: string): Promise<ProvisionedConfigView> {
    const q = await this.qualified(name, qualifier);
    return this.provisioned.settled(q.fn.functionName, q.qualifier);
  }

  /**
   * Start the provisioned environments of the template and of earlier puts (of one function, or all) and the
   * template's scaling targets, as a deployment would; resolves when each config is READY or FAILED.
   */
  async activate(name?: string): Promise<ProvisionedConfigView[]> {
    await this.d.loaded();
    const functionName = name === undefined ? undefined : (await this.d.resolveName(name)).fn.functionName;
    for (const [key, t] of [...this.pendingTargets]) {
      if (functionName !== undefined && t.functionName !== functionName) continue;
      this.pendingTargets.delete(key);
      await this.autoScaling.register(t).catch((e: unknown) => this.d.warn(`Scalable target of "${key}" is ignored: ${(e as Error).message}`));
    }
    return this.provisioned.activate(functionName);
  }

  /** RegisterScalableTarget + a TargetTrackingScaling policy (CLI `autoscaling put`). */
  async putScalingTarget(name: string, qualifier: string | undefined, t: Omit<ScalingTarget, 'functionName' | 'qualifier'>): Promise<ScalingTarget> {
    const q = await this.qualified(name, qualifier);
    const target = { ...t, functionName: q.fn.functionName, qualifier: q.qualifier };
    await this.autoScaling.register(target);
    await this.saveTarget(`${target.functionName}:${target.qualifier}`, target);
    return target;
  }

  async deleteScalingTarget(name: string, qualifier?: string): Promise<boolean> {
    const q = await this.qualified(name, qualifier);
    const key = `${q.fn.functionName}:${q.qualifier}`;
    const had = this.pendingTargets.delete(key) || this.autoScaling.deregister(q.fn.functionName, q.qualifier);
    await this.saveTarget(key, null);
    return had;
  }

  /** Scaling targets that track now, then those that start with their provisioned configs (activate). */
  scalingTargets(): ScalingTarget[] {
    return [...this.autoScaling.list(), ...this.pendingTargets.values()];
  }

  scalingActivities(): readonly ScalingActivity[] {
    return this.autoScaling.activities;
  }

  /** Per-minute datapoints of a function (or of one version/alias), from every engine on this state directory. */
  async metrics(name: string, qualifier?: string): Promise<{ resource: string; datapoints: MetricDatapoint[] }> {
    const r = await this.d.resolveName(name, qualifier);
    const series = this.d.metrics.series(r.fn.functionName, r.qualifier);
    // One roll, before the store is read: closing the minutes that ended appends them to the store
    // (synchronously). Read before, a minute that ended since the last invocation would be in neither (as CI
    // met once); rolled again after the read, a minute ending in between would be lost the same way.
    const current = series.all().at(-1)!;
    const byMinute = new Map(this.d.store.read(series.resource).map((b) => [b.start, b]));
    // This engine's completed minutes are in the store now; its current minute is not.
    const stored = byMinute.get(current.start);
    byMinute.set(current.start, stored ? merge(stored, current) : current);
    const minutes = [...byMinute.values()].filter((b) => b.invocations || b.throttles || b.allocatedMs).sort((a, b) => a.start - b.start);
    return { resource: series.resource, datapoints: minutes.map(toDatapoint) };
  }

  environments(): EnvironmentSnapshot[] {
    return this.d.pools.snapshots();
  }

  stopEnvironment(id: string): Promise<boolean> {
    return this.d.pools.stopEnvironment(id);
  }

  dispose(): void {
    this.autoScaling.dispose();
    this.d.metrics.flush();
  }
}
