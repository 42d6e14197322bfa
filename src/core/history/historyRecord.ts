// core/history: what one invocation leaves in the history (event, result or error, durations, memory,
// cold/warm, version, environment, its log tail), and how an invocation becomes a record, bounded in size.
import { randomUUID } from 'node:crypto';
import type { InvokeResult } from '../invoke/invokeTypes';

/** The service's event after each invoke, whoever called it: what the history is fed from. */
export interface InvocationEvent {
  /** The name the caller used (logical id, function name or ARN, maybe with a qualifier). */
  functionName: string;
  payload: Buffer | string;
  /** Who invoked: 'vscode', 'cli', 'api', 'async', a poller… (InvokeOptions.origin, else the service's). */
  origin: string;
  /** Epoch ms when the invoke began. */
  startedAt: number;
  debug: boolean;
  result?: InvokeResult;
  /** The invoke failed before the function answered (not found, throttled, cancelled, start failed…). */
  error?: unknown;
}

export interface HistoryRecord {
  /** The request id (or, when no request was made, a fresh id). */
  id: string;
  /** The function's logical id when it could be resolved, else the name invoked. */
  functionName: string;
  startedAt: string;
  origin: string;
  /** success | error | timeout | … as REPORT says; 'failed' when the invoke itself failed, 'cancelled' when its caller cancelled it. */
  status: string;
  debug?: boolean;
  durationMs?: number;
  /** Wall time of the whole invoke as the caller saw it (includes a cold start). */
  elapsedMs: number;
  billedDurationMs?: number;
  initDurationMs?: number;
  memorySizeMB?: number;
  maxMemoryUsedMB?: number;
  coldStart?: boolean;
  version?: string;
  environmentId?: string;
  functionError?: string;
  errorType?: string;
  /** The invoke's own failure: a coded error's code and message. */
  errorCode?: string;
  errorMessage?: string;
  event: string;
  eventTruncated?: boolean;
  result?: string;
  resultTruncated?: boolean;
  /** The invocation's log (its last 4 KB, as LogType Tail returns it). */
  logs?: string;
}

/** Largest event or result kept in full (the rest is cut, and the record says so). */
export const MAX_BODY_CHARS = 256 * 1024;

function bounded(text: string): { text: string; truncated?: true } {
  return text.length > MAX_BODY_CHARS ? { text: text.slice(0, MAX_BODY_CHARS), truncated: true } : { text };
}

/** Turns an invocation into a record (off the invoke path: the store calls this when it writes). */
export function toRecord(e: InvocationEvent, logicalId: string | undefined, finishedAt: number): HistoryRecord {
  const event = bounded(typeof e.payload === 'string' ? e.payload : e.payload.toString('utf8'));
  const base = {
    functionName: logicalId ?? e.functionName,
    startedAt: new Date(e.startedAt).toISOString(),
    origin: e.origin,
    ...(e.debug ? { debug: true } : {}),
    elapsedMs: Math.max(0, finishedAt - e.startedAt),
    event: event.text,
    ...(event.truncated ? { eventTruncated: true } : {}),
  };
  const r = e.result;
  if (!r) {
    const err = e.error as { code?: unknown; message?: unknown } | undefined;
    return {
      id: randomUUID(),
      ...base,
      // A caller's cancel is not a failure of the invoke path: it is listed as what it was.
      status: err?.code === 'INVOKE_CANCELLED' ? 'cancelled' : 'failed',
      ...(typeof err?.code === 'string' ? { errorCode: err.code } : {}),
      errorMessage: typeof err?.message === 'string' ? err.message : String(e.error),
    };
  }
  const result = bounded(r.payload.toString('utf8'));
  return {
    id: r.requestId,
    ...base,
    status: r.status,
    durationMs: r.durationMs,
    billedDurationMs: r.billedDurationMs,
    ...(r.initDurationMs !== undefined ? { initDurationMs: r.initDurationMs } : {}),
    memorySizeMB: r.memorySizeMB,
    maxMemoryUsedMB: r.maxMemoryUsedMB,
    coldStart: r.coldStart,
    version: r.executedVersion,
    environmentId: r.environmentId,
    ...(r.functionError ? { functionError: r.functionError } : {}),
    ...(r.errorType ? { errorType: r.errorType } : {}),
    result: result.text,
    ...(result.truncated ? { resultTruncated: true } : {}),
    logs: r.logTail,
  };
}
