// core: LambdaService, the embedded Lambda service every front door (VS Code, CLI, HTTP API) drives.
// A facade: it wires the template loader, registry, pools and invoker together and holds no logic.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { dirname, join, resolve } from 'node:path';
import { realClock, type Clock } from './common/clock';
import { DisposableStore, toDisposable } from './common/disposable';
import { WorkbenchError } from './common/errors';
import { Emitter, type Event } from './common/events';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from './model/arn';
import type { FunctionConfig, TemplateModel } from './model/functionConfig';
import type { HistoryRecord, InvocationEvent } from './history/historyRecord';
import { HistoryStore, type HistoryLimits } from './history/historyStore';
import { LogStore, type LogEvent } from './logs/logStore';
import { Invoker } from './invoke/invoker';
import { HttpFront } from './http/httpFront';
import type { InvokeOptions, InvokeResult } from './invoke/invokeTypes';
import { FunctionRegistry } from './registry/functionRegistry';
import { createRuntimeTable, type InterpreterPaths, type RuntimeInstallOptions } from './runtimes';
import { PoolManager } from './scheduler/poolManager';
import { FunctionCode } from './scheduler/functionCode';
import { LayerStore, type LayerVersionRecord } from './registry/layerStore';
import { Versioning } from './registry/versioning';
import type { AliasConfiguration, CreateAliasInput, FunctionConfiguration, PublishVersionInput, UpdateAliasInput } from './model/versions';
import { buildFunctionPackage, buildLayerPackage, PackageCache, type Progress, type ProgressListener } from './packaging';
import { foldersInUse } from './store/envFolders';
import { tidyStateDir } from './store/housekeeping';
import { stateLayout, type StateLayout, type StateLimits } from './store/stateDir';
import { sweepTemps, tempPathFor } from './store/tempFiles';
import { loadTemplate } from './template';
import type { LambdaApiHandle, LambdaApiOptions } from './api/lambdaApiServer';
import { SERVICE_ENDPOINT_SUFFIXES } from './api/awsServices/endpoints';
import { FunctionCatalog } from './registry/functionCatalog';
import { runtimeFamily } from './model/runtimes';
import { RUNTIME_SDK_ENV } from './runtimes/nodejs/nodejsHost';
import { RuntimeSdk, type RuntimeSdkOptions } from './runtimes/runtimeSdk';
import type { ResolvedCode } from './scheduler/functionCode';
import { publishUploadedLayer, type LayerUpload } from './registry/layerUploads';
import { ConcurrencyLimits, type AccountConcurrency } from './scheduler/concurrencyLimits';
import { ConcurrencySettings } from './scheduler/concurrencySettings';
import { ScalingRate, type ScalingRateOptions } from './scheduler/scalingRate';
import { Metrics } from './scheduler/metrics';
import { MetricsStore } from './scheduler/metricsStore';
import { ScalingControls } from './scheduler/scalingControls';
import { scaledClock } from './common/scaledClock';
import { EventResources } from './events/eventResources';
import { AsyncInvocations, type AcceptOptions } from './invoke/async/asyncInvocations';
import type { QueueStatus } from './invoke/async/functionQueue';
import { deleteInvokeConfig, getInvokeConfig, listInvokeConfigs, putInvokeConfig, type FunctionEventInvokeConfig, type InvokeConfigApiDeps } from './invoke/async/invokeConfigApi';

export interface LambdaServiceOptions {
  /** Workspace folder: template discovery and the default state directory. */
  cwd: string;
  templatePath?: string;
  parameterOverrides?: Record<string, string>;
  envVarsFile?: string;
  /** State directory, default <cwd>/.lambda-workbench. */
  stateDir?: string;
  region?: string;
  accountId?: string;
  clock?: Clock;
  /** Interpreter per runtime id, e.g. {"nodejs20.x": "/usr/bin/node"}. */
  interpreters?: InterpreterPaths;
  /** Whether a missing Node.js major is installed from the npm registry into the cache (default 'never'). */
  installRuntimes?: RuntimeInstallOptions;
  /** Folder holding the built bootstraps (dist/runtimes); found next to the code by default. */
  runtimesDir?: string;
  /** Idle lifetime of an environment before it is shut down (default 10 min). */
  idleTimeoutMs?: number;
  /** Age after which an environment is recycled (Lambda's is undocumented, "a few hours", §2.1; default 4 h). */
  maxEnvironmentLifetimeMs?: number;
  maxEnvironmentsPerFunction?: number;
  /** The account's concurrency limit (Lambda's default 1,000, §8); set it low (e.g. 10) to rehearse throttling. */
  accountConcurrencyLimit?: number;
  /** Local capacity guard: how many environment processes this machine may run (default: free memory by MemorySize). */
  maxLocalEnvironments?: number;
  /** New environments per function per window (Lambda: 1,000 per 10 s, §8), on the engine clock; tests lower it. */
  scalingRate?: ScalingRateOptions;
  /** On-demand init limit (Lambda: 10 s, §2.1); tests shorten it. */
  initTimeoutMs?: number;
  /**
   * How environments are contained: 'auto' (default) uses Linux namespaces where the machine allows (private
   * PID tree and /tmp); 'process-tree' always uses the fallback (tracked process trees, a /tmp folder).
   */
  isolation?: 'auto' | 'process-tree';
  /**
   * Freeze environments between invocations (SIGSTOP of the process group, SIGCONT to take the next event), as
   * Lambda does (§2.1): a handler's timers and un-awaited work pause until the next invocation. Default true;
   * never while a debugger is attached.
   */
  freeze?: boolean;
  /** Override every function's LoggingConfig.LogFormat (e.g. the CLI's --log-format). */
  logFormat?: 'Text' | 'JSON';
  /** Keep logs only in memory (no files under the state directory). */
  persistLogs?: boolean;
  /** Uniform random numbers in [0, 1) for alias routing, one per aliased request (default Math.random; tests seed it). */
  random?: () => number;
  /** Bounds on what the state directory keeps (package cache, logs); defaults in StateLimits. */
  stateLimits?: Partial<StateLimits>;
  /** Serve without a template when none is found (`start`: functions then come from CreateFunction). */
  templateOptional?: boolean;
  /** Where the Lambda API's `Event` invokes go (the asynchronous-invocation issue provides it). */
  asyncInvoke?: LambdaApiOptions['asyncInvoke'];
  /** The AWS SDK the runtimes include (Node.js: v3 clients installed once into the user's cache on first need). */
  runtimeSdk?: RuntimeSdkOptions;
  /** The invocation history under the state directory (default on, unless persistLogs is false); false: none. */
  history?: false | Partial<HistoryLimits>;
  /** Who drives this service ('vscode', 'cli', 'api'…): the history's origin when an invoke names none. */
  origin?: string;
  /** Runs the engine's own timers (async retries, event age, queue visibility) N times faster; function timeouts stay real. */
  timeScale?: number;
  /** The clock of those engine timers (tests pass a VirtualClock); default `clock` scaled by timeScale. */
  engineClock?: Clock;
  /** How many events of one function the async queue runs at once (default 4). */
  asyncParallelism?: number;
}

export class LambdaService {
  private readonly disposables = new DisposableStore();
  private readonly registry = new FunctionRegistry();
  private readonly logs: LogStore;
  private readonly pools: PoolManager;
  private readonly packages: PackageCache;
  private readonly layerStore: LayerStore;
  private readonly invoker: Invoker;
  private readonly functionCatalog: FunctionCatalog;
  private api: Promise<LambdaApiHandle> | undefined;
  private readonly runtimeSdk: RuntimeSdk;
  private readonly versioning: Versioning;
  private readonly warningEmitter = new Emitter<string>();
  private readonly progressEmitter = new Emitter<Progress>();
  private readonly invokedEmitter = new Emitter<InvocationEvent>();
  private readonly history: HistoryStore | undefined;
  private readonly limits: ConcurrencyLimits;
  private readonly concurrency: ConcurrencySettings;
  /** Provisioned concurrency, auto scaling, per-minute metrics and the live environments (scheduler/scalingControls.ts). */
  readonly scaling: ScalingControls;
  /** API Gateway REST/HTTP APIs and function URLs of the template: routes and their servers (http/httpFront.ts). */
  readonly http: HttpFront;
  private loading: Promise<TemplateModel> | undefined;
  private readonly state: StateLayout;
  private readonly events: EventResources;
  private readonly async: AsyncInvocations;
  private readonly invokeConfigs: InvokeConfigApiDeps;
  private tidying: Promise<void> | undefined;
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
      idleTimeoutMs: options.idleTimeoutMs ?? 10 * 60_000,
      maxLifetimeMs: options.maxEnvironmentLifetimeMs ?? 4 * 3600_000,
      maxEnvironmentsPerFunction: options.maxEnvironmentsPerFunction ?? 1000,
      maxLocalEnvironments: options.maxLocalEnvironments,
      scaling: { rate: new ScalingRate(options.clock ?? realClock, options.scalingRate), reserved: (name) => this.limits.reservedOf(name) !== undefined },
      initTimeoutMs: options.initTimeoutMs,
      isolation: options.isolation,
      freeze: options.freeze,
      warn: (m) => this.warningEmitter.fire(m),
      environmentDefaults: (code) => this.environmentDefaults(code),
    });
    this.limits = new ConcurrencyLimits(options.accountConcurrencyLimit);
    this.concurrency = new ConcurrencySettings(state.root, this.limits, (m) => this.warningEmitter.fire(m));
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
    this.events = new EventResources({ dir: join(state.root, 'events'), clock: engineClock, region: this.region, accountId: this.accountId, warn, invokeAsync: (arn, p) => this.async.acceptArn(arn, p) });
    const target = (fn: string, q: string | undefined) => this.asyncTarget(fn, q);
    const templateConfig = (fn: string) => this.registry.list().find((f) => f.functionName === fn)?.eventInvokeConfig;
    this.async = new AsyncInvocations({
      dir: join(state.root, 'async'),
      clock: engineClock,
      region: this.region,
      accountId: this.accountId,
      parallelism: options.asyncParallelism,
      target,
      invoke: (fn, p, o) => this.invoke(fn, p, o),
      reserved: (fn) => this.limits.reservedOf(fn),
      templateConfig,
      deadLetterArn: async (fn, q) => (await this.getFunctionConfiguration(fn, q)).DeadLetterConfig?.TargetArn,
      resources: this.events,
      warn,
    });
    this.invokeConfigs = { store: this.async.configs, region: this.region, accountId: this.accountId, now: () => engineClock.now(), target, templateConfig };
    this.http = new HttpFront({ template: () => this.template(), reload: () => this.reload(), invoke: (fn, p, o) => this.invoke(fn, p, o), accountId: this.accountId, warn, now: () => engineClock.now() });
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
    this.disposables.add(toDisposable(() => this.events.dispose()));
    this.disposables.add(toDisposable(() => this.async.dispose()));
    this.disposables.add(toDisposable(() => this.api?.then((a) => a.close(), () => undefined)));
    this.disposables.add(toDisposable(() => this.http.dispose()));
  }

  /** (Re)load the template; later invocations use the new configuration. */
  reload(): Promise<TemplateModel> {
    this.loading = loadTemplate({
      cwd: this.options.cwd,
      templatePath: this.options.templatePath,
      parameterOverrides: this.options.parameterOverrides,
      envVarsFile: this.options.envVarsFile,
      region: this.region,
      accountId: this.accountId,
    }).catch((e: unknown) => {
      if (!this.options.templateOptional || this.options.templatePath || (e as WorkbenchError).code !== 'TEMPLATE_NOT_FOUND') throw e;
      return { templatePath: '', stackName: '', region: this.region, accountId: this.accountId, functions: [], layers: [], broken: [], warnings: [] } satisfies TemplateModel;
    }).then(async (model) => {
      await this.functionCatalog.load();
      const format = this.options.logFormat;
      if (format) for (const f of model.functions) f.logging = { ...f.logging, logFormat: format };
      this.registry.set(model);
      this.events.declare((model as TemplateModel).localResources ?? []);
      await this.concurrency.load(model.functions);
      await this.scaling.load(model);
      for (const w of model.warnings) this.warningEmitter.fire(w);
      this.http.modelLoaded(model);
      return model;
    });
    return this.loading;
  }

  /** The loaded template, loading it on first use. */
  template(): Promise<TemplateModel> {
    this.assertLive();
    // First use is the engine's start: tidy what earlier (maybe crashed) engines left, alongside the load.
    this.tidying ??= tidyStateDir(this.state, [() => this.packages.tidy(), () => this.logs.prune()], Date.now()).catch((e: unknown) =>
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
    if (q !== undefined && q !== '$LATEST') await this.getFunctionConfiguration(functionName, qualifier);
  }

  /**
   * The Lambda API on 127.0.0.1, started on first need: by `start`/the extension with a port, or lazily on
   * a free port when an environment is created, so functions' SDK calls reach this engine (§2.5).
   */
  lambdaApi(options: { port?: number } = {}): Promise<LambdaApiHandle> {
    this.assertLive();
    const running = this.api;
    if (running) {
      return running.then((a) => {
        if (options.port && a.port !== options.port) throw new WorkbenchError('INVALID_PARAMETER', `The Lambda API of this engine already listens on ${a.url}; stop it before starting it on port ${options.port}.`);
        return a;
      });
    }
    const starting = import('./api/lambdaApiServer.js').then((m) => m.listenLambdaApi(this, { port: options.port, asyncInvoke: this.options.asyncInvoke ?? ((fn, p, o) => this.invokeAsync(fn, p, o)) }));
    this.api = starting.then((a) => ({ ...a, close: () => ((this.api = undefined), a.close()) }));
    this.api.catch(() => (this.api = undefined));
    return this.api;
  }

  /** Variables every environment gets unless the function sets them: the local endpoint of its SDK calls. */
  private async environmentDefaults(code: ResolvedCode): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    // The API listener and the runtime-SDK check are independent: both at once.
    const [api, sdk] = await Promise.all([
      this.lambdaApi().then(
        (a) => a.url,
        (e: unknown) => {
          this.warningEmitter.fire(`The local Lambda API could not start, so functions' own Lambda SDK calls will not reach this engine: ${(e as Error).message}`);
          return undefined;
        },
      ),
      runtimeFamily(code.fn.runtime) === 'nodejs' ? this.runtimeSdk.nodeModulesFor(code.taskRoot) : undefined,
    ]);
    if (api) {
      out.AWS_ENDPOINT_URL_LAMBDA = api;
      // The other services this server speaks (SQS, SNS, EventBridge…): a function's own SDK calls reach them too.
      for (const suffix of SERVICE_ENDPOINT_SUFFIXES) out[`AWS_ENDPOINT_URL_${suffix}`] = api;
    }
    if (sdk) out[RUNTIME_SDK_ENV] = sdk;
    return out;
  }

  /** Synchronous (RequestResponse) invoke, as Lambda's Invoke API runs it. Announced on onDidInvoke afterwards. */
  async invoke(functionName: string, payload: Buffer | string, options?: InvokeOptions): Promise<InvokeResult> {
    await this.template();
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

  /**
   * Asynchronous (Event) invoke (§9): validated, journalled under the state directory and queued; resolves with
   * the request id once the event is on disk. The queue then runs it (history origin `async`) with §9's retries.
   */
  async invokeAsync(functionName: string, payload: Buffer | string, options?: AcceptOptions): Promise<{ requestId: string }> {
    await this.template();
    return this.async.accept(functionName, payload, options);
  }

  /** Reopens the async queues earlier engines left under the state directory; their events run again. Returns the functions. */
  async resumeAsync(): Promise<string[]> {
    await this.template();
    return this.async.resume();
  }

  /** One function's async queue: depth, in flight, next attempt, the journal file. */
  async asyncStatus(functionName: string): Promise<QueueStatus> {
    await this.template();
    return this.async.status(functionName);
  }

  /** The async queue of a function (its canonical name, as asyncStatus gives it) as it is now; undefined when not open. */
  asyncStatusNow(functionName: string): QueueStatus | undefined {
    return this.async.statusNow(functionName);
  }

  /** Resolves when the function's async queue is empty (every event delivered or dropped). */
  async asyncDrained(functionName: string): Promise<void> {
    await this.template();
    return this.async.drained((await this.asyncTarget(functionName, undefined)).functionName);
  }

  /** Resolves when no async event runs or is due now (tests advance the engine clock, then wait for this). */
  asyncIdle(functionName?: string): Promise<void> {
    return this.async.idle(functionName);
  }

  /** Put (replace) or, with `patch`, Update a FunctionEventInvokeConfig (§9). */
  async putEventInvokeConfig(functionName: string, qualifier: string | undefined, input: Record<string, unknown>, patch = false): Promise<FunctionEventInvokeConfig> {
    await this.template();
    return putInvokeConfig(this.invokeConfigs, functionName, qualifier, input, patch);
  }

  async getEventInvokeConfig(functionName: string, qualifier?: string): Promise<FunctionEventInvokeConfig> {
    await this.template();
    return getInvokeConfig(this.invokeConfigs, functionName, qualifier);
  }

  async deleteEventInvokeConfig(functionName: string, qualifier?: string): Promise<void> {
    await this.template();
    return deleteInvokeConfig(this.invokeConfigs, functionName, qualifier);
  }

  async listEventInvokeConfigs(functionName: string): Promise<FunctionEventInvokeConfig[]> {
    await this.template();
    return listInvokeConfigs(this.invokeConfigs, functionName);
  }

  /** The local queues and topics (template-declared, or created for a destination's ARN). */
  async localResources(): Promise<EventResources> {
    await this.template();
    return this.events;
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
    const { fn } = this.registry.resolve(functionName);
    const pkg = await buildFunctionPackage(fn, { cache: this.packages, onProgress: options.onProgress, warn: (m) => this.warningEmitter.fire(m), retryFailedSteps: true });
    const zipPath = options.outDir ? await copyInto(pkg.zipPath, options.outDir, `${fn.logicalId}.zip`) : pkg.zipPath;
    return { logicalId: fn.logicalId, zipPath, size: pkg.size, codeSha256: pkg.codeSha256, unzippedSize: pkg.unzippedSize, fromCache: pkg.fromCache };
  }

  /** Build a template layer and publish it as a new immutable local layer version (1, 2, 3…). */
  async publishLayerVersion(layerLogicalId: string, options: { onProgress?: ProgressListener } = {}): Promise<LayerVersionRecord> {
    const model = await this.template();
    const layer = model.layers.find((l) => l.logicalId === layerLogicalId || l.layerName === layerLogicalId);
    const broken = layer ? undefined : model.broken.find((b) => b.kind === 'layer' && b.logicalId === layerLogicalId);
    if (broken) throw broken.error;
    if (!layer) {
      const known = model.layers.map((l) => l.logicalId).join(', ') || '(none)';
      throw new WorkbenchError('FUNCTION_NOT_FOUND', `Layer not found: "${layerLogicalId}". Layers in ${model.templatePath}: ${known}.`);
    }
    const built = await buildLayerPackage(layer, { cache: this.packages, onProgress: options.onProgress, runtime: layer.compatibleRuntimes[0], warn: (m) => this.warningEmitter.fire(m), retryFailedSteps: true });
    return this.layerStore.publish({
      layerName: layer.layerName,
      codeSha256: built.codeSha256,
      codeSize: built.size,
      fromZip: built.zipPath,
      compatibleRuntimes: layer.compatibleRuntimes,
      compatibleArchitectures: layer.compatibleArchitectures,
      description: layer.description,
      sourceLogicalId: layer.logicalId,
    });
  }

  /** Every published local layer version. */
  listLayerVersions(): Promise<LayerVersionRecord[]> {
    return this.layerStore.list();
  }

  /** PublishLayerVersion from ZIP bytes (the Lambda API). */
  publishUploadedLayer(upload: LayerUpload): Promise<LayerVersionRecord> {
    return publishUploadedLayer(this.layerStore, this.state.layers, upload);
  }

  layerVersionsOf(layerName: string): Promise<LayerVersionRecord[]> {
    return this.layerStore.versions(layerName);
  }

  resolveLayerArn(arn: string): Promise<LayerVersionRecord | undefined> {
    return this.layerStore.resolveArn(arn);
  }

  deleteLayerVersion(layerName: string, version: number): Promise<boolean> {
    return this.layerStore.delete(layerName, version);
  }

  /** Publishes `$LATEST` as a new immutable version (or returns the latest when nothing changed, §6). */
  async publishVersion(functionName: string, input?: PublishVersionInput): Promise<FunctionConfiguration> {
    return (await this.loaded()).publishVersion(functionName, input);
  }

  /** `$LATEST` (unless `includeLatest: false`), then every published version, oldest first (ListVersionsByFunction). */
  async listVersions(functionName: string, options: { includeLatest?: boolean } = {}): Promise<FunctionConfiguration[]> {
    return (await this.loaded()).listVersions(functionName, options.includeLatest ?? true);
  }

  /** The configuration of `$LATEST`, a version, or the version an alias points to (GetFunctionConfiguration). */
  async getFunctionConfiguration(functionName: string, qualifier?: string): Promise<FunctionConfiguration> {
    return (await this.loaded()).getFunctionConfiguration(functionName, qualifier);
  }

  /** One published version (or `$LATEST`). */
  async getVersion(functionName: string, version: string): Promise<FunctionConfiguration> {
    return (await this.loaded()).getVersion(functionName, version);
  }

  /** The package ZIP of a published version, or of the version an alias points to (GetFunction's Code.Location). */
  async versionZipPath(functionName: string, qualifier: string): Promise<string> {
    return (await this.loaded()).versionZipPath(functionName, qualifier);
  }

  /** Deletes a published version; its number is never given again. Refused while an alias uses it. */
  async deleteVersion(functionName: string, version: string): Promise<void> {
    return (await this.loaded()).deleteVersion(functionName, version);
  }

  async createAlias(functionName: string, input: CreateAliasInput): Promise<AliasConfiguration> {
    return (await this.loaded()).createAlias(functionName, input);
  }

  async getAlias(functionName: string, name: string): Promise<AliasConfiguration> {
    return (await this.loaded()).getAlias(functionName, name);
  }

  async updateAlias(functionName: string, name: string, input: UpdateAliasInput): Promise<AliasConfiguration> {
    return (await this.loaded()).updateAlias(functionName, name, input);
  }

  async deleteAlias(functionName: string, name: string): Promise<void> {
    return (await this.loaded()).deleteAlias(functionName, name);
  }

  /** Aliases by name; with `functionVersion`, only those that point or route to it. */
  async listAliases(functionName: string, options: { functionVersion?: string } = {}): Promise<AliasConfiguration[]> {
    return (await this.loaded()).listAliases(functionName, options.functionVersion);
  }

  /** Forgets every version and alias of a deleted function (DeleteFunction without a qualifier). */
  async deleteAllVersions(functionName: string): Promise<void> {
    return (await this.loaded()).forgetFunction(functionName);
  }

  /** After DeleteFunction: its environments stop now (not at their idle timeout) and its reserved concurrency goes. */
  async stopDeletedFunction(functionName: string): Promise<void> {
    await Promise.all([this.pools.stopFunction(functionName), this.concurrency.delete(functionName)]);
  }

  /** PutFunctionConcurrency: reserve (and cap) `reserved` concurrent executions for the function (§8). */
  async putFunctionConcurrency(functionName: string, reserved: number): Promise<number> {
    return this.concurrency.put((await this.unqualified(functionName)).functionName, reserved);
  }

  /** GetFunctionConcurrency: the reserved concurrency, undefined when the function has none. */
  async getFunctionConcurrency(functionName: string): Promise<number | undefined> {
    return this.concurrency.get((await this.unqualified(functionName)).functionName);
  }

  async deleteFunctionConcurrency(functionName: string): Promise<void> {
    await this.concurrency.delete((await this.unqualified(functionName)).functionName);
  }

  /** The account's concurrency limit, what is left unreserved, and what runs now. */
  async accountConcurrency(): Promise<AccountConcurrency> {
    await this.template();
    return this.limits.account();
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

  /** The versions and aliases, once the template is loaded. */
  private async loaded(): Promise<Versioning> {
    await this.template();
    return this.versioning;
  }

  /** The function a concurrency call names, which must not carry a qualifier (reserved concurrency is per function). */
  private async unqualified(functionName: string): Promise<FunctionConfig> {
    await this.template();
    const { fn, qualifier } = this.registry.resolve(functionName);
    if (qualifier !== undefined) throw new WorkbenchError('INVALID_PARAMETER', `"${functionName}" has a qualifier; name the function without one (e.g. "${fn.functionName}").`);
    return fn;
  }

  /** The canonical name and qualifier an async event is queued under; FUNCTION_NOT_FOUND when it cannot run. */
  private async asyncTarget(functionName: string, qualifier: string | undefined): Promise<{ functionName: string; qualifier?: string }> {
    await this.checkInvokable(functionName, qualifier);
    const r = this.registry.resolve(functionName, qualifier);
    return { functionName: r.fn.functionName, qualifier: r.qualifier === '$LATEST' ? undefined : r.qualifier };
  }

  private logicalIdOf(name: string): string | undefined {
    try {
      return this.registry.resolve(name).fn.logicalId;
    } catch {
      return undefined;
    }
  }

  private assertLive(): void {
    if (this.disposables.isDisposed) throw new WorkbenchError('SERVICE_DISPOSED', 'The Lambda service has been shut down; create a new one.');
  }
}

export interface PackageInfo {
  logicalId: string;
  zipPath: string;
  size: number;
  codeSha256: string;
  unzippedSize: number;
  fromCache: boolean;
}

async function copyInto(file: string, dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = resolve(dir, name);
  await sweepTemps([dir], Date.now(), (n) => n.startsWith(`${name}.`)); // what a killed earlier copy left
  const tmp = tempPathFor(target);
  await copyFile(file, tmp);
  await rename(tmp, target);
  return target;
}

/** dist/runtimes next to the bundle (dist/cli.js, dist/extension.js), or the repository's dist/ from out/. */
export function defaultRuntimesDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, 'runtimes'), join(dir, 'dist', 'runtimes')]) {
      if (existsSync(join(candidate, 'nodejs', 'bootstrap.js'))) return candidate;
    }
    dir = dirname(dir);
  }
  return resolve(__dirname, 'runtimes');
}
