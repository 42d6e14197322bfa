// core: LambdaService, the embedded Lambda service every front door (VS Code, CLI, HTTP API) drives.
// A facade: it wires the template loader, registry, pools and invoker together and holds no logic.
import { PassThrough, type Readable } from 'node:stream';
import { join } from 'node:path';
import { realClock } from './common/clock';
import { DisposableStore, toDisposable } from './common/disposable';
import { WorkbenchError } from './common/errors';
import { Emitter, type Event } from './common/events';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from './model/arn';
import type { FunctionConfig, TemplateModel } from './model/functionConfig';
import type { HistoryRecord, InvocationEvent } from './history/historyRecord';
import { HistoryStore } from './history/historyStore';
import { LogStore, type LogEvent } from './logs/logStore';
import { Invoker } from './invoke/invoker';
import { HttpFront } from './http/httpFront';
import type { InvokeOptions, InvokeResult } from './invoke/invokeTypes';
import { FirstInvokeDebug, type FirstInvokeDebugOptions } from './invoke/firstInvokeDebug';
import { FunctionRegistry } from './registry/functionRegistry';
import { createRuntimeTable } from './runtimes';
import { PoolManager } from './scheduler/poolManager';
import { FunctionCode } from './scheduler/functionCode';
import { LayerStore } from './registry/layerStore';
import { Versioning } from './registry/versioning';
import { PackageCache, type Progress, type ProgressListener } from './packaging';
import { packageForUser, type PackageInfo } from './packaging/userPackage';
import { defaultRuntimesDir } from './runtimes/runtimesDir';
import type { LambdaServiceOptions } from './serviceOptions';
import { foldersInUse } from './store/envFolders';
import { tidyStateDir } from './store/housekeeping';
import { stateLayout, type StateLayout } from './store/stateDir';
import { loadTemplate } from './template';
import type { LambdaApiHandle } from './api/lambdaApiServer';
import { LambdaApiEndpoint } from './api/lambdaApiEndpoint';
import { FunctionCatalog } from './registry/functionCatalog';
import { runtimeFamily } from './model/runtimes';
import { RUNTIME_SDK_ENV } from './runtimes/nodejs/nodejsHost';
import { RuntimeSdk } from './runtimes/runtimeSdk';
import type { ResolvedCode } from './scheduler/functionCode';
import { ConcurrencyLimits } from './scheduler/concurrencyLimits';
import { ConcurrencySettings } from './scheduler/concurrencySettings';
import { ScalingRate } from './scheduler/scalingRate';
import { Metrics } from './scheduler/metrics';
import { MetricsStore } from './scheduler/metricsStore';
import { ScalingControls } from './scheduler/scalingControls';
import { scaledClock } from './common/scaledClock';
import { AsyncFacade } from './invoke/async/asyncFacade';
import { EventBridgeFacade } from './events/bus/eventBridgeFacade';
import { StreamsFacade } from './events/stream/streamsFacade';
import { VersionsFacade } from './registry/versionsFacade';
import { LayersFacade } from './registry/layersFacade';
import { ConcurrencyFacade } from './scheduler/concurrencyFacade';
import { MappingsFacade } from './events/mappings/mappingsFacade';

export type { LambdaServiceOptions } from './serviceOptions';
export { defaultRuntimesDir } from './runtimes/runtimesDir';
export type { PackageInfo } from './packaging/userPackage';

export class LambdaService {
  private readonly disposables = new DisposableStore();
  private readonly registry = new FunctionRegistry();
  private readonly logs: LogStore;
  private readonly pools: PoolManager;
  private readonly packages: PackageCache;
  private readonly layerStore: LayerStore;
  private readonly invoker: Invoker;
  private readonly functionCatalog: FunctionCatalog;
  private readonly endpoint: LambdaApiEndpoint;
  private readonly runtimeSdk: RuntimeSdk;
  private readonly versioning: Versioning;
  private readonly warningEmitter = new Emitter<string>();
  private readonly progressEmitter = new Emitter<Progress>();
  private readonly invokedEmitter = new Emitter<InvocationEvent>();
  private readonly history: HistoryStore | undefined;
  private readonly limits: ConcurrencyLimits;
  private readonly concurrencySettings: ConcurrencySettings;
  /** Versions and aliases (registry/versionsFacade.ts). */
  readonly versions: VersionsFacade;
  /** Local layer versions (registry/layersFacade.ts). */
  readonly layers: LayersFacade;
  /** Reserved concurrency and the account's view (scheduler/concurrencyFacade.ts). */
  readonly concurrency: ConcurrencyFacade;
  /** Asynchronous invocation, event-invoke configs and the local queues and topics (invoke/async/asyncFacade.ts). */
  readonly async: AsyncFacade;
  /** Local EventBridge: PutEvents, buses and rules, schedules (events/bus/eventBridgeFacade.ts). */
  readonly eventBridge = new EventBridgeFacade(() => this.async.resources());
  /** Local Kinesis-like streams and the tables whose changes feed table streams (events/stream/streamsFacade.ts). */
  readonly streams: StreamsFacade;
  /** Provisioned concurrency, auto scaling, per-minute metrics and the live environments (scheduler/scalingControls.ts). */
  readonly scaling: ScalingControls;
  /** API Gateway REST/HTTP APIs and function URLs of the template: routes and their servers (http/httpFront.ts). */
  readonly http: HttpFront;
  /** Event source mappings and their pollers (events/mappings/mappingsFacade.ts). */
  readonly mappings: MappingsFacade;
  private loading: Promise<TemplateModel> | undefined;
  private readonly state: StateLayout;
  private tidying: Promise<void> | undefined;
  /** True once the latest load of the template has finished (the warm invoke path then skips awaiting it). */
  private templateReady = false;
  /** `start -d PORT`: the first invoke of each function waits for a debugger (invoke/firstInvokeDebug.ts). */
  private firstInvokeDebug: FirstInvokeDebug | undefined;
  readonly region: string;
  readonly accountId: string;

  /** Every log line of every environment, live. */
  readonly onLog: Event<LogEvent>;
  /** Non-fatal problems worth telling the user (version mismatches, env-file keys…). */
  readonly onWarning: Event<string> = this.warningEmitter.event;
  /** Progress of the builds invocations start (installing dependencies as `sam build` does, bundling…). */
  readonly onProgress: Event<Progress> = this.progressEmitter.event;
  /** After every invoke, whoever called it (the history is fed from here). */
  readonly onDidInvoke: Event<InvocationEvent> = this.invokedEmitter.event;

  constructor(private readonly options: LambdaServiceOptions) {
    this.region = options.region ?? DEFAULT_REGION;
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    const state = (this.state = stateLayout(options.cwd, options.stateDir));
    const timeScale = options.timeScale && options.timeScale > 0 ? options.timeScale : 1;
    const limits = options.stateLimits ?? {};
    // Disk bounds compare file times across processes: they use wall-clock time, not the engine clock.
    this.logs = new LogStore(options.persistLogs === false ? undefined : state.logs, { maxAgeMs: limits.logMaxAgeMs, maxBytes: limits.logMaxBytes });
    this.onLog = this.logs.onLog;
    this.packages = new PackageCache(state.root, {
      maxBytes: limits.packageCacheBytes,
      graceMs: limits.packageGraceMs,
      inUse: () => foldersInUse(state.envs, Date.now()),
    });
    this.layerStore = new LayerStore(state.layers, this.region, this.accountId);
    this.runtimeSdk = new RuntimeSdk(options.runtimeSdk ?? {}, (m) => this.warningEmitter.fire(m));
    this.functionCatalog = new FunctionCatalog({ registry: this.registry, root: join(state.root, 'functions'), region: this.region, accountId: this.accountId });
    const code = new FunctionCode({
      cache: this.packages,
      layerStore: this.layerStore,
      optRoot: state.opt,
      templateLayers: () => this.registry.template?.layers ?? [],
      warn: (m) => this.warningEmitter.fire(m),
      onProgress: (p) => this.progressEmitter.fire(p),
    });
    this.pools = new PoolManager({
      code,
      clock: options.clock ?? realClock,
      logs: this.logs,
      state,
      runtimes: createRuntimeTable(options.interpreters, options.installRuntimes, this.runtimeSdk),
      runtimesDir: options.runtimesDir ?? defaultRuntimesDir(),
      region: this.region,
      accountId: this.accountId,
      // Idle lifetimes are engine timers: --time-scale N shortens them N times (function timeouts stay real).
      idleTimeoutMs: (options.idleTimeoutMs ?? 10 * 60_000) / timeScale,
      maxLifetimeMs: (options.maxEnvironmentLifetimeMs ?? 4 * 3600_000) / timeScale,
      maxEnvironmentsPerFunction: options.maxEnvironmentsPerFunction ?? 1000,
      maxLocalEnvironments: options.maxLocalEnvironments,
      scaling: { rate: new ScalingRate(options.clock ?? realClock, options.scalingRate), reserved: (name) => this.limits.reservedOf(name) !== undefined },
      initTimeoutMs: options.initTimeoutMs,
      isolation: options.isolation,
      freeze: options.freeze,
      warn: (m) => this.warningEmitter.fire(m),
      environmentDefaults: (code) => this.environmentDefaults(code),
      credentials: options.credentials,
      prelaunch: options.prelaunch,
      onLaunched: options.onLaunched,
    });
    this.limits = new ConcurrencyLimits(options.accountConcurrencyLimit);
    this.concurrencySettings = new ConcurrencySettings(state.root, this.limits, (m) => this.warningEmitter.fire(m));
    const v = (this.versioning = new Versioning({
      state,
      registry: this.registry,
      packages: this.packages,
      layerStore: this.layerStore,
      region: this.region,
      accountId: this.accountId,
      clock: options.clock ?? realClock,
      random: options.random ?? Math.random,
      logFormat: options.logFormat,
      warn: (m) => this.warningEmitter.fire(m),
    }));
    const warn = (m: string) => this.warningEmitter.fire(m);
    const metricsStore = new MetricsStore(join(state.root, 'metrics'), warn);
    const metrics = new Metrics(options.clock ?? realClock, options.persistLogs === false ? undefined : (r, b) => metricsStore.append(r, b));
    this.scaling = new ScalingControls({
      stateRoot: state.root,
      clock: options.clock ?? realClock,
      limits: this.limits,
      pools: this.pools,
      metrics,
      store: metricsStore,
      resolveName: async (name, q) => (await this.template(), this.registry.resolve(name, q)),
      loaded: () => this.template(),
      resolveVersion: async (fn, q) => {
        const version = (await v.getFunctionConfiguration(fn.functionName, q)).Version;
        const alias = /^\d+$/.test(q) ? undefined : await v.getAlias(fn.functionName, q);
        return { fn: (await v.resolveQualifier(fn, version)).fn, version, routing: alias?.RoutingConfig !== undefined };
      },
      warn,
    });
    this.invoker = new Invoker({
      registry: this.registry,
      pools: this.pools,
      limits: this.limits,
      metrics,
      region: this.region,
      accountId: this.accountId,
      resolveQualifier: (fn, q) => v.resolveQualifier(fn, q),
    });
    const engineClock = options.engineClock ?? (options.timeScale && options.timeScale !== 1 ? scaledClock(options.clock ?? realClock, options.timeScale) : (options.clock ?? realClock));
    this.async = new AsyncFacade({
      stateRoot: state.root,
      clock: engineClock,
      region: this.region,
      accountId: this.accountId,
      parallelism: options.asyncParallelism,
      loaded: () => this.template(),
      target: (fn, q) => this.asyncTarget(fn, q),
      invoke: (fn, p, o) => this.invoke(fn, p, o),
      reserved: (fn) => this.limits.reservedOf(fn),
      templateConfigs: (fn) => this.registry.list().find((f) => f.functionName === fn)?.eventInvokeConfigs,
      deadLetterArn: async (fn, q) => (await this.versions.getFunctionConfiguration(fn, q)).DeadLetterConfig?.TargetArn,
      warn,
      origin: options.origin ?? 'engine',
      // Where other engines on this state directory forward their Event invokes (a listener of its own, so the
      // port the user chose for the Lambda API stays free for `start`/the extension to take).
      listen: () => import('./api/lambdaApiServer.js').then((m) => m.listenLambdaApi(this, { asyncInvoke: (fn, p, o) => this.async.invoke(fn, p, o) })),
    });
    this.endpoint = new LambdaApiEndpoint((port) =>
      import('./api/lambdaApiServer.js').then((m) => m.listenLambdaApi(this, { port, listening: port ? undefined : this.options.prelaunch?.takeLambdaApi(), asyncInvoke: this.options.asyncInvoke ?? ((fn, p, o) => this.async.invoke(fn, p, o)) })),
    );
    this.streams = new StreamsFacade(() => this.async.resources(), { region: this.region, accountId: this.accountId, now: () => engineClock.now() });
    this.versions = new VersionsFacade(async () => (await this.template(), v));
    this.layers = new LayersFacade({ store: this.layerStore, packages: this.packages, uploadsDir: state.layers, template: () => this.template(), warn });
    this.concurrency = new ConcurrencyFacade({ settings: this.concurrencySettings, limits: this.limits, registry: this.registry, loaded: () => this.template() });
    this.http = new HttpFront({ template: () => this.template(), reload: () => this.reload(), invoke: (fn, p, o) => this.invoke(fn, p, o), accountId: this.accountId, region: this.region, warn, now: () => engineClock.now() });
    this.mappings = new MappingsFacade({
      stateRoot: state.root,
      clock: engineClock,
      region: this.region,
      accountId: this.accountId,
      loaded: () => this.template(),
      resolveFunction: (name) => {
        const r = this.registry.resolve(name);
        return { functionName: r.fn.functionName, qualifier: r.qualifier && r.qualifier !== '$LATEST' ? r.qualifier : undefined };
      },
      functionTimeout: (name) => this.registry.resolve(name).fn.timeout,
      invoke: (fn, p, o) => this.invoke(fn, p, o),
      resources: () => this.async.resources(),
      warn,
    });
    if (options.history !== false && options.persistLogs !== false) {
      const history = (this.history = new HistoryStore(state.history, (name) => this.logicalIdOf(name), (m) => this.warningEmitter.fire(m), options.history || {}));
      this.onDidInvoke((e) => history.record(e));
      this.disposables.add(toDisposable(() => history.flush()));
    }
    // Disposed in reverse order: the environments first, so their last lines and warnings still reach listeners.
    this.disposables.add(toDisposable(() => this.warningEmitter.dispose()));
    this.disposables.add(toDisposable(() => this.progressEmitter.dispose()));
    this.disposables.add(toDisposable(() => this.invokedEmitter.dispose()));
    this.disposables.add(toDisposable(() => this.logs.dispose()));
    this.disposables.add(toDisposable(() => this.tidying));
    this.disposables.add(toDisposable(() => this.scaling.dispose()));
    this.disposables.add(toDisposable(() => this.pools.dispose()));
    this.disposables.add(toDisposable(() => this.async.dispose()));
    this.disposables.add(toDisposable(() => this.endpoint.close()));
    this.disposables.add(toDisposable(() => this.http.dispose()));
    // Pollers stop first: their batches in flight still reach the queues and the environments.
    this.disposables.add(toDisposable(() => this.mappings.dispose()));
    // Before all: the environments' streams close as the engine ends; pruning for each is the next start's job.
    this.disposables.add(toDisposable(() => this.logs.stopPruning()));
    // The history's queued records leave for the disk now, alongside the shutdown; its flush above also writes
    // what the shutdown adds and waits for both (a one-shot CLI's exit, issue 10).
    this.disposables.add(toDisposable(() => void this.history?.flush()));
  }

  /** (Re)load the template; later invocations use the new configuration. */
  reload(): Promise<TemplateModel> {
    this.templateReady = false;
    const loading: Promise<TemplateModel> = (this.loading = loadTemplate({
      cwd: this.options.cwd,
      templatePath: this.options.templatePath,
      parameterOverrides: this.options.parameterOverrides,
      envVarsFile: this.options.envVarsFile,
      shellEnv: this.options.shellEnv,
      region: this.region,
      accountId: this.accountId,
      parseCache: this.options.templateParseCache,
    }).catch((e: unknown) => {
      if (!this.options.templateOptional || this.options.templatePath || (e as WorkbenchError).code !== 'TEMPLATE_NOT_FOUND') throw e;
      return { templatePath: '', stackName: '', region: this.region, accountId: this.accountId, functions: [], layers: [], broken: [], warnings: [] } satisfies TemplateModel;
    }).then(async (model) => {
      await this.functionCatalog.load();
      const format = this.options.logFormat;
      if (format) for (const f of model.functions) f.logging = { ...f.logging, logFormat: format };
      this.registry.set(model);
      this.async.declare((model as TemplateModel).localResources ?? []);
      this.mappings.declare((model as TemplateModel).eventSourceMappings ?? []);
      await this.concurrencySettings.load(model.functions);
      await this.scaling.load(model);
      for (const w of model.warnings) this.warningEmitter.fire(w);
      this.http.modelLoaded(model);
      if (this.loading === loading) this.templateReady = true;
      return model;
    }));
    return this.loading;
  }

  /** The loaded template, loading it on first use. */
  template(): Promise<TemplateModel> {
    this.assertLive();
    // First use is the engine's start: tidy what earlier (maybe crashed) engines left, alongside the load.
    this.tidying ??= tidyStateDir(this.state, [() => this.packages.tidy(), () => this.logs.pruneAtStart()], Date.now()).catch((e: unknown) =>
      this.warningEmitter.fire(`Could not tidy the state directory ${this.state.root}: ${(e as Error).message}`),
    );
    return this.loading ?? this.reload();
  }

  /** The template's functions, then those created through the Lambda API. */
  async listFunctions(): Promise<readonly FunctionConfig[]> {
    await this.template();
    return this.registry.list();
  }

  /** The Lambda API's control plane over the functions (create/update/delete, tags), once loaded. */
  async catalog(): Promise<FunctionCatalog> {
    await this.template();
    return this.functionCatalog;
  }

  /** Throws FUNCTION_NOT_FOUND unless the function (and qualifier) can be invoked (DryRun). */
  async checkInvokable(functionName: string, qualifier?: string): Promise<void> {
    await this.template();
    const { qualifier: q } = this.registry.resolve(functionName, qualifier);
    if (q !== undefined && q !== '$LATEST') await this.versions.getFunctionConfiguration(functionName, qualifier);
  }

  /**
   * The Lambda API on 127.0.0.1, started on first need: by `start`/the extension with a port, or lazily on
   * a free port when an environment is created, so functions' SDK calls reach this engine (§2.5).
   */
  lambdaApi(options: { port?: number } = {}): Promise<LambdaApiHandle> {
    this.assertLive();
    return this.endpoint.get(options.port);
  }

  /** Variables every environment gets unless the function sets them: the local endpoint of its SDK calls. */
  private async environmentDefaults(code: ResolvedCode): Promise<Record<string, string>> {
    this.assertLive();
    // The API listener and the runtime-SDK check are independent: both at once.
    const [out, sdk] = await Promise.all([
      this.endpoint.variables((e) => this.warningEmitter.fire(`The local Lambda API could not start, so functions' own Lambda SDK calls will not reach this engine: ${e.message}`)),
      runtimeFamily(code.fn.runtime) === 'nodejs' ? this.runtimeSdk.nodeModulesFor(code.taskRoot) : undefined,
    ]);
    if (sdk) out[RUNTIME_SDK_ENV] = sdk;
    return out;
  }

  /** Synchronous (RequestResponse) invoke, as Lambda's Invoke API runs it. Announced on onDidInvoke afterwards. */
  invoke(functionName: string, payload: Buffer | string, options?: InvokeOptions): Promise<InvokeResult> {
    // The warm path: template loaded, nobody listening: the invoker's own promise, without awaits around it.
    if (this.templateReady && !this.invokedEmitter.hasListeners && !this.disposables.isDisposed && !this.firstInvokeDebug) return this.invoker.invoke(functionName, payload, options);
    return this.invokeAnnounced(functionName, payload, options);
  }

  /**
   * From now on the first invoke of each function (or of `functionName` only), whoever sends it, runs in a debug
   * environment on `port` and waits for a debugger, as `sam local start-api -d PORT --debug-function F` does.
   */
  debugFirstInvokes(options: FirstInvokeDebugOptions): void {
    this.firstInvokeDebug = new FirstInvokeDebug(options, (port) => this.pools.stopDebug(port));
  }

  private async invokeAnnounced(functionName: string, payload: Buffer | string, options?: InvokeOptions): Promise<InvokeResult> {
    await this.template();
    const first = this.firstInvokeDebug;
    if (first && !options?.debug && !options?.environment) {
      const name = this.resolvedFunction(functionName)?.functionName;
      if (name !== undefined && first.claim(name)) {
        return first.run(name, (debug) => {
          options?.onDebug?.();
          return this.invokeAnnounced(functionName, payload, { ...options, debug });
        });
      }
    }
    if (!this.invokedEmitter.hasListeners) return this.invoker.invoke(functionName, payload, options);
    const startedAt = Date.now();
    const origin = options?.origin ?? this.options.origin ?? 'sdk';
    const debug = options?.debug !== undefined;
    try {
      const result = await this.invoker.invoke(functionName, payload, options);
      this.invokedEmitter.fire({ functionName, payload, origin, startedAt, debug, result });
      return result;
    } catch (error) {
      this.invokedEmitter.fire({ functionName, payload, origin, startedAt, debug, error });
      throw error;
    }
  }

  /** Past invocations of a function (or of all), newest first. */
  listHistory(functionName?: string): Promise<HistoryRecord[]> {
    return this.history?.list(functionName) ?? Promise.resolve([]);
  }

  /** One past invocation by id (or a unique prefix of it). */
  historyRecord(id: string): Promise<HistoryRecord> {
    if (!this.history) throw new WorkbenchError('HISTORY_NOT_FOUND', 'This engine keeps no invocation history (history is off).');
    return this.history.get(id);
  }

  /**
   * Invoke with the response as a Node stream: chunks of a streamed response (§3.4) arrive as the function
   * writes them; a buffered response arrives as one chunk. `result` settles when the invocation ends.
   */
  invokeStream(functionName: string, payload: Buffer | string, options: Omit<InvokeOptions, 'stream'> = {}): { body: Readable; result: Promise<InvokeResult> } {
    const body = new PassThrough();
    const result = this.invoke(functionName, payload, { ...options, stream: { start: () => undefined, chunk: (c) => body.write(c) } }).then(
      (r) => {
        if (!r.streamed) body.write(r.payload);
        body.end();
        return r;
      },
      (e: unknown) => {
        body.destroy(e instanceof Error ? e : new Error(String(e)));
        throw e;
      },
    );
    return { body, result };
  }

  /**
   * Build a function's deployment package (the ZIP a user would upload; the same bytes invocations run),
   * optionally copied to `outDir` as <LogicalId>.zip.
   */
  async packageFunction(functionName: string, options: { onProgress?: ProgressListener; outDir?: string } = {}): Promise<PackageInfo> {
    await this.template();
    return packageForUser(this.registry.resolve(functionName).fn, this.packages, { ...options, warn: (m) => this.warningEmitter.fire(m) });
  }

  /** After DeleteFunction: its environments stop now (not at their idle timeout) and its reserved concurrency goes. */
  async stopDeletedFunction(functionName: string): Promise<void> {
    await Promise.all([this.pools.stopFunction(functionName), this.concurrencySettings.delete(functionName)]);
  }

  /** The folder a function runs from (its extracted package), building it if needed: for debuggers' source maps. */
  async taskRootOf(functionName: string, version = '$LATEST'): Promise<string> {
    await this.template();
    const { fn } = this.registry.resolve(functionName);
    if (version === '$LATEST') return (await this.pools.codeFor(fn, '$LATEST')).taskRoot;
    const target = await this.versioning.resolveQualifier(fn, version);
    return (await this.pools.codeFor(target.fn, target.executedVersion)).taskRoot;
  }

  /** The version a qualifier (a version, or an alias with its routing applied now) runs: e.g. for a debugger. */
  async versionOf(functionName: string, qualifier: string): Promise<string> {
    await this.template();
    const { fn } = this.registry.resolve(functionName);
    return qualifier === '$LATEST' ? qualifier : (await this.versioning.resolveQualifier(fn, qualifier)).executedVersion;
  }

  /** True when a warm debug environment listens on `port`: a debugger may attach and debug again, no cold start. */
  hasWarmDebugEnvironment(port: number): boolean {
    return this.pools.hasWarmDebugEnvironment(port);
  }

  /** End the debug environment on `port` — also one still waiting for a debugger to attach. */
  stopDebugEnvironment(port: number): Promise<void> {
    return this.pools.stopDebug(port);
  }

  /** Live execution environments (for status displays and tests). */
  environments(): { id: string; pid: number | undefined; warm: boolean; frozen: boolean; tmpDir: string; isolation: 'namespaces' | 'process-tree' }[] {
    return this.pools.environments().map((e) => ({ id: e.id, pid: e.pid, warm: e.isWarm, frozen: e.isFrozen, tmpDir: e.tmpDir, isolation: e.isolationMode }));
  }

  /** Shut everything down; no child process survives. Safe to call twice. */
  dispose(): Promise<void> {
    return this.disposables.dispose();
  }

  /** The canonical name and qualifier an async event is queued under; FUNCTION_NOT_FOUND when it cannot run. */
  private async asyncTarget(functionName: string, qualifier: string | undefined): Promise<{ functionName: string; qualifier?: string }> {
    await this.checkInvokable(functionName, qualifier);
    const r = this.registry.resolve(functionName, qualifier);
    return { functionName: r.fn.functionName, qualifier: r.qualifier === '$LATEST' ? undefined : r.qualifier };
  }

  /** The function an invoke's name (logical id, name, name:qualifier or ARN) resolves to; undefined if none. */
  private resolvedFunction(name: string): FunctionConfig | undefined {
    try {
      return this.registry.resolve(name).fn;
    } catch {
      return undefined;
    }
  }

  private logicalIdOf(name: string): string | undefined {
    return this.resolvedFunction(name)?.logicalId;
  }

  private assertLive(): void {
    if (this.disposables.isDisposed) throw new WorkbenchError('SERVICE_DISPOSED', 'The Lambda service has been shut down; create a new one.');
  }
}
