// core/invoke: the public shapes of the invoke path, shared by every front door.
import type { WorkbenchError } from '../common/errors';
import type { InvokeOutput } from '../runtime/environmentTypes';
import type { StreamSink } from '../runtime/runtimeApiServer';

export interface InvokeOptions {
  /** `$LATEST` (default); versions and aliases arrive with their issue. */
  qualifier?: string;
  /** `Tail` returns the last 4 KB of the invocation's log in `logResult` (§4.5). */
  logType?: 'None' | 'Tail';
  /** Base64 JSON, as the Invoke API's X-Amz-Client-Context header carries it. */
  clientContext?: string;
  traceId?: string;
  tenantId?: string;
  /**
   * Debug mode: the environment starts with the Node inspector (or debugpy) listening on 127.0.0.1:port and,
   * with waitForAttach, waits for a debugger before loading user code. Debug environments are kept apart from
   * the normal pool (one per port) and stay warm for the next debug invoke.
   */
  debug?: { port: number; waitForAttach?: boolean };
  /** Told when the engine chose to run this invoke under a debugger (`start -d`): e.g. a gateway suspends its timeout. */
  onDebug?: () => void;
  /**
   * Environment variable overrides (e.g. a launch.json `env`). Variables belong to an environment, not to
   * one event, so invocations with overrides run in environments created with them (a pool per set).
   */
  environment?: Record<string, string>;
  /** Receives a streamed response's chunks as they arrive. */
  stream?: StreamSink;
  /** Told the version that will run (an alias's routing applied) before it runs: a stream's headers name it (§5.2). */
  onExecutedVersion?: (version: string) => void;
  /** The request id to run under (the async queue keeps one id across an event's attempts, §9); default a new one. */
  requestId?: string;
  /**
   * Cancels this invocation when aborted: its environment is stopped and discarded (the next invoke is cold)
   * and the invoke rejects with INVOKE_CANCELLED (src/core/invoke/cancellation.ts).
   */
  signal?: AbortSignal;
  /** Who invokes ('vscode', 'cli', 'api', 'async'…), for the invocation history; default the service's origin. */
  origin?: string;
}

/** What an invocation gives the caller: the environment's output in the Invoke API's terms. */
export interface InvokeResult extends Omit<InvokeOutput, 'errorType' | 'payloadErrorType' | 'initFailed'> {
  /** HTTP status the Invoke API would return: 200 for RequestResponse, also when the function failed. */
  statusCode: 200;
  /** errorType of the error payload, when there is one. */
  errorType?: string;
  /** Platform error type for REPORT (Runtime.ExitError, Runtime.OutOfMemory, Sandbox.Timedout…). */
  platformErrorType?: string;
  /** Base64 of the last 4 KB of the log, when logType is Tail (X-Amz-Log-Result). */
  logResult?: string;
  executedVersion: string;
  environmentId: string;
  /** When init failed because the handler cannot be found: a coded explanation naming what to fix. */
  diagnostic?: WorkbenchError;
}
