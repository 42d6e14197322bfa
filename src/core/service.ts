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
import type { InvokeOptions, InvokeResult } from './invoke/invokeTypes';
import { FunctionRegistry } from './registry/functionRegistry';
import { createRuntimeTable, type InterpreterPaths } from './runtimes';
import { PoolManager } from './scheduler/poolManager';
import { FunctionCode } from './scheduler/functionCode';
import { LayerStore, type LayerVersionRecord } from './registry/layerStore';
import { buildFunctionPackage, buildLayerPackage, PackageCache, type ProgressListener } from './packaging';
import { foldersInUse } from './store/envFolders';
import { tidyStateDir } from './store/housekeeping';
import { stateLayout, type StateLayout, type StateLimits } from './store/stateDir';
import { sweepTemps, tempPathFor } from './store/tempFiles';
import { loadTemplate } from './template';

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
  /** Folder holding the built bootstraps (dist/runtimes); found next to the code by default. */
  runtimesDir?: string;
  /** Idle lifetime of an environment before it is shut down (default 10 min). */
  idleTimeoutMs?: number;
  maxEnvironmentsPerFunction?: number;
  /** On-demand init limit (Lambda: 10 s, §2.1); tests shorten it. */
  initTimeoutMs?: number;
  /**
   * How environments are contained: 'auto' (default) uses Linux namespaces where the machine allows (private
   * PID tree and /tmp); 'process-tree' always uses the fallback (tracked process trees, a /tmp folder).
   */
  isolation?: 'auto' | 'process-tree';
  /** Override every function's LoggingConfig.LogFormat (e.g. the CLI's --log-format). */
  logFormat?: 'Text' | 'JSON';
  /** Keep logs only in memory (no files under the state directory). */
  persistLogs?: boolean;
  /** Bounds on what the state directory keeps (package cache, logs); defaults in StateLimits. */
  stateLimits?: Partial<StateLimits>;
  /** The invocation history under the state directory (default on, unless persistLogs is false); false: none. */
  history?: false | Partial<HistoryLimits>;
  /** Who drives this service ('vscode', 'cli', 'api'…): the history's origin when an invoke names none. */
  origin?: string;
}

export class LambdaService {
  private readonly disposables = new DisposableStore();
  private readonly registry = new FunctionRegistry();
  private readonly logs: LogStore;
  private readonly pools: PoolManager;
  private readonly packages: PackageCache;
  private readonly layerStore: LayerStore;
  private readonly invoker: Invoker;
  private readonly warningEmitter = new Emitter<string>();
  private readonly invokedEmitter = new Emitter<InvocationEvent>();
  private readonly history: HistoryStore | undefined;
  private loading: Promise<TemplateModel> | undefined;
  private readonly state: StateLayout;
  private tidying: Promise<void> | undefined;
  readonly region: string;
  readonly accountId: string;

  /** Every log line of every environment, live. */
  readonly onLog: Event<LogEvent>;
  /** Non-fatal problems worth telling the user (version mismatches, env-file keys…). */
  readonly onWarning: Event<string> = this.warningEmitter.event;
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
    const code = new FunctionCode({
      cache: this.packages,
      layerStore: this.layerStore,
      optRoot: state.opt,
      templateLayers: () => this.registry.template?.layers ?? [],
      warn: (m) => this.warningEmitter.fire(m),
    });
    this.pools = new PoolManager({
      code,
      clock: options.clock ?? realClock,
      logs: this.logs,
      state,
      runtimes: createRuntimeTable(options.interpreters),
      runtimesDir: options.runtimesDir ?? defaultRuntimesDir(),
      region: this.region,
      accountId: this.accountId,
      idleTimeoutMs: options.idleTimeoutMs ?? 10 * 60_000,
      maxEnvironmentsPerFunction: options.maxEnvironmentsPerFunction ?? 1000,
      initTimeoutMs: options.initTimeoutMs,
      isolation: options.isolation,
      warn: (m) => this.warningEmitter.fire(m),
    });
    this.invoker = new Invoker({ registry: this.registry, pools: this.pools, region: this.region, accountId: this.accountId });
    if (options.history !== false && options.persistLogs !== false) {
      const history = (this.history = new HistoryStore(state.history, (name) => this.logicalIdOf(name), (m) => this.warningEmitter.fire(m), options.history || {}));
      this.onDidInvoke((e) => history.record(e));
      this.disposables.add(toDisposable(() => history.flush()));
    }
    // Disposed in reverse order: the environments first, so their last lines and warnings still reach listeners.
    this.disposables.add(toDisposable(() => this.warningEmitter.dispose()));
    this.disposables.add(toDisposable(() => this.invokedEmitter.dispose()));
    this.disposables.add(toDisposable(() => this.logs.dispose()));
    this.disposables.add(toDisposable(() => this.tidying));
    this.disposables.add(toDisposable(() => this.pools.dispose()));
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
    }).then((model) => {
      const format = this.options.logFormat;
      if (format) for (const f of model.functions) f.logging = { ...f.logging, logFormat: format };
      this.registry.set(model);
      for (const w of model.warnings) this.warningEmitter.fire(w);
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

  async listFunctions(): Promise<readonly FunctionConfig[]> {
    return (await this.template()).functions;
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
    const pkg = await buildFunctionPackage(fn, { cache: this.packages, onProgress: options.onProgress, warn: (m) => this.warningEmitter.fire(m) });
    const zipPath = options.outDir ? await copyInto(pkg.zipPath, options.outDir, `${fn.logicalId}.zip`) : pkg.zipPath;
    return { logicalId: fn.logicalId, zipPath, size: pkg.size, codeSha256: pkg.codeSha256, unzippedSize: pkg.unzippedSize, fromCache: pkg.fromCache };
  }

  /** Build a template layer and publish it as a new immutable local layer version (1, 2, 3…). */
  async publishLayerVersion(layerLogicalId: string, options: { onProgress?: ProgressListener } = {}): Promise<LayerVersionRecord> {
    const model = await this.template();
    const layer = model.layers.find((l) => l.logicalId === layerLogicalId || l.layerName === layerLogicalId);
    if (!layer) {
      const known = model.layers.map((l) => l.logicalId).join(', ') || '(none)';
      throw new WorkbenchError('FUNCTION_NOT_FOUND', `Layer not found: "${layerLogicalId}". Layers in ${model.templatePath}: ${known}.`);
    }
    const built = await buildLayerPackage(layer, { cache: this.packages, onProgress: options.onProgress, runtime: layer.compatibleRuntimes[0], warn: (m) => this.warningEmitter.fire(m) });
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

  /** The folder a function runs from (its extracted package), building it if needed: for debuggers' source maps. */
  async taskRootOf(functionName: string): Promise<string> {
    await this.template();
    const { fn } = this.registry.resolve(functionName);
    return (await this.pools.codeFor(fn, '$LATEST')).taskRoot;
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
  environments(): { id: string; pid: number | undefined; warm: boolean; tmpDir: string; isolation: 'namespaces' | 'process-tree' }[] {
    return this.pools.environments().map((e) => ({ id: e.id, pid: e.pid, warm: e.isWarm, tmpDir: e.tmpDir, isolation: e.isolationMode }));
  }

  /** Shut everything down; no child process survives. Safe to call twice. */
  dispose(): Promise<void> {
    return this.disposables.dispose();
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
