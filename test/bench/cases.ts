// The benchmark cases, in ONE table. A case measures something and returns named metrics; the TARGETS table
// below says, per metric, which floor it is compared with and which target it must meet. To add a benchmark,
// append a case here (and, if it has a target, a row in TARGETS); run.ts needs no change.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import { mkdtempSync } from 'node:fs';
import * as path from 'node:path';
import { LambdaService, type LambdaServiceOptions } from '../../src/core/service';
import { startChildServer, timeProcessRun } from './processes';
import { debugCases } from './debugBench';
import { editInvokeCases } from './editInvokeBench';
import { packagingCases } from './packagingBench';
import { runtimeCases } from './runtimesBench';
import { median, nowMs, percentile, timeSequential } from './stats';

export interface Metric {
  value: number;
  unit: string;
}

export type Metrics = Record<string, Metric>;

export interface BenchContext {
  quick: boolean;
  repoRoot: string;
  /** test/fixtures/bench: template.yaml with TrivialFunction and HeavyInitFunction. */
  fixtureDir: string;
  /** This run's temp folder (removed at the end); state directories go below it. */
  tmpRoot: string;
  /** An iteration count: `full` normally, `quick` with --quick. */
  n(full: number, quick: number): number;
  /** Progress output (stderr), so stdout holds only the table. */
  log(message: string): void;
}

export interface BenchCase {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Metrics>;
}

/** Creates a LambdaService over the bench fixture with its own temp state directory, and always disposes it. */
export async function withService<T>(ctx: BenchContext, options: Partial<LambdaServiceOptions>, fn: (svc: LambdaService) => Promise<T>): Promise<T> {
  const svc = new LambdaService({
    cwd: ctx.fixtureDir,
    persistLogs: false,
    stateDir: mkdtempSync(path.join(ctx.tmpRoot, 'state-')),
    ...options,
  });
  try {
    await svc.template();
    return await fn(svc);
  } finally {
    await svc.dispose();
  }
}

const EMPTY_EVENT = Buffer.from('{}');

async function invokeOk(svc: LambdaService, logicalId: string): Promise<Awaited<ReturnType<LambdaService['invoke']>>> {
  const result = await svc.invoke(logicalId, EMPTY_EVENT);
  if (result.status !== 'success') throw new Error(`${logicalId} failed: ${result.status} ${result.payload.toString('utf8')}`);
  return result;
}

/** Sequential warm invokes of the trivial handler after a warm-up; p50/p99 under the given key prefix. */
async function warmInvokeLatency(ctx: BenchContext, persistLogs: boolean, prefix: string, count: number): Promise<Metrics> {
  return withService(ctx, { persistLogs }, async (svc) => {
    const first = await invokeOk(svc, 'TrivialFunction');
    assert.deepEqual(JSON.parse(first.payload.toString('utf8')), { ok: true });
    await timeSequential(ctx.n(300, 50), () => invokeOk(svc, 'TrivialFunction'));
    const samples = await timeSequential(count, () => invokeOk(svc, 'TrivialFunction'));
    if (svc.environments().length !== 1) throw new Error(`expected one warm environment, found ${svc.environments().length}`);
    return {
      [`${prefix}_p50_ms`]: { value: median(samples), unit: 'ms' },
      [`${prefix}_p99_ms`]: { value: percentile(samples, 99), unit: 'ms' },
    };
  });
}

/** Median wall time of the first invoke on a fresh service (template already loaded), and its Init Duration. */
async function coldStart(ctx: BenchContext, logicalId: string, suffix: string, options: Partial<LambdaServiceOptions> = {}): Promise<Metrics> {
  const walls: number[] = [];
  const inits: number[] = [];
  const runs = ctx.n(15, 5);
  // One discarded run first: the host caches per-process facts (e.g. the local node's version) on first use.
  for (let i = -1; i < runs; i++) {
    await withService(ctx, options, async (svc) => {
      const t0 = nowMs();
      const result = await invokeOk(svc, logicalId);
      const mode = svc.environments()[0]?.isolation;
      if (options.isolation && options.isolation !== 'auto' && mode !== options.isolation) throw new Error(`expected isolation ${options.isolation}, ran with ${mode}`);
      const wall = nowMs() - t0;
      if (!result.coldStart) throw new Error(`first invoke of ${logicalId} on a fresh service was not cold`);
      if (i < 0) return;
      walls.push(wall);
      inits.push(result.initDurationMs ?? Number.NaN);
    });
  }
  return {
    [`cold_start${suffix}_ms`]: { value: median(walls), unit: 'ms' },
    [`cold_init_duration${suffix}_ms`]: { value: median(inits), unit: 'ms' },
  };
}

export const CASES: BenchCase[] = [
  {
    name: 'in_process_call',
    description: 'floor: one awaited async function call in this process',
    async run(ctx) {
      const fn = async (x: number): Promise<number> => x + 1;
      const perBatch = 10_000;
      const batches = ctx.n(200, 30);
      const perCall: number[] = [];
      let sink = 0;
      for (let b = -5; b < batches; b++) {
        const t0 = nowMs();
        for (let i = 0; i < perBatch; i++) sink = await fn(sink);
        if (b >= 0) perCall.push((nowMs() - t0) / perBatch);
      }
      assert.ok(sink > 0);
      return { in_process_call_ms: { value: median(perCall), unit: 'ms' } };
    },
  },
  {
    name: 'http_rtt_floor',
    description: 'floor: keep-alive loopback HTTP GET to a node:http server in a child process',
    async run(ctx) {
      const server = await startChildServer(path.join(ctx.fixtureDir, 'rtt-server.js'));
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const get = (): Promise<void> =>
          new Promise((resolve, reject) => {
            const req = http.get({ host: '127.0.0.1', port: server.port, path: '/ping', agent }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => (res.statusCode === 200 && chunks.length > 0 ? resolve() : reject(new Error(`rtt server answered ${res.statusCode}`))));
              res.on('error', reject);
            });
            req.on('error', reject);
          });
        await timeSequential(ctx.n(500, 100), get);
        const samples = await timeSequential(ctx.n(3000, 300), get);
        return {
          http_rtt_floor_ms: { value: median(samples), unit: 'ms' },
          http_rtt_floor_p99_ms: { value: percentile(samples, 99), unit: 'ms' },
        };
      } finally {
        agent.destroy();
        await server.close();
      }
    },
  },
  {
    name: 'warm_invoke',
    description: 'svc.invoke of the trivial handler, one warm environment, sequential (logs in memory)',
    run: (ctx) => warmInvokeLatency(ctx, false, 'warm_invoke', ctx.n(3000, 300)),
  },
  {
    name: 'warm_invoke_persist_logs',
    description: 'as warm_invoke, with logs persisted to the state directory (the default)',
    run: (ctx) => warmInvokeLatency(ctx, true, 'warm_invoke_persist_logs', ctx.n(2000, 200)),
  },
  {
    name: 'process_start',
    description: 'floor: node -e 0, and node requiring each fixture handler (interleaved runs)',
    async run(ctx) {
      const node = process.execPath;
      const trivial = path.join(ctx.fixtureDir, 'trivial', 'index.js');
      const heavy = path.join(ctx.fixtureDir, 'heavy', 'index.js');
      const requireArgs = (file: string): string[] => ['-e', `require(${JSON.stringify(file)})`];
      const bare: number[] = [];
      const withTrivial: number[] = [];
      const withHeavy: number[] = [];
      const runs = ctx.n(20, 5);
      for (let i = -2; i < runs; i++) {
        const b = await timeProcessRun(node, ['-e', '0'], ctx.tmpRoot);
        const t = await timeProcessRun(node, requireArgs(trivial), ctx.tmpRoot);
        const h = await timeProcessRun(node, requireArgs(heavy), ctx.tmpRoot);
        if (i < 0) continue; // warm the page cache first
        bare.push(b);
        withTrivial.push(t);
        withHeavy.push(h);
      }
      const bareMs = median(bare);
      return {
        bare_node_start_ms: { value: bareMs, unit: 'ms' },
        handler_import_ms: { value: Math.max(0, median(withTrivial) - bareMs), unit: 'ms' },
        heavy_handler_import_ms: { value: Math.max(0, median(withHeavy) - bareMs), unit: 'ms' },
      };
    },
  },
  {
    name: 'cold_start',
    description: 'first invoke of the trivial handler on a fresh LambdaService, no namespaces (wall time; and Init Duration)',
    run: (ctx) => coldStart(ctx, 'TrivialFunction', '', { isolation: 'process-tree' }),
  },
  {
    name: 'cold_start_isolated',
    description: 'as cold_start, inside the environment\'s own user/PID/mount namespaces with a tmpfs /tmp (the default on Linux)',
    run: (ctx) => coldStart(ctx, 'TrivialFunction', '_isolated', { isolation: 'auto' }),
  },
  {
    name: 'cold_start_heavy',
    description: 'first invoke of the handler with a measurable init on a fresh LambdaService',
    run: (ctx) => coldStart(ctx, 'HeavyInitFunction', '_heavy'),
  },
  {
    name: 'throughput_c8',
    description: '8 concurrent callers invoking the trivial handler in a loop (8 environments), after warm-up',
    async run(ctx) {
      const callers = 8;
      return withService(ctx, {}, async (svc) => {
        const drive = async (durationMs: number, latencies?: number[]): Promise<number> => {
          const deadline = nowMs() + durationMs;
          let done = 0;
          await Promise.all(
            Array.from({ length: callers }, async () => {
              while (nowMs() < deadline) {
                const t0 = nowMs();
                await invokeOk(svc, 'TrivialFunction');
                latencies?.push(nowMs() - t0);
                done++;
              }
            }),
          );
          return done;
        };
        await drive(ctx.n(1000, 300));
        const environments = svc.environments().length;
        const latencies: number[] = [];
        const t0 = nowMs();
        const done = await drive(ctx.n(3000, 1000), latencies);
        const elapsed = nowMs() - t0;
        return {
          throughput_c8_per_s: { value: (done * 1000) / elapsed, unit: 'invokes/s' },
          throughput_c8_latency_p50_ms: { value: median(latencies), unit: 'ms' },
          throughput_c8_environments: { value: environments, unit: 'count' },
        };
      });
    },
  },
];

// Runtime families other than Node.js (Python, custom runtimes) have their own cases.
CASES.push(...runtimeCases(withService));
// Deployment packages: packaging a large node_modules next to `zip -r`, and the edit→rebuild loop.
CASES.push(...packagingCases, ...editInvokeCases);
// Debugging: time to the first breakpoint.
CASES.push(...debugCases);

/** How a metric is judged: the floor it is compared with, and the target (informational PASS/MISS). */
export interface MetricTarget {
  floor?(m: Metrics): string | undefined;
  target: string | ((m: Metrics) => string);
  pass(value: number, m: Metrics): boolean | undefined;
}

const v = (m: Metrics, key: string): number | undefined => m[key]?.value;
const fmt = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));
const floorOf = (key: string) => (m: Metrics): string | undefined => (v(m, key) === undefined ? undefined : `${fmt(v(m, key)!)} ${m[key].unit} (${key})`);

/** The cold-start target: cold <= 1.2 x bare node start + handler import time. */
function coldTarget(importKey: string): MetricTarget {
  const bound = (m: Metrics): number | undefined => {
    const bare = v(m, 'bare_node_start_ms');
    const imp = v(m, importKey);
    return bare === undefined || imp === undefined ? undefined : 1.2 * bare + imp;
  };
  return {
    floor: (m) => {
      const bare = v(m, 'bare_node_start_ms');
      const imp = v(m, importKey);
      return bare === undefined || imp === undefined ? undefined : `${fmt(bare + imp)} ms (bare + import)`;
    },
    target: (m) => {
      const b = bound(m);
      return b === undefined ? '≤ 1.2×bare + import' : `≤ ${fmt(b)} ms (1.2×bare + import)`;
    },
    pass: (value, m) => {
      const b = bound(m);
      return b === undefined ? undefined : value <= b;
    },
  };
}

export const TARGETS: Record<string, MetricTarget> = {
  warm_invoke_p50_ms: { floor: floorOf('http_rtt_floor_ms'), target: '≤ 0.5 ms', pass: (x) => x <= 0.5 },
  warm_invoke_p99_ms: { floor: floorOf('http_rtt_floor_p99_ms'), target: '≤ 3 ms', pass: (x) => x <= 3 },
  warm_invoke_persist_logs_p50_ms: { floor: floorOf('warm_invoke_p50_ms'), target: '≤ 0.5 ms', pass: (x) => x <= 0.5 },
  warm_invoke_persist_logs_p99_ms: { floor: floorOf('warm_invoke_p99_ms'), target: '≤ 3 ms', pass: (x) => x <= 3 },
  cold_start_ms: coldTarget('handler_import_ms'),
  cold_start_isolated_ms: coldTarget('handler_import_ms'),
  cold_start_heavy_ms: coldTarget('heavy_handler_import_ms'),
  throughput_c8_per_s: { target: '≥ 2000 invokes/s', pass: (x) => x >= 2000 },
  edit_invoke_ms: { target: '< 300 ms', pass: (x) => x < 300 },
  debug_node_first_breakpoint_ms: { floor: floorOf('cold_start_ms'), target: '< 2000 ms', pass: (x) => x < 2000 },
  debug_python_first_breakpoint_ms: { floor: floorOf('python_cold_start_ms'), target: '< 2000 ms', pass: (x) => x < 2000 },
  package_large_node_modules_zip_only_ms: { floor: floorOf('zip_r_same_folder_ms'), target: '≤ zip -r', pass: (x, m) => (v(m, 'zip_r_same_folder_ms') === undefined ? undefined : x <= v(m, 'zip_r_same_folder_ms')!) },
  python_cold_start_ms: { floor: floorOf('bare_python_start_ms'), target: '-', pass: () => undefined },
  python_warm_invoke_p50_ms: { floor: floorOf('http_rtt_floor_ms'), target: '-', pass: () => undefined },
  shell_warm_invoke_p50_ms: { floor: (m) => (v(m, 'curl_process_ms') === undefined ? undefined : `${fmt(2 * v(m, 'curl_process_ms')!)} ms (2 × curl_process_ms)`), target: '-', pass: () => undefined },
};
