// cli: `lambda-workbench invoke <fn> --concurrency N --repeat M` — fires M invocations, N in flight at a time,
// on one engine, and prints a summary: ok / throttled (by reason) / function errors / other errors, and the
// p50/p99 of the end-to-end latency. The quickest way to rehearse throttling (§8) before Lambda teaches it.
import { WorkbenchError } from '../core/common/errors';
import type { InvokeOptions } from '../core/invoke/invokeTypes';
import { isThrottleError } from '../core/scheduler/concurrencyLimits';
import type { LambdaService } from '../core/service';
import type { CliContext } from './session';

export interface LoadSummary {
  invocations: number;
  concurrency: number;
  ok: number;
  throttled: number;
  throttledByReason: Record<string, number>;
  functionErrors: number;
  errors: number;
  firstError?: string;
  p50Ms: number;
  p99Ms: number;
  wallMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function parseConcurrency(value: string, repeat: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new WorkbenchError('INVALID_PARAMETER', `--concurrency must be a whole number of at least 1, got "${value}".`);
  return Math.min(n, repeat);
}

export async function runLoad(service: LambdaService, fn: string, payload: Buffer, repeat: number, concurrency: number, options: InvokeOptions, ctx: CliContext): Promise<LoadSummary> {
  const s: LoadSummary = { invocations: 0, concurrency, ok: 0, throttled: 0, throttledByReason: {}, functionErrors: 0, errors: 0, p50Ms: 0, p99Ms: 0, wallMs: 0 };
  const latencies: number[] = [];
  await service.listFunctions(); // template errors surface once, before the load
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < repeat && !ctx.interruption.isStopped) {
      next++;
      const t0 = performance.now();
      try {
        const r = await service.invoke(fn, payload, options);
        latencies.push(performance.now() - t0);
        if (r.functionError) s.functionErrors++;
        else s.ok++;
      } catch (e) {
        if (isThrottleError(e)) {
          s.throttled++;
          s.throttledByReason[e.reason] = (s.throttledByReason[e.reason] ?? 0) + 1;
        } else {
          if (ctx.interruption.isStopped) return;
          s.errors++;
          s.firstError ??= (e as Error).message;
        }
      }
      s.invocations++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  s.wallMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  s.p50Ms = percentile(latencies, 50);
  s.p99Ms = percentile(latencies, 99);
  return s;
}

export function formatSummary(s: LoadSummary): string {
  const reasons = Object.entries(s.throttledByReason).map(([r, n]) => `${r}: ${n}`).join(', ');
  const lines = [
    `${s.invocations} invocations, ${s.concurrency} at a time, in ${(s.wallMs / 1000).toFixed(2)} s`,
    `ok: ${s.ok}  throttled: ${s.throttled}${reasons ? ` (${reasons})` : ''}  function errors: ${s.functionErrors}  errors: ${s.errors}`,
    `latency of the invocations that ran: p50 ${s.p50Ms.toFixed(1)} ms, p99 ${s.p99Ms.toFixed(1)} ms`,
  ];
  if (s.firstError) lines.push(`first error: ${s.firstError}`);
  return lines.join('\n') + '\n';
}
