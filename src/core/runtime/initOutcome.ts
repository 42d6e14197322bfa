// core/runtime: what an execution environment's Init phase came to, as the platform reports it
// (lambda-semantics.md §1.7, §3.1): the runtime's own init error, a timeout, an out-of-memory kill or an exit
// during init, each with Lambda's error type and message. Init has no request yet: its platform errors carry a
// placeholder id, filled in by the invocation that reports them.
import type { ProcessExit } from './runtimeProcess';
import { exitError, exitReason, parseErrorType, timeoutError, toJsonBuffer } from './platformErrors';

/** Placeholder for the request id in platform errors produced during init, before there is a request. */
const RID = '@@request-id@@';

export type InitResult = { ok: true; durationMs: number } | { ok: false; durationMs: number; status: 'error' | 'timeout'; errorType: string; payload: Buffer };
export type InitFailure = Extract<InitResult, { ok: false }>;

/** A platform init error: `RequestId: <id> Error: <reason>` with its type. */
export function initError(durationMs: number, errorType: string, reason: string): InitFailure {
  return { ok: false, durationMs, status: 'error', errorType, payload: toJsonBuffer({ errorType, errorMessage: `RequestId: ${RID} Error: ${reason}` }) };
}

/** How an Init that did not reach /next ended: timeout, OOM, the runtime's init error, or its exit. */
export function initFailureOf(r: 'timeout' | 'oom' | { body: Buffer; errorType?: string } | ProcessExit, durationMs: number, limitMs: number, command: string): InitFailure {
  if (r === 'timeout') {
    return { ok: false, durationMs, status: 'timeout', errorType: 'Sandbox.Timedout', payload: toJsonBuffer(timeoutError(RID, limitMs / 1000)) };
  }
  if (r === 'oom') {
    return { ok: false, durationMs, status: 'error', errorType: 'Runtime.OutOfMemory', payload: toJsonBuffer(exitError(RID, 'Runtime exited with error: signal: killed')) };
  }
  if ('body' in r) {
    const errorType = r.errorType ?? parseErrorType(r.body) ?? 'Runtime.Unknown';
    return { ok: false, durationMs, status: 'error', errorType, payload: r.body };
  }
  // The process exited during init without reporting an init error.
  const type = r.spawnError ? 'Runtime.InvalidEntrypoint' : 'Runtime.ExitError';
  const reason = r.spawnError ? `Couldn't start the runtime: ${r.spawnError.code ?? r.spawnError.message} (${command})` : exitReason(r.code, r.signal);
  return initError(durationMs, type, reason);
}

/** Platform errors name the request they failed: the id filled in, now that there is one. */
export function withRequestId(payload: Buffer, requestId: string): Buffer {
  const text = payload.toString('utf8');
  return text.includes(RID) ? Buffer.from(text.replace(RID, requestId)) : payload;
}

/** The errorMessage of an init error body (Runtime API JSON), or its text. */
export function initErrorMessage(body: Buffer): string {
  const text = body.toString('utf8').replace(RID, 'init');
  try {
    const m = (JSON.parse(text) as { errorMessage?: unknown }).errorMessage;
    if (typeof m === 'string') return m;
  } catch {
    // not JSON: the text itself
  }
  return text;
}
