// core: the options of LambdaService (service.ts), one place for every front door's settings.
import type { Clock } from './common/clock';
import type { LambdaApiOptions } from './api/lambdaApiServer';
import type { HistoryLimits } from './history/historyStore';
import type { InterpreterPaths, RuntimeInstallOptions } from './runtimes';
import type { RuntimeSdkOptions } from './runtimes/runtimeSdk';
import type { ScalingRateOptions } from './scheduler/scalingRate';
import type { StateLimits } from './store/stateDir';
import type { AwsCredentials } from './runtime/environmentVariables';
import type { LaunchRecord, PrelaunchOffer } from './runtime/prelaunch';
import type { ParseCache } from './template/parse';

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
  /** Parsed templates kept between engine processes (the CLI passes template/parseCache.ts's disk cache). */
  templateParseCache?: ParseCache;
  /** Where the Lambda API's `Event` invokes go (the asynchronous-invocation issue provides it). */
  asyncInvoke?: LambdaApiOptions['asyncInvoke'];
  /** The AWS SDK the runtimes include (Node.js: v3 clients installed once into the user's cache on first need). */
  runtimeSdk?: RuntimeSdkOptions;
  /** The invocation history under the state directory (default on, unless persistLogs is false); false: none. */
  history?: false | Partial<HistoryLimits>;
  /** Who drives this service ('vscode', 'cli', 'api'…): the history's origin when an invoke names none. */
  origin?: string;
  /** Runs the engine's own timers (async retries, event age, queue visibility, environments' idle lifetimes) N times faster; function timeouts stay real. */
  timeScale?: number;
  /** The clock of those engine timers (tests pass a VirtualClock); default `clock` scaled by timeScale. */
  engineClock?: Clock;
  /** How many events of one function the async queue runs at once (default 4). */
  asyncParallelism?: number;
  /**
   * The AWS credentials functions get, asked (once per cold start; cache inside) when an environment starts:
   * null gives the placeholders. Unset: the host's AWS_ACCESS_KEY_ID/… variables, else the placeholders.
   */
  credentials?: () => Promise<AwsCredentials | null>;
  /** The shell's variables (the CLI's process.env): they replace template-declared variables of the same name, as SAM CLI does. */
  shellEnv?: Readonly<Record<string, string | undefined>>;
  /** A one-shot CLI's head start (runtime/prelaunch.ts): the first environment of its function may adopt it. */
  prelaunch?: PrelaunchOffer;
  /** Told each environment's first launch (runtime/prelaunch.ts), for the next run's head start. */
  onLaunched?: (record: LaunchRecord) => void;
}
