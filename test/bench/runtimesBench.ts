// Benchmark cases for the Python and custom runtimes: cold start and warm invoke of trivial handlers,
// side by side with their floors (a bare `python3 -c pass`; the minimal Python Runtime API loop, interleaved
// with the warm invokes; a `curl` process start and the same sh + curl bootstrap against a minimal Runtime API
// server, interleaved, for the custom runtime).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { shellFor } from '../../src/core/runtimes/provided/shellScripts';
import { firstColdStartInChild } from './benchService';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { describeRoundRatios, interleavedBlocks } from './interleave';
import { timeProcessRun } from './processes';
import { startPythonRuntimeApiLoop, startShellRuntimeApiLoop } from './runtimeApiLoop';
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
      description: 'Python: bare interpreter start, cold start and warm invoke of a trivial handler (interleaved in blocks with a minimal Python Runtime API loop)',
      async run(ctx): Promise<Metrics> {
        const py = python311();
        const bare: number[] = [];
        for (let i = -2; i < ctx.n(15, 5); i++) {
          const t = await timeProcessRun(py, ['-c', 'pass'], ctx.tmpRoot);
          if (i >= 0) bare.push(t);
        }
        const walls: number[] = [];
        const inits: number[] = [];
        const firstWalls: number[] = [];
        // Every run counts, the first one too; the first of a fresh process (interpreter facts not cached
        // yet) is measured apart, in child processes between the in-process runs (as cases.ts coldStart).
        for (let i = 0; i < ctx.n(10, 3); i++) {
          await withService(ctx, { interpreters: { 'python3.11': py } }, async (svc) => {
            const t0 = nowMs();
            const r = await invokeOk(svc, 'PythonTrivialFunction');
            walls.push(nowMs() - t0);
            inits.push(r.initDurationMs ?? Number.NaN);
          });
          if (i < ctx.n(5, 2)) firstWalls.push((await firstColdStartInChild(ctx, 'PythonTrivialFunction', 'auto', { 'python3.11': py })).wallMs);
        }
        // The floor runs on the same interpreter as the engine's Python runtime.
        const loop = await startPythonRuntimeApiLoop(ctx.repoRoot, py);
        const event = Buffer.from('{}');
        let interleaved;
        try {
          interleaved = await withService(ctx, { interpreters: { 'python3.11': py } }, async (svc) => {
            await invokeOk(svc, 'PythonTrivialFunction');
            assert.deepEqual(JSON.parse((await loop.invoke(event)).toString('utf8')), { ok: true });
            return interleavedBlocks(
              [
                { name: 'engine', call: () => invokeOk(svc, 'PythonTrivialFunction') },
                { name: 'floor', call: () => loop.invoke(event) },
              ],
              { rounds: ctx.n(20, 4), perBlock: ctx.n(100, 50), warmupRounds: ctx.n(3, 1) },
            );
          });
        } finally {
          await loop.close();
        }
        const warm = interleaved.samples.engine;
        const floor = interleaved.samples.floor;
        ctx.log(`bench:   per-round Python engine / Python Runtime API loop: ${describeRoundRatios(interleaved.blockMedians.engine, interleaved.blockMedians.floor)}`);
        return {
          bare_python_start_ms: { value: median(bare), unit: 'ms' },
          python_cold_start_ms: { value: median(walls), unit: 'ms' },
          python_cold_init_duration_ms: { value: median(inits), unit: 'ms' },
          python_cold_start_first_ms: { value: median(firstWalls), unit: 'ms' },
          python_warm_invoke_p50_ms: { value: median(warm), unit: 'ms' },
          python_warm_invoke_p99_ms: { value: percentile(warm, 99), unit: 'ms' },
          runtime_api_loop_python_p50_ms: { value: median(floor), unit: 'ms' },
          runtime_api_loop_python_p99_ms: { value: percentile(floor, 99), unit: 'ms' },
          python_warm_floor_ratio: { value: median(warm) / median(floor), unit: 'ratio' },
        };
      },
    },
    {
      name: 'shell_custom_runtime',
      description:
        'provided.al2023 with a sh + curl bootstrap: warm invoke interleaved in blocks with the same bootstrap under the same shell against a minimal Runtime API server, next to the cost of one curl process',
      async run(ctx): Promise<Metrics> {
        const curl: number[] = [];
        for (let i = -2; i < ctx.n(15, 5); i++) {
          const t = await timeProcessRun('curl', ['--version'], ctx.tmpRoot);
          if (i >= 0) curl.push(t);
        }
        const taskRoot = path.join(ctx.repoRoot, 'test', 'fixtures', 'provided', 'shell', 'echo');
        const loop = await startShellRuntimeApiLoop(taskRoot, 'function.handler', ctx.tmpRoot, await shellFor(path.join(taskRoot, 'bootstrap')));
        const event = Buffer.from('{}');
        let interleaved;
        try {
          interleaved = await withService(ctx, {}, async (svc) => {
            await timeSequential(ctx.n(20, 5), () => invokeOk(svc, 'ShellTrivialFunction'));
            assert.deepEqual(JSON.parse((await loop.invoke(event)).toString('utf8')), JSON.parse((await invokeOk(svc, 'ShellTrivialFunction')).payload.toString('utf8')));
            return interleavedBlocks(
              [
                { name: 'engine', call: () => invokeOk(svc, 'ShellTrivialFunction') },
                { name: 'floor', call: () => loop.invoke(event) },
              ],
              { rounds: ctx.n(8, 2), perBlock: ctx.n(25, 15), warmupRounds: 1 },
            );
          });
        } finally {
          await loop.close();
        }
        const warm = interleaved.samples.engine;
        const floor = interleaved.samples.floor;
        ctx.log(`bench:   per-round shell engine / shell Runtime API loop: ${describeRoundRatios(interleaved.blockMedians.engine, interleaved.blockMedians.floor)}`);
        return {
          curl_process_ms: { value: median(curl), unit: 'ms' },
          shell_warm_invoke_p50_ms: { value: median(warm), unit: 'ms' },
          shell_warm_invoke_p99_ms: { value: percentile(warm, 99), unit: 'ms' },
          runtime_api_loop_shell_p50_ms: { value: median(floor), unit: 'ms' },
          shell_warm_floor_ratio: { value: median(warm) / median(floor), unit: 'ratio' },
        };
      },
    },
  ];
}
