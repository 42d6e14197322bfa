// core/runtime: what the Runtime API server (runtimeApiServer.ts) takes and tells: an invocation handed to the
// runtime, what the runtime did with it, and the listener its environment gives it; the size limits (§1.4).
import type { DebuggerState } from './environmentDebug';

/** RIE's exact buffered-response limit, 6 MiB + 100 bytes (§1.4). */
export const MAX_BUFFERED_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;
/** Streamed responses may be up to 200 MB (§2.3, since Jul 2025). */
export const MAX_STREAMED_RESPONSE_BYTES = 200 * 1024 * 1024;

export interface Invocation {
  requestId: string;
  payload: Buffer;
  /** Epoch ms: invoke start + function timeout. */
  deadlineMs: number;
  invokedFunctionArn: string;
  traceId?: string;
  /** Already base64-decoded client context JSON. */
  clientContext?: string;
  cognitoIdentity?: string;
  tenantId?: string;
}

/** What the runtime did with an invocation, as the server saw it. */
export type InvocationOutcome =
  | { kind: 'response'; body: Buffer; contentType: string }
  | { kind: 'error'; body: Buffer; errorType: string | undefined }
  | { kind: 'responseTooLarge'; size: number }
  | { kind: 'invalidResponseMode'; value: string }
  | { kind: 'streamed'; contentType: string; bytes: number; errorType?: string; errorBody?: Buffer };

/** Receives streamed response chunks as they arrive (§1.4 streaming). */
export interface StreamSink {
  start(contentType: string): void;
  chunk(data: Buffer): void;
}

export interface RuntimeApiListener {
  /** The runtime asked for the next event; the first call ends Init. `logSync`: see logSyncOf. */
  onNext(logSync: number | undefined): void;
  /** An event was handed to the runtime (the invocation's START). */
  onDelivered(requestId: string): void;
  onInitError(body: Buffer, errorType: string | undefined): void;
  /** `logSync`: which of stdout/stderr carry the runtime's log-sync mark for this answer (logSyncOf). */
  onOutcome(requestId: string, outcome: InvocationOutcome, logSync: number | undefined): void;
  /** Our runtimes in debug mode: `attached` when the debugger came (Node), `reporting` then `paused` edges (Python). */
  onDebuggerState?(state: DebuggerState): void;
}
