// core/logs: the platform lines Lambda writes around every invocation (INIT_START, START, END, REPORT,
// INIT_REPORT), in the text and JSON log formats, and the billing arithmetic behind REPORT.
import { createHash } from 'node:crypto';

/** Duration with exactly two decimals, as REPORT prints it (lambda-semantics.md §4.2). */
export function formatMs(ms: number): string {
  return (Math.round(ms * 100) / 100).toFixed(2);
}

/**
 * Billed duration, in whole ms (lambda-semantics.md §2.2): the duration rounded up to the next 1 ms; on a
 * cold start of an on-demand function the init phase is billed too (since Aug 2025), so
 * Billed = ceil(Duration + Init Duration). Provisioned-concurrency init is billed separately.
 */
export function billedDurationMs(durationMs: number, initDurationMs?: number): number {
  const total = durationMs + (initDurationMs ?? 0);
  // Round to 1/100 ms first so 12.000000001 bills as 12, not 13.
  return Math.max(1, Math.ceil(Math.round(total * 100) / 100));
}

export type InvokeStatus = 'success' | 'error' | 'timeout';

export interface ReportFields {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMB: number;
  maxMemoryUsedMB: number;
  initDurationMs?: number;
  status: InvokeStatus;
  errorType?: string;
}

/** A stable, plausible runtime version ARN for a runtime id, e.g. nodejs:20.v48. */
export function runtimeVersion(runtime: string, region: string): { version: string; arn: string } {
  let version: string;
  if (runtime.startsWith('provided')) {
    // OS-only runtimes name their OS: provided:al2023.v1, provided:al2.v1, provided:al1.v1.
    version = `provided:${runtime.split('.')[1] ?? 'al1'}.v1`;
  } else {
    const m = /^([a-z]+)(\d+(?:\.\d+)?)/.exec(runtime.replace('.x', ''));
    version = m ? `${m[1]}:${m[2]}.v1` : `${runtime}.v1`;
  }
  const digest = createHash('sha256').update(runtime).digest('hex');
  return { version, arn: `arn:aws:lambda:${region}::runtime:${digest}` };
}

export const textLines = {
  initStart(runtime: string, region: string): string {
    const v = runtimeVersion(runtime, region);
    return `INIT_START Runtime Version: ${v.version}\tRuntime Version ARN: ${v.arn}`;
  },
  start(requestId: string, version: string): string {
    return `START RequestId: ${requestId} Version: ${version}`;
  },
  end(requestId: string): string {
    return `END RequestId: ${requestId}`;
  },
  report(r: ReportFields): string {
    let line =
      `REPORT RequestId: ${r.requestId}\tDuration: ${formatMs(r.durationMs)} ms\t` +
      `Billed Duration: ${r.billedDurationMs} ms\tMemory Size: ${r.memorySizeMB} MB\t` +
      `Max Memory Used: ${r.maxMemoryUsedMB} MB\t`;
    if (r.initDurationMs !== undefined) line += `Init Duration: ${formatMs(r.initDurationMs)} ms\t`;
    if (r.status === 'timeout') line += 'Status: timeout';
    else if (r.status === 'error' && r.errorType) line += `Status: error\tError Type: ${r.errorType}`;
    return line;
  },
  initReport(initDurationMs: number, phase: 'init' | 'invoke', status: 'error' | 'timeout', errorType?: string): string {
    let line = `INIT_REPORT Init Duration: ${formatMs(initDurationMs)} ms\tPhase: ${phase}\tStatus: ${status}`;
    if (errorType) line += `\tError Type: ${errorType}`;
    return line;
  },
  /** The platform's line when the runtime dies mid-invoke (lambda-semantics.md §2.4). */
  runtimeExited(requestId: string, reason: string): string {
    return `RequestId: ${requestId} Error: ${reason}`;
  },
};

/** The same events as JSON system records (lambda-semantics.md §4.4), for LogFormat JSON. */
export const jsonLines = {
  initStart(runtime: string, region: string, functionName: string, version: string, time: string): string {
    const v = runtimeVersion(runtime, region);
    return JSON.stringify({
      time,
      type: 'platform.initStart',
      record: { initializationType: 'on-demand', phase: 'init', runtimeVersion: v.version, runtimeVersionArn: v.arn, functionName, functionVersion: version },
    });
  },
  start(requestId: string, functionArn: string, version: string, time: string): string {
    return JSON.stringify({ time, type: 'platform.start', record: { requestId, functionArn, version } });
  },
  runtimeDone(requestId: string, status: InvokeStatus, durationMs: number, producedBytes: number, time: string, errorType?: string): string {
    const record: Record<string, unknown> = { requestId, status };
    if (errorType) record.errorType = errorType;
    record.metrics = { durationMs: round3(durationMs), producedBytes };
    return JSON.stringify({ time, type: 'platform.runtimeDone', record });
  },
  report(r: ReportFields, time: string): string {
    const metrics: Record<string, number> = {
      durationMs: round3(r.durationMs),
      billedDurationMs: r.billedDurationMs,
      memorySizeMB: r.memorySizeMB,
      maxMemoryUsedMB: r.maxMemoryUsedMB,
    };
    if (r.initDurationMs !== undefined) metrics.initDurationMs = round3(r.initDurationMs);
    const record: Record<string, unknown> = { requestId: r.requestId, status: r.status };
    if (r.errorType) record.errorType = r.errorType;
    record.metrics = metrics;
    return JSON.stringify({ time, type: 'platform.report', record });
  },
  initReport(initDurationMs: number, phase: 'init' | 'invoke', status: 'success' | 'error' | 'timeout', time: string, errorType?: string): string {
    const record: Record<string, unknown> = { initializationType: 'on-demand', phase, status };
    if (errorType) record.errorType = errorType;
    record.metrics = { durationMs: round3(initDurationMs) };
    return JSON.stringify({ time, type: 'platform.initReport', record });
  },
};

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
