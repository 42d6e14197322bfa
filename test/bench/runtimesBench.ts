// Benchmark cases for the Python and custom runtimes: cold start and warm invoke of trivial handlers,
// side by side with their floors (a bare `python3 -c pass`; a `curl` process start for the shell client).
import { execFileSync } from 'node:child_process';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { timeProcessRun } from './processes';
import { median, nowMs, percentile, timeSequential } from './stats';

type WithService = BenchContext extends never ? never : typeof import('./cases').withService;

function python311(): string {
  return execFileSync('python3.11', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
}

async function invokeOk(svc: Parameters<Parameters<WithService>[2]>[0], id: string) {
  const r = await svc.invoke(id, '{}');
  if (r.status !== 'success') throw new Error(`${id} failed: ${r.payload.toString('utf8')}`);
  return r;
}

export function runtimeCases(withService: WithService): BenchCase[] {
  return [
    {
      name: 'python',
      description: 'Python: bare interpreter start, cold start and warm invoke of a trivial handler',
      async run(ctx): Promise<Metrics> {
        const py = python311();
        const bare: number[] = [];
        for (let i = -2; i < ctx.n(15, 5); i++) {
          const t = await timeProcessRun(py, ['-c', 'pass'], ctx.tmpRoot);
          if (i >= 0) bare.push(t);
        }
        const walls: number[] = [];
        const inits: number[] = [];
        for (let i = -1; i < ctx.n(10, 3); i++) {
          await withService(ctx, { interpreters: { 'python3.11': py } }, async (svc) => {
            const t0 = nowMs();
            const r = await invokeOk(svc, 'PythonTrivialFunction');
            if (i < 0) return;
            walls.push(nowMs() - t0);
            inits.push(r.initDurationMs ?? Number.NaN);
          });
        }
        const warm = await withService(ctx, { interpreters: { 'python3.11': py } }, async (svc) => {
          await timeSequential(ctx.n(300, 50), () => invokeOk(svc, 'PythonTrivialFunction'));
          return timeSequential(ctx.n(2000, 200), () => invokeOk(svc, 'PythonTrivialFunction'));
        });
        return {
          bare_python_start_ms: { value: median(bare), unit: 'ms' },
          python_cold_start_ms: { value: median(walls), unit: 'ms' },
          python_cold_init_duration_ms: { value: median(inits), unit: 'ms' },
          python_warm_invoke_p50_ms: { value: median(warm), unit: 'ms' },
          python_warm_invoke_p99_ms: { value: percentile(warm, 99), unit: 'ms' },
        };
      },
    },
    {
      name: 'shell_custom_runtime',
      description: 'provided.al2023 with a sh + curl bootstrap: warm invoke, next to the cost of one curl process',
      async run(ctx): Promise<Metrics> {
        const curl: number[] = [];
        for (let i = -2; i < ctx.n(15, 5); i++) {
          const t = await timeProcessRun('curl', ['--version'], ctx.tmpRoot);
          if (i >= 0) curl.push(t);
        }
        const warm = await withService(ctx, {}, async (svc) => {
          await timeSequential(ctx.n(20, 5), () => invokeOk(svc, 'ShellTrivialFunction'));
          return timeSequential(ctx.n(200, 30), () => invokeOk(svc, 'ShellTrivialFunction'));
        });
        return {
          curl_process_ms: { value: median(curl), unit: 'ms' },
          shell_warm_invoke_p50_ms: { value: median(warm), unit: 'ms' },
          shell_warm_invoke_p99_ms: { value: percentile(warm, 99), unit: 'ms' },
        };
      },
    },
  ];
}
