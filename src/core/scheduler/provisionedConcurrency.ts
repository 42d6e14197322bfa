// core/scheduler: provisioned concurrency configs (lambda-semantics.md §8) — one per published version or
// alias (never $LATEST; one config per version), from the template (SAM ProvisionedConcurrencyConfig with
// AutoPublishAlias) or Put/DeleteProvisionedConcurrencyConfig (API, CLI), which are kept in
// <stateDir>/provisioned.json. A config's environments start as soon as it is applied; its status goes
// IN_PROGRESS → READY, or FAILED with the init error as reason. It counts toward reserved concurrency.
import { join } from 'node:path';
import type { Clock } from '../common/clock';
import { WorkbenchError } from '../common/errors';
import { Deferred } from '../common/deferred';
import type { FunctionConfig } from '../model/functionConfig';
import { readJson, writeJsonAtomic } from '../store/atomicJson';
import type { ConcurrencyLimits } from './concurrencyLimits';
import type { Metrics } from './metrics';
import type { PoolManager } from './poolManager';
import type { ProvisionedState } from './provisionedEnvironments';

export type ProvisionedStatus = 'IN_PROGRESS' | 'READY' | 'FAILED';

/** A config as the Lambda API shows it (GetProvisionedConcurrencyConfig, plus the function and qualifier). */
export interface ProvisionedConfigView {
  functionName: string;
  qualifier: string;
  /** The published version the qualifier names. */
  version: string;
  RequestedProvisionedConcurrentExecutions: number;
  AvailableProvisionedConcurrentExecutions: number;
  AllocatedProvisionedConcurrentExecutions: number;
  Status: ProvisionedStatus;
  StatusReason?: string;
  LastModified: string;
}

interface Config {
  functionName: string;
  qualifier: string;
  version: string;
  requested: number;
  lastModified: number;
  state: ProvisionedState;
  applied: boolean;
  settled: Deferred<void>;
}

interface Stored {
  /** `<function>:<qualifier>` → requested; null: deleted (also removes the template's config). */
  configs: Record<string, { requested: number; lastModified: number } | null>;
}

export interface ProvisionedDeps {
  stateRoot: string;
  clock: Clock;
  limits: ConcurrencyLimits;
  pools: PoolManager;
  metrics: Metrics;
  /** The published version a qualifier names and its runnable configuration; throws for unknown ones. */
  resolve(functionName: string, qualifier: string): Promise<{ fn: FunctionConfig; version: string }>;
  /** Whether `qualifier` is an alias that routes traffic to a second version. */
  hasRouting(functionName: string, qualifier: string): Promise<boolean>;
  warn(message: string): void;
}

/** §2.1: provisioned environments are recycled "every few hours"; the status format of LastModified. */
function lambdaTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export class ProvisionedConcurrency {
  private readonly file: string;
  private readonly configs = new Map<string, Config>();
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly d: ProvisionedDeps) {
    this.file = join(d.stateRoot, 'provisioned.json');
  }

  /** The template's configs (ProvisionedConcurrencyConfig on the AutoPublishAlias) and the stored overrides, not yet started. */
  async load(functions: readonly FunctionConfig[]): Promise<void> {
    const stored = (await readJson<Stored>(this.file))?.configs ?? {};
    const wanted = new Map<string, { requested: number; lastModified: number }>();
    for (const fn of functions) {
      if (fn.provisionedConcurrency !== undefined && fn.autoPublishAlias) wanted.set(`${fn.functionName}:${fn.autoPublishAlias}`, { requested: fn.provisionedConcurrency, lastModified: this.d.clock.now() });
    }
    for (const [key, v] of Object.entries(stored)) {
      if (v) wanted.set(key, v);
      else wanted.delete(key);
    }
    for (const key of [...this.configs.keys()]) if (!wanted.has(key)) await this.remove(key);
    for (const [key, v] of wanted) {
      const at = key.lastIndexOf(':');
      const existing = this.configs.get(key);
      if (existing?.requested === v.requested) continue;
      try {
        await this.apply(key.slice(0, at), key.slice(at + 1), v.requested, v.lastModified, false);
      } catch (e) {
        this.d.warn(`The provisioned concurrency ${v.requested} of "${key}" was not applied: ${(e as Error).message}`);
      }
    }
  }

  /** PutProvisionedConcurrencyConfig: validated, kept on disk, and its environments start initialising now. */
  async put(functionName: string, qualifier: string, requested: number): Promise<ProvisionedConfigView> {
    if (!Number.isInteger(requested) || requested < 1) {
      throw new WorkbenchError('INVALID_PARAMETER', `ProvisionedConcurrentExecutions must be a whole number of at least 1, got ${String(requested)}.`);
    }
    const c = await this.apply(functionName, qualifier, requested, this.d.clock.now(), true);
    await this.save(`${functionName}:${qualifier}`, { requested, lastModified: c.lastModified });
    return this.view(c);
  }

  /** Set by auto scaling: like put, without touching the stored configuration's file twice a minute. */
  async scale(functionName: string, qualifier: string, requested: number): Promise<void> {
    const c = await this.apply(functionName, qualifier, requested, this.d.clock.now(), true);
    await this.save(`${functionName}:${qualifier}`, { requested, lastModified: c.lastModified });
  }

  get(functionName: string, qualifier: string): ProvisionedConfigView {
    const c = this.configs.get(`${functionName}:${qualifier}`);
    if (!c) throw notFound(functionName, qualifier);
    return this.view(c);
  }

  find(functionName: string, qualifier: string): ProvisionedConfigView | undefined {
    const c = this.configs.get(`${functionName}:${qualifier}`);
    return c && this.view(c);
  }

  list(functionName?: string): ProvisionedConfigView[] {
    return [...this.configs.values()].filter((c) => functionName === undefined || c.functionName === functionName).map((c) => this.view(c));
  }

  async delete(functionName: string, qualifier: string): Promise<void> {
    const key = `${functionName}:${qualifier}`;
    if (!this.configs.has(key)) throw notFound(functionName, qualifier);
    await this.remove(key);
    await this.save(key, null);
  }

  /** Start the environments of every config not started yet (of one function, or all); resolves once each is READY or FAILED. */
  async activate(functionName?: string): Promise<ProvisionedConfigView[]> {
    const chosen = [...this.configs.values()].filter((c) => functionName === undefined || c.functionName === functionName);
    await Promise.all(chosen.filter((c) => !c.applied).map((c) => this.start(c)));
    await Promise.all(chosen.map((c) => c.settled.promise));
    return chosen.map((c) => this.view(c));
  }

  /** Resolves when the config is READY or FAILED. */
  async settled(functionName: string, qualifier: string): Promise<ProvisionedConfigView> {
    const c = this.configs.get(`${functionName}:${qualifier}`);
    if (!c) throw notFound(functionName, qualifier);
    await c.settled.promise;
    return this.view(c);
  }

  private async apply(functionName: string, qualifier: string, requested: number, lastModified: number, startNow: boolean): Promise<Config> {
    if (qualifier === '$LATEST') {
      throw new WorkbenchError('INVALID_PARAMETER', 'Provisioned Concurrency Configs cannot be applied to unpublished function versions. Publish a version (versions publish) and use it or an alias.');
    }
    const key = `${functionName}:${qualifier}`;
    // At a template load nothing is resolved (that would publish versions): checked when the config starts.
    const target = startNow ? await this.check(functionName, qualifier) : undefined;
    const others = [...this.configs.values()].filter((c) => c.functionName === functionName && c.qualifier !== qualifier).reduce((n, c) => n + c.requested, 0);
    this.d.limits.setProvisioned(functionName, others + requested); // throws Lambda's errors (reserved, unreserved pool)
    let c = this.configs.get(key);
    if (!c) {
      c = { functionName, qualifier, version: target?.version ?? '', requested, lastModified, state: { requested, allocated: 0, available: 0, busy: 0 }, applied: false, settled: new Deferred() };
      this.configs.set(key, c);
    } else {
      c.requested = requested;
      c.lastModified = lastModified;
      if (c.state.allocated !== requested) c.settled = new Deferred();
    }
    c.state = { ...c.state, requested, failure: undefined };
    if (startNow || c.applied) await this.start(c, target);
    return c;
  }

  /** The version a config's qualifier names; Lambda's conflicts (weighted alias, a version with two configs). */
  private async check(functionName: string, qualifier: string): Promise<{ fn: FunctionConfig; version: string }> {
    const target = await this.d.resolve(functionName, qualifier);
    if (await this.d.hasRouting(functionName, qualifier)) {
      throw new WorkbenchError('RESOURCE_CONFLICT', `Alias "${qualifier}" of "${functionName}" routes traffic to two versions; provisioned concurrency needs an alias that points at one version.`);
    }
    const clash = [...this.configs.values()].find((c) => c.functionName === functionName && c.version === target.version && c.qualifier !== qualifier);
    if (clash) {
      throw new WorkbenchError('RESOURCE_CONFLICT', `Version ${target.version} of "${functionName}" already has provisioned concurrency through "${clash.qualifier}"; a version can have one provisioned concurrency config. Delete that one first.`);
    }
    return target;
  }

  private async start(c: Config, checked?: { fn: FunctionConfig; version: string }): Promise<void> {
    let target = checked;
    try {
      target ??= await this.check(c.functionName, c.qualifier);
    } catch (e) {
      c.state = { ...c.state, failure: (e as Error).message };
      c.settled.resolve();
      return;
    }
    c.applied = true;
    c.version = target.version;
    const series = this.d.metrics.series(c.functionName, c.qualifier);
    await this.d.pools.setProvisioned(target.fn, c.version, c.requested, (s) => {
      c.state = s;
      series.setAllocated(s.allocated);
      if (s.failure !== undefined || (s.allocated >= s.requested && s.requested === c.requested)) c.settled.resolve();
    });
  }

  private async remove(key: string): Promise<void> {
    const c = this.configs.get(key);
    if (!c) return;
    this.configs.delete(key);
    const rest = [...this.configs.values()].filter((x) => x.functionName === c.functionName).reduce((n, x) => n + x.requested, 0);
    this.d.limits.setProvisioned(c.functionName, rest);
    c.settled.resolve();
    if (c.applied) this.d.pools.clearProvisioned(c.functionName, c.version);
    c.applied = false;
    this.d.metrics.series(c.functionName, c.qualifier).setAllocated(0);
  }

  private view(c: Config): ProvisionedConfigView {
    const s = (c.applied ? this.d.pools.existingPool(c.functionName, c.version)?.provisioned.state() : undefined) ?? c.state;
    if (c.state.failure !== undefined) s.failure = c.state.failure;
    const status: ProvisionedStatus = s.failure !== undefined ? 'FAILED' : s.allocated >= c.requested && c.applied ? 'READY' : 'IN_PROGRESS';
    const v: ProvisionedConfigView = {
      functionName: c.functionName,
      qualifier: c.qualifier,
      version: c.version,
      RequestedProvisionedConcurrentExecutions: c.requested,
      AvailableProvisionedConcurrentExecutions: Math.min(s.allocated, c.requested),
      AllocatedProvisionedConcurrentExecutions: Math.min(s.allocated, c.requested),
      Status: status,
      LastModified: lambdaTime(c.lastModified),
    };
    if (s.failure !== undefined) v.StatusReason = s.failure;
    return v;
  }

  private save(key: string, value: Stored['configs'][string]): Promise<void> {
    const next = this.writing.then(async () => {
      const current = (await readJson<Stored>(this.file)) ?? { configs: {} };
      current.configs = { ...current.configs, [key]: value };
      await writeJsonAtomic(this.file, current);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}

function notFound(functionName: string, qualifier: string): WorkbenchError {
  return new WorkbenchError('PROVISIONED_CONFIG_NOT_FOUND', `No Provisioned Concurrency Config found for this function: "${functionName}" qualifier "${qualifier}". Put one with "provisioned put ${functionName}:${qualifier} N".`);
}
