// The benchmark cases, in ONE table. A case measures something and returns named metrics; the TARGETS table
// below says, per metric, which floor it is compared with and which target it must meet. To add a benchmark,
// append a case here (and, if it has a target, a row in TARGETS); run.ts needs no change.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import * as path from 'node:path';
import type { LambdaServiceOptions } from '../../src/core/service';
import { firstColdStartInChild, invokeOk, withService } from './benchService';
import { startChildServer } from './processes';
import { debugCases } from './debugBench';
import { apiCases } from './apiBench';
import { asyncCases } from './asyncBench';
import { sqsCases } from './sqsBench';
import { streamsCases } from './streamsBench';
import { esmCases } from './esmBench';
import { eventsCases } from './eventsBench';
import { editInvokeCases } from './editInvokeBench';
import { freezeCases } from './freezeBench';
import { packagingCases } from './packagingBench';
import { processStartAndCli } from './processStartBench';
import { runtimeCases } from './runtimesBench';
import { median, nowMs, percentile, timeSequential } from './stats';
import { versionCases } from './versionsBench';
import { concurrencyCases } from './concurrencyBench';
import { warmInvokeWithPeers } from './warmInvokeBench';
import { httpApiCases, httpApiTargets } from './httpApiBench';

export { withService } from './benchService';

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

/**
 * Median wall time of the first invoke on a fresh service (template already loaded), and its Init Duration.
 * Every run counts, the first one too (issue 10: that is what every user pays). A fresh service in this
 * process still finds the per-process caches filled (the local node's version, the namespace probe) by the
 * cases before it, so the first cold start of a fresh process is measured apart, in child processes run
 * between the in-process runs, and reported as `cold_start<suffix>_first_ms`.
 */
async function coldStart(ctx: BenchContext, logicalId: string, suffix: string, options: Partial<LambdaServiceOptions> = {}): Promise<Metrics> {
  const walls: number[] = [];
  const inits: number[] = [];
  const firstWalls: number[] = [];
  const firstInits: number[] = [];
  const runs = ctx.n(15, 5);
  const firstRuns = ctx.n(5, 2);
  const checkIsolation = (mode: string | undefined): void => {
    if (options.isolation && options.isolation !== 'auto' && mode !== options.isolation) throw new Error(`expected isolation ${options.isolation}, ran with ${mode}`);
  };
  for (let i = 0; i < runs; i++) {
    await withService(ctx, options, async (svc) => {
      const t0 = nowMs();
      const result = await invokeOk(svc, logicalId);
      const wall = nowMs() - t0;
      checkIsolation(svc.environments()[0]?.isolation);
      if (!result.coldStart) throw new Error(`first invoke of ${logicalId} on a fresh service was not cold`);
      walls.push(wall);
      inits.push(result.initDurationMs ?? Number.NaN);
    });
    if (i < firstRuns) {
      const first = await firstColdStartInChild(ctx, logicalId, options.isolation ?? 'auto', {});
      checkIsolation(first.isolation);
      firstWalls.push(first.wallMs);
      firstInits.push(first.initDurationMs ?? Number.NaN);
    }
  }
  return {
    [`cold_start${suffix}_ms`]: { value: median(walls), unit: 'ms' },
    [`cold_init_duration${suffix}_ms`]: { value: median(inits), unit: 'ms' },
    [`cold_start${suffix}_first_ms`]: { value: median(firstWalls), unit: 'ms' },
    [`cold_init_duration${suffix}_first_ms`]: { value: median(firstInits), unit: 'ms' },
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
    description: 'svc.invoke of the trivial handler, one warm environment, sequential (logs in memory); interleaved in blocks with its floor (a minimal Node.js Runtime API loop) and lambda-local',
    run: warmInvokeWithPeers,
  },
  {
    name: 'warm_invoke_persist_logs',
    description: 'as warm_invoke, with logs persisted to the state directory (the default)',
    run: (ctx) => warmInvokeLatency(ctx, true, 'warm_invoke_persist_logs', ctx.n(2000, 200)),
  },
  {
    name: 'process_start',
    description: 'floor: node -e 0 and node requiring each fixture handler; the one-shot CLI invoke (warm-cached, and a first run) paired with them (interleaved runs)',
    run: processStartAndCli,
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
// The Lambda API (AWS SDK through HTTP) next to the engine's own warm invoke.
CASES.push(...apiCases);
CASES.push(...asyncCases);
CASES.push(...sqsCases);
CASES.push(...streamsCases);
CASES.push(...esmCases);
CASES.push(...eventsCases);

/** What a metric is compared with: its value (for the table's ratio column) and how the table names it. */
export interface Floor {
  value: number;
  label: string;
}

/** How a metric is judged: the floor it is compared with, and the target (informational PASS/MISS). */
export interface MetricTarget {
  floor?(m: Metrics): Floor | undefined;
  target: string | ((m: Metrics) => string);
  pass(value: number, m: Metrics): boolean | undefined;
}

const v = (m: Metrics, key: string): number | undefined => m[key]?.value;
const fmt = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));
const floorOf = (key: string) => (m: Metrics): Floor | undefined => {
  const x = v(m, key);
  return x === undefined ? undefined : { value: x, label: `${fmt(x)} ${m[key].unit} (${key})` };
};
/** Compared with `key` for the ratio column, no target of its own. */
const informational = (key: string): MetricTarget => ({ floor: floorOf(key), target: '-', pass: () => undefined });
/** A ratio metric (unit 'ratio') that must stay at or below `bound`. */
const ratioAtMost = (bound: number, of: string): MetricTarget => ({ target: `≤ ${bound} (${of})`, pass: (x) => x <= bound });

/** At most `factor` × the floor `key`, measured in the same run. */
function withinFloor(key: string, factor: number): MetricTarget {
  return {
    floor: floorOf(key),
    target: (m) => {
      const f = v(m, key);
      return f === undefined ? `≤ ${factor}× ${key}` : `≤ ${fmt(factor * f)} ms (${factor}× floor)`;
    },
    pass: (x, m) => {
      const f = v(m, key);
      return f === undefined ? undefined : x <= factor * f;
    },
  };
}

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
      return bare === undefined || imp === undefined ? undefined : { value: bare + imp, label: `${fmt(bare + imp)} ms (bare + import)` };
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

/** Warm invoke (issue 10): ≤ 1.5× the minimal Runtime API loop and below lambda-local, both in the same run. */
const warmInvokeTarget: MetricTarget = {
  floor: floorOf('runtime_api_loop_node_p50_ms'),
  target: (m) => {
    const f = v(m, 'runtime_api_loop_node_p50_ms');
    const peer = v(m, 'lambda_local_warm_p50_ms');
    return `≤ ${f === undefined ? '1.5× floor' : `${fmt(1.5 * f)} ms (1.5× floor)`} and < ${peer === undefined ? 'lambda-local' : `${fmt(peer)} ms (lambda-local)`}`;
  },
  pass: (x, m) => {
    const f = v(m, 'runtime_api_loop_node_p50_ms');
    const peer = v(m, 'lambda_local_warm_p50_ms');
    return f === undefined ? undefined : x <= 1.5 * f && (peer === undefined || x < peer);
  },
};

export const TARGETS: Record<string, MetricTarget> = {
  warm_invoke_p50_ms: warmInvokeTarget,
  api_overhead_p50_ms: { target: '≤ 0.3 ms over the engine', pass: (x) => x <= 0.3 },
  api_invoke_p50_ms: informational('api_engine_warm_p50_ms'),
  api_raw_http_invoke_p50_ms: informational('api_engine_warm_p50_ms'),
  api_throughput_c8_per_s: { target: '≥ 1500/s', pass: (x) => x >= 1500 },
  warm_invoke_p99_ms: { floor: floorOf('runtime_api_loop_node_p99_ms'), target: '≤ 3 ms', pass: (x) => x <= 3 },
  warm_invoke_floor_ratio: ratioAtMost(1.5, '× Runtime API loop'),
  lambda_local_warm_p50_ms: informational('runtime_api_loop_node_p50_ms'),
  lambda_local_warm_p99_ms: informational('runtime_api_loop_node_p99_ms'),
  warm_invoke_lambda_local_ratio: { target: '< 1 (below lambda-local)', pass: (x) => x < 1 },
  // Same CPU (the three arms in a child pinned to one core, warmInvokeSameCpu.ts): CPU per invoke plus two
  // context switches, without the idle-core wake-ups the unpinned headline pays. A second view of the same path.
  warm_invoke_same_cpu_p50_ms: { floor: floorOf('runtime_api_loop_node_same_cpu_p50_ms'), target: (m) => `< ${v(m, 'lambda_local_same_cpu_p50_ms') === undefined ? 'lambda-local' : fmt(v(m, 'lambda_local_same_cpu_p50_ms')!)} ms (lambda-local, one CPU)`, pass: (x, m) => (v(m, 'lambda_local_same_cpu_p50_ms') === undefined ? undefined : x < v(m, 'lambda_local_same_cpu_p50_ms')!) },
  runtime_api_loop_node_same_cpu_p50_ms: informational('runtime_api_loop_node_p50_ms'),
  lambda_local_same_cpu_p50_ms: informational('lambda_local_warm_p50_ms'),
  warm_invoke_same_cpu_floor_ratio: { target: '- (× Runtime API loop, one CPU)', pass: () => undefined },
  warm_invoke_same_cpu_lambda_local_ratio: { target: '< 1 (p50s, one CPU)', pass: (x) => x < 1 },
  warm_invoke_same_cpu_lambda_local_round_ratio: { target: '< 1 (median per-round ratio, one CPU)', pass: (x) => x < 1 },
  warm_invoke_persist_logs_p50_ms: { floor: floorOf('warm_invoke_p50_ms'), target: '≤ 0.5 ms', pass: (x) => x <= 0.5 },
  warm_invoke_persist_logs_p99_ms: { floor: floorOf('warm_invoke_p99_ms'), target: '≤ 3 ms', pass: (x) => x <= 3 },
  cli_oneshot_ms: withinFloor('bare_node_start_ms', 2),
  cli_oneshot_first_ms: informational('bare_node_start_ms'),
  cli_oneshot_ratio: ratioAtMost(2, '× node -e 0'),
  // The same pair without NODE_EXTRA_CA_CERTS, where it is set: each node start then skips reading the bundle.
  cli_oneshot_no_extra_ca_ms: informational('bare_node_start_no_extra_ca_ms'),
  cli_oneshot_no_extra_ca_ratio: { target: '- (× node -e 0, both without NODE_EXTRA_CA_CERTS)', pass: () => undefined },
  cold_start_ms: coldTarget('handler_import_ms'),
  cold_start_first_ms: coldTarget('handler_import_ms'),
  cold_start_isolated_ms: coldTarget('handler_import_ms'),
  cold_start_isolated_first_ms: coldTarget('handler_import_ms'),
  cold_start_heavy_ms: coldTarget('heavy_handler_import_ms'),
  cold_start_heavy_first_ms: coldTarget('heavy_handler_import_ms'),
  throughput_c8_per_s: { target: '≥ 2000 invokes/s', pass: (x) => x >= 2000 },
  throughput_c50_per_s: { target: '≥ 2000 invokes/s', pass: (x) => x >= 2000 },
  engine_rss_growth_pct: { target: '≤ 10 % (flat)', pass: (x) => x <= 10 },
  provisioned_first_invoke_ms: { floor: floorOf('cold_start_ms'), target: 'warm (≪ cold_start_ms)', pass: (x, m) => (v(m, 'cold_start_ms') === undefined ? undefined : x < v(m, 'cold_start_ms')! / 2) },
  edit_invoke_ms: { floor: floorOf('cold_start_isolated_ms'), target: '< 300 ms', pass: (x) => x < 300 },
  edit_invoke_large_ms: { floor: floorOf('cold_start_isolated_ms'), target: '≤ 300 ms', pass: (x) => x <= 300 },
  debug_node_first_breakpoint_ms: { floor: floorOf('cold_start_ms'), target: '< 2000 ms', pass: (x) => x < 2000 },
  debug_python_first_breakpoint_ms: { floor: floorOf('python_cold_start_ms'), target: '< 2000 ms', pass: (x) => x < 2000 },
  package_large_node_modules_ms: informational('zip_r_same_folder_ms'),
  package_large_node_modules_zip_only_ms: { floor: floorOf('zip_r_same_folder_ms'), target: '≤ zip -r', pass: (x, m) => (v(m, 'zip_r_same_folder_ms') === undefined ? undefined : x <= v(m, 'zip_r_same_folder_ms')!) },
  package_large_sync_writer_zip_ms: informational('zip_r_same_folder_ms'),
  package_large_ms: withinFloor('zip_r_same_folder_ms', 6),
  package_large_ratio_zip: ratioAtMost(6, '× zip -r'),
  python_cold_start_ms: informational('bare_python_start_ms'),
  python_cold_start_first_ms: informational('bare_python_start_ms'),
  python_warm_invoke_p50_ms: withinFloor('runtime_api_loop_python_p50_ms', 1.5),
  python_warm_invoke_p99_ms: informational('runtime_api_loop_python_p99_ms'),
  python_warm_floor_ratio: ratioAtMost(1.5, '× Python Runtime API loop'),
  // The same bootstrap under the same shell against a minimal Runtime API server: the engine's share of a
  // sh + curl invoke (namespace, ownership check, logs) next to what its ~11 processes per event cost anyway.
  shell_warm_invoke_p50_ms: informational('runtime_api_loop_shell_p50_ms'),
  shell_warm_floor_ratio: { target: '- (× the same bootstrap on a minimal Runtime API)', pass: () => undefined },
};
// Versions and aliases: a qualified warm invoke next to the unqualified one.
CASES.push(...versionCases);
// Freeze between invocations (§2.1): its cost per warm invoke.
CASES.push(...freezeCases);
TARGETS.freeze_overhead_p50_ms = { target: '≤ 0.05 ms (else a setting, on by default)', pass: (x) => x <= 0.05 };
// Concurrency (issue 14): throughput at concurrency 50 with the engine's RSS, the first provisioned invoke.
CASES.push(...concurrencyCases);
// HTTP front doors (issue 17): a request through an HTTP API route next to the Lambda API invoke and a raw floor.
CASES.push(...httpApiCases); Object.assign(TARGETS, httpApiTargets);
