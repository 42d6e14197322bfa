// core/runtime: the shapes an execution environment takes and gives: its options, one invocation's input,
// and what came of it (payload, status, REPORT figures, log tail).
import type { Clock } from '../common/clock';
import type { FunctionConfig } from '../model/functionConfig';
import type { LogStore } from '../logs/logStore';
import type { RuntimeHost } from '../runtimes/runtimeHost';
import type { StreamSink } from './runtimeApiServer';
import type { AwsCredentials } from './environmentVariables';
import type { LaunchRecord, PrelaunchOffer } from './prelaunch';

export interface EnvironmentOptions {
  id: string;
  fn: FunctionConfig;
  version: string;
  region: string;
  accountId: string;
  taskRoot: string;
  optDir: string;
  /** This environment's own folder (its /tmp lives inside). */
  envDir: string;
  runtimesDir: string;
  host: RuntimeHost;
  clock: Clock;
  logs: LogStore;
  warn(message: string): void;
  /** On-demand init limit, 10 s in Lambda (§2.1). */
  initTimeoutMs?: number;
  /** How often resident memory is sampled while init or an invocation runs. */
  memoryPollMs?: number;
  debug?: { port: number; waitForAttach: boolean };
  /** AWS_LAMBDA_INITIALIZATION_TYPE (§2.5), constant for the environment's life; default on-demand. */
  initializationType?: 'on-demand' | 'provisioned-concurrency';
  /** 'process-tree' skips the namespaces even where the machine has them (tests of the fallback). */
  isolation?: 'auto' | 'process-tree';
  /** Freeze the process group between invocations (default true; never in debug mode). */
  freeze?: boolean;
  /** The AWS credentials the function gets (environmentVariables.ts: undefined → the host's, null → placeholders). */
  credentials?: AwsCredentials | null;
  /** A CLI's head start for this environment (prelaunch.ts): its listeners, ids and waiting process. */
  prelaunched?: PrelaunchOffer;
  /** Told the launch of each successful first init, for the next run's head start (prelaunch.ts). */
  onLaunched?: (record: LaunchRecord) => void;
}

export interface InvokeInput {
  requestId: string;
  payload: Buffer;
  invokedFunctionArn: string;
  clientContext?: string;
  cognitoIdentity?: string;
  traceId?: string;
  tenantId?: string;
  stream?: StreamSink;
}

export type EnvironmentStatus = 'success' | 'error' | 'timeout';

export interface InvokeOutput {
  requestId: string;
  status: EnvironmentStatus;
  /** Response bytes, or the error JSON the caller sees. */
  payload: Buffer;
  /** Set when the function or runtime failed: the caller gets X-Amz-Function-Error: Unhandled. */
  functionError?: 'Unhandled';
  /** For REPORT: platform error types (Runtime.ExitError, Runtime.OutOfMemory…); absent for handler errors. */
  errorType?: string;
  /** The errorType of the payload, when it is an error. */
  payloadErrorType?: string;
  contentType: string;
  streamed: boolean;
  durationMs: number;
  billedDurationMs: number;
  initDurationMs?: number;
  memorySizeMB: number;
  maxMemoryUsedMB: number;
  coldStart: boolean;
  /** Set when the invocation failed because the environment could not initialise. */
  initFailed?: boolean;
  /** The invocation's log (START…REPORT), last 4 KB, as LogType Tail returns it (§4.5). */
  logTail: string;
  logStreamName: string;
}
