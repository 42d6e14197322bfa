// core/scheduler: one EnvironmentPool per function version (and per debug port), created on first use.
// Before handing out a pool it makes sure the pool runs the current build of the function: a watcher marks
// it stale when the code changes, and the next invoke rebuilds (incrementally) and swaps in a new pool.
import type { AwsCredentials } from '../runtime/environmentVariables';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Clock } from '../common/clock';
import type { FunctionConfig } from '../model/functionConfig';
import type { LogStore } from '../logs/logStore';
import { ExecutionEnvironment } from '../runtime/environment';
import { hostFor, type RuntimeTable } from '../runtimes';
import { claimEnvFolder } from '../store/envFolders';
import type { StateLayout } from '../store/stateDir';
import { CapacityGuard } from './capacityGuard';
import type { ScalingRate } from './scalingRate';
import { CodeWatcher } from './codeWatcher';
import { EnvironmentPool } from './environmentPool';
import type { FunctionCode, ResolvedCode } from './functionCode';
import type { LaunchRecord, PrelaunchOffer } from '../runtime/prelaunch';
import type { ProvisionedState } from './provisionedEnvironments';
import { snapshotOf, type EnvironmentSnapshot } from './environmentSnapshot';

export interface PoolManagerOptions {
  clock: Clock;
  logs: LogStore;
  state: StateLayout;
  runtimes: RuntimeTable;
  runtimesDir: string;
  code: FunctionCode;
  region: string;
  accountId: string;
  idleTimeoutMs: number;
  /** Recycle environments older than this (Lambda: a few hours, undocumented, §2.1). */
  maxLifetimeMs?: number;
  maxEnvironmentsPerFunction: number;
  /** Local capacity guard: at most this many environment processes (default: a budget of free memory by MemorySize). */
  maxLocalEnvironments?: number;
  /** Lambda's scaling rate per function (§8); with `reserved`, whether the function has reserved concurrency. */
  scaling?: { rate: ScalingRate; reserved(functionName: string): boolean };
  initTimeoutMs?: number;
  isolation?: 'auto' | 'process-tree';
  /** Freeze idle environments (default true; see LambdaServiceOptions.freeze). */
  freeze?: boolean;
  warn(message: string): void;
  /** Variables an environment gets unless its function sets them (AWS_ENDPOINT_URL_LAMBDA); asked at each cold start. */
  environmentDefaults?: (code: ResolvedCode) => Promise<Record<string, string>>;
  /** The AWS credentials environments get, asked at each cold start (see LambdaServiceOptions.credentials). */
  credentials?: () => Promise<AwsCredentials | null>;
  /** A one-shot CLI's head start: adopted by the first environment when it is for that function and code. */
  prelaunch?: PrelaunchOffer;
  /** Told each environment's first launch (for the next run's head start). */
  onLaunched?: (record: LaunchRecord) => void;
}

export type DebugRequest = { port: number; waitForAttach?: boolean };

interface Entry {
  fn: FunctionConfig;
  overrides?: Record<string, string>;
  debugPort?: number;
  pool?: EnvironmentPool;
  code?: ResolvedCode;
  stale: boolean;
  building?: Promise<EnvironmentPool>;
  watcher?: CodeWatcher;
}

export class PoolManager {
  private readonly entries = new Map<string, Entry>();
  /** Pools replaced by a newer build whose busy environments have not finished yet. */
  private readonly retired = new Set<EnvironmentPool>();
  /** Provisioned concurrency by `<function>:<version>`, applied again to a pool that replaces another. */
  private readonly provisioned = new Map<string, { count: number; onChange: (s: ProvisionedState) => void }>();
  readonly capacity: CapacityGuard;
  /** What each pool runs, for listings. */
  private readonly runs = new WeakMap<EnvironmentPool, { functionName: string; version: string; debug: boolean; memorySizeMB: number }>();

  constructor(private readonly o: PoolManagerOptions) {
    this.capacity = new CapacityGuard({ maxProcesses: o.maxLocalEnvironments, evictIdle: () => this.evictIdle(), warn: o.warn });
  }

  /** Shut down the least recently used idle environment of any pool (the capacity guard needs room). */
  private evictIdle(): boolean {
    let oldest: EnvironmentPool | undefined;
    let at = Infinity;
    for (const pool of this.pools()) {
      const t = pool.oldestIdleUse;
      if (t !== undefined && t < at) {
        oldest = pool;
        at = t;
      }
    }
    return oldest?.evictOldestIdle() ?? false;
  }

  private pools(): EnvironmentPool[] {
    const out: EnvironmentPool[] = [...this.retired];
    for (const e of this.entries.values()) if (e.pool) out.push(e.pool);
    return out;
  }

  /** The pool running the current build of `fn` (building or rebuilding it first when needed). */
  async poolFor(fn: FunctionConfig, version: string, debug?: DebugRequest, environment?: Record<string, string>): Promise<EnvironmentPool> {
    const overrides = environment && Object.keys(environment).length ? environment : undefined;
    let key = debug ? `${fn.functionName}:${version}:debug:${debug.port}` : `${fn.functionName}:${version}`;
    if (overrides) key += `:env:${JSON.stringify(Object.entries(overrides).sort())}`;
    let entry = this.entries.get(key);
    if (entry && entry.fn !== fn) {
      // The template was reloaded: a new configuration gets new environments.
      this.retire(entry);
      entry = undefined;
    }
    if (!entry) {
      entry = { fn, stale: true, overrides, debugPort: debug?.port };
      this.entries.set(key, entry);
    }
    // Another engine sharing the state directory may have evicted the package (it had no live environment).
    // A live environment holds a claim on its package, so the file check is only needed for an empty pool.
    if (entry.pool && !entry.stale && (entry.watcher?.complete ?? false) && (entry.pool.size > 0 || existsSync(entry.code!.taskRoot))) return entry.pool;
    if (entry.building) return entry.building;
    const e = entry;
    e.building = this.build(e, version, debug).finally(() => (e.building = undefined));
    return e.building;
  }

  /** The built code a function runs (building it when needed), e.g. for a debugger's source maps. */
  async codeFor(fn: FunctionConfig, version: string): Promise<ResolvedCode> {
    await this.poolFor(fn, version);
    return this.entries.get(`${fn.functionName}:${version}`)!.code!;
  }

  private async build(e: Entry, version: string, debug: DebugRequest | undefined): Promise<EnvironmentPool> {
    e.stale = false; // a change during the build marks it stale again
    const code = await this.o.code.resolve(e.fn);
    if (!e.watcher) e.watcher = new CodeWatcher(code.watchRoots, () => (e.stale = true));
    if (e.pool && e.code?.key === code.key) return e.pool;
    if (e.pool) this.drain(e.pool);
    e.code = code;
    e.pool = this.createPool(e.overrides ? { ...code, fn: { ...code.fn, environment: { ...code.fn.environment, ...e.overrides } } } : code, version, debug);
    const pc = !debug && !e.overrides ? this.provisioned.get(`${e.fn.functionName}:${version}`) : undefined;
    if (pc) e.pool.setProvisioned(pc.count, pc.onChange);
    return e.pool;
  }

  /** Keep `count` environments of `fn` at `version` initialised ahead of requests (§8); 0 removes them. */
  async setProvisioned(fn: FunctionConfig, version: string, count: number, onChange: (s: ProvisionedState) => void): Promise<void> {
    if (count === 0) return this.clearProvisioned(fn.functionName, version);
    this.provisioned.set(`${fn.functionName}:${version}`, { count, onChange });
    (await this.poolFor(fn, version)).setProvisioned(count, onChange);
  }

  /** No more provisioned environments for `functionName` at `version` (idle ones stop now, busy ones when done). */
  clearProvisioned(functionName: string, version: string): void {
    this.provisioned.delete(`${functionName}:${version}`);
    this.existingPool(functionName, version)?.setProvisioned(0);
  }

  /** The current pool of `functionName` at `version`, when one exists (no build). */
  existingPool(functionName: string, version: string): EnvironmentPool | undefined {
    return this.entries.get(`${functionName}:${version}`)?.pool;
  }

  private createPool(code: ResolvedCode, version: string, debug: DebugRequest | undefined): EnvironmentPool {
    const fn = code.fn;
    const host = hostFor(this.o.runtimes, fn.runtime);
    const pool = new EnvironmentPool({
      clock: this.o.clock,
      idleTimeoutMs: this.o.idleTimeoutMs,
      maxLifetimeMs: this.o.maxLifetimeMs,
      // One debug environment per port: a second debug invoke waits for it (the port can serve only one).
      maxEnvironments: debug ? 1 : this.o.maxEnvironmentsPerFunction,
      // §2.1: provisioned concurrency's init may take max(130 s, the function's timeout), at most 900 s.
      provisionedInitLimitMs: Math.min(900_000, Math.max(130_000, fn.timeout * 1000)),
      capacity: { guard: this.capacity, cost: this.capacity.costOf(fn.memorySize) },
      beforeCreate: this.o.scaling && !debug ? () => this.o.scaling!.rate.take(fn.functionName, this.o.scaling!.reserved(fn.functionName)) : undefined,
      create: async (initializationType) => {
        const prelaunched = debug ? undefined : this.takePrelaunch(fn.functionName, version, code.taskRoot);
        const id = prelaunched?.envId ?? randomBytes(16).toString('hex');
        // Independent preparations of a cold start, side by side (the one-shot CLI waits for each of them).
        const [defaults, envDir, credentials] = await Promise.all([
          this.o.environmentDefaults?.(code),
          // Owned by this process, and naming what it runs: other engines sweep it only once we are gone.
          // (A head start's folder is claimed already, by the same process.)
          prelaunched?.envDir ?? claimEnvFolder(this.o.state.envs, id, [code.taskRoot, code.optDir]),
          this.o.credentials?.(),
        ]);
        const env = new ExecutionEnvironment({
          id,
          fn: defaults ? { ...fn, environment: { ...defaults, ...fn.environment } } : fn,
          version,
          region: this.o.region,
          accountId: this.o.accountId,
          taskRoot: code.taskRoot,
          optDir: code.optDir,
          envDir,
          runtimesDir: this.o.runtimesDir,
          host,
          clock: this.o.clock,
          logs: this.o.logs,
          warn: this.o.warn,
          initTimeoutMs: this.o.initTimeoutMs,
          isolation: this.o.isolation,
          freeze: this.o.freeze,
          credentials,
          debug: debug ? { port: debug.port, waitForAttach: debug.waitForAttach ?? true } : undefined,
          initializationType,
          prelaunched,
          onLaunched: this.o.onLaunched,
        });
        await env.start();
        return env;
      },
    });
    this.runs.set(pool, { functionName: fn.functionName, version, debug: debug !== undefined, memorySizeMB: fn.memorySize });
    return pool;
  }

  /** The head start, once, when it was made for this function and code; any other first use discards it. */
  private takePrelaunch(functionName: string, version: string, taskRoot: string): PrelaunchOffer | undefined {
    const offer = this.o.prelaunch;
    if (!offer || this.prelaunchTaken) return undefined;
    this.prelaunchTaken = true;
    if (offer.functionName === functionName && offer.version === version && offer.taskRoot === taskRoot) return offer;
    offer.dispose('another function or code');
    return undefined;
  }
  private prelaunchTaken = false;

  /** Every live environment as listings show it (function, version, state, age, invocations, peak memory). */
  snapshots(): EnvironmentSnapshot[] {
    const now = this.o.clock.monotonic();
    return this.pools().flatMap((pool) => {
      const run = this.runs.get(pool)!;
      return pool.environments.map((env) => snapshotOf(env, { ...run, provisioned: pool.provisioned.includes(env), now }));
    });
  }

  /** Shut down one environment by id (Stop Environment); false when there is none. */
  async stopEnvironment(id: string): Promise<boolean> {
    const env = this.environments().find((e) => e.id === id);
    if (!env) return false;
    await env.dispose(); // its pool forgets it when it is next released or found disposed
    return true;
  }

  private retire(e: Entry): void {
    e.watcher?.dispose();
    if (e.pool) this.drain(e.pool);
  }

  private drain(pool: EnvironmentPool): void {
    pool.drain();
    if (pool.size > 0) this.retired.add(pool);
  }

  /** True when a warm (initialised, idle) debug environment listens on `port`. */
  hasWarmDebugEnvironment(port: number): boolean {
    return [...this.entries.values()].some((e) => e.debugPort === port && !e.stale && (e.pool?.environments.some((env) => env.isWarm) ?? false));
  }

  /** Shut down the debug environments on `port` (e.g. one still waiting for a debugger that never came). */
  async stopDebug(port: number): Promise<void> {
    const doomed = [...this.entries].filter(([, e]) => e.debugPort === port);
    for (const [key, e] of doomed) {
      this.entries.delete(key);
      e.watcher?.dispose();
    }
    await Promise.all(doomed.map(([, e]) => e.pool?.dispose()));
  }

  /** Shut down every environment of a function, all versions and debug ones included (DeleteFunction). */
  async stopFunction(functionName: string): Promise<void> {
    const doomed = [...this.entries].filter(([, e]) => e.fn.functionName === functionName);
    for (const [key, e] of doomed) {
      this.entries.delete(key);
      e.watcher?.dispose();
    }
    // Pools retired earlier are draining already: their busy environments end when their invocations do.
    await Promise.all(doomed.map(([, e]) => e.pool?.dispose()));
  }

  /** Every live environment, for status displays and tests. */
  environments(): ExecutionEnvironment[] {
    return [...[...this.entries.values()].map((e) => e.pool), ...this.retired].flatMap((p) => p?.environments ?? []);
  }

  async dispose(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const e of entries) e.watcher?.dispose();
    const retired = [...this.retired];
    this.retired.clear();
    await Promise.all([
      ...entries.map(async (e) => {
        await e.building?.catch(() => undefined);
        await e.pool?.dispose();
      }),
      ...retired.map((p) => p.dispose()),
    ]);
  }
}
