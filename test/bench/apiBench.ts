// Benchmark cases (registered in cases.ts): the Lambda API's warm invoke. The clients run in a child process
// (apiLoadClient.ts), off the engine's event loop as a real SDK user's would be: @aws-sdk/client-lambda with
// keep-alive, a raw keep-alive HTTP POST to the same endpoint (no SDK), and a POST to a server in the engine's
// process that answers at once (the HTTP round trip, the floor of any HTTP API). They run in blocks
// interleaved with the engine's own warm invoke (svc.invoke, in process), so the API's cost is read as
// differences within one run; CPU per call is reported beside, for each side (less sensitive to the load
// other processes put on the machine). Then 8 concurrent callers, with the SDK and raw.
import { fork, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import { join } from 'node:path';
import type { LambdaService } from '../../src/core/service';
import type { LoadAnswer, LoadArm, LoadRequest } from './apiLoadClient';
import { invokeOk, withService } from './benchService';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { describeRoundRatios } from './interleave';
import { median, nowMs, percentile } from './stats';

/** The floor of any HTTP API in the engine's process: a keep-alive node:http server that answers at once. */
async function pingServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': 2 }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

interface LoadClient {
  run(m: LoadRequest): Promise<LoadAnswer>;
  close(): void;
}

async function startLoadClient(apiUrl: string, pingPort: number): Promise<LoadClient> {
  const child: ChildProcess = fork(join(__dirname, 'apiLoadClient.js'), [], { env: { ...process.env, LWB_API_URL: apiUrl, LWB_PING_PORT: String(pingPort) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the API load client exited with ${code}`)));
  });
  return {
    run: (m) =>
      new Promise((resolve, reject) => {
        child.once('message', (a: { ok?: LoadAnswer; error?: string }) => (a.ok ? resolve(a.ok) : reject(new Error(a.error))));
        child.send(m);
      }),
    close: () => {
      if (child.connected) child.send('stop');
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    },
  };
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

interface ArmTotals {
  samples: number[];
  blockMedians: number[];
  /** CPU of the engine's process (svc.invoke, or serving the client's requests), ms. */
  engineCpuMs: number;
  /** CPU of the client process, ms (remote arms only). */
  clientCpuMs: number;
}

/** Rounds of one block per arm, the order rotating each round; the first `warmup` rounds are not kept. */
async function interleaved(svc: LambdaService, load: LoadClient, o: { rounds: number; perBlock: number; warmup: number }): Promise<Record<'engine' | LoadArm, ArmTotals>> {
  const arms = ['engine', 'sdk', 'raw', 'rtt'] as const;
  const totals = Object.fromEntries(arms.map((a) => [a, { samples: [], blockMedians: [], engineCpuMs: 0, clientCpuMs: 0 }])) as unknown as Record<(typeof arms)[number], ArmTotals>;
  for (let r = -o.warmup; r < o.rounds; r++) {
    for (let k = 0; k < arms.length; k++) {
      const arm = arms[(((r + k) % arms.length) + arms.length) % arms.length];
      const cpu0 = process.cpuUsage();
      let block: number[];
      let clientCpu = 0;
      if (arm === 'engine') {
        block = [];
        for (let i = 0; i < o.perBlock; i++) {
          const t0 = nowMs();
          await invokeOk(svc, 'TrivialFunction');
          block.push(nowMs() - t0);
        }
      } else {
        const a = await load.run({ type: 'block', arm, n: o.perBlock });
        block = a.latencies;
        clientCpu = a.cpuMs;
      }
      const engineCpu = cpuMs(cpu0);
      if (r < 0) continue;
      const t = totals[arm];
      t.samples.push(...block);
      t.blockMedians.push(median(block));
      t.engineCpuMs += engineCpu;
      t.clientCpuMs += clientCpu;
    }
  }
  return totals;
}

async function apiInvokeLatency(ctx: BenchContext): Promise<Metrics> {
  return withService(ctx, { persistLogs: false }, async (svc) => {
    const api = await svc.lambdaApi();
    const ping = await pingServer();
    const load = await startLoadClient(api.url, ping.port);
    try {
      await invokeOk(svc, 'TrivialFunction');
      const perBlock = ctx.n(100, 50);
      const rounds = ctx.n(3000, 300) / perBlock;
      const t = await interleaved(svc, load, { rounds, perBlock, warmup: ctx.n(3, 1) });
      if (svc.environments().length !== 1) throw new Error(`one warm environment should serve every arm, found ${svc.environments().length}`);
      ctx.log(`bench:   per-round SDK through the API / engine: ${describeRoundRatios(t.sdk.blockMedians, t.engine.blockMedians)}`);
      ctx.log(`bench:   per-round raw HTTP through the API / engine: ${describeRoundRatios(t.raw.blockMedians, t.engine.blockMedians)}`);
      const calls = rounds * perBlock;
      const engine = median(t.engine.samples);
      const sdk = median(t.sdk.samples);
      const raw = median(t.raw.samples);
      const rtt = median(t.rtt.samples);
      return {
        api_invoke_p50_ms: { value: sdk, unit: 'ms' },
        api_invoke_p99_ms: { value: percentile(t.sdk.samples, 99), unit: 'ms' },
        api_engine_warm_p50_ms: { value: engine, unit: 'ms' },
        api_raw_http_invoke_p50_ms: { value: raw, unit: 'ms' },
        api_raw_http_invoke_p99_ms: { value: percentile(t.raw.samples, 99), unit: 'ms' },
        api_http_rtt_p50_ms: { value: rtt, unit: 'ms' },
        api_overhead_p50_ms: { value: raw - engine, unit: 'ms' },
        api_server_cost_p50_ms: { value: raw - engine - rtt, unit: 'ms' },
        api_sdk_overhead_p50_ms: { value: sdk - engine, unit: 'ms' },
        // CPU per call: the engine's process for svc.invoke, for serving a raw API call, and for an HTTP ping;
        // the client process's for an SDK call and for a raw one.
        api_engine_cpu_per_invoke_ms: { value: t.engine.engineCpuMs / calls, unit: 'ms' },
        api_server_cpu_per_raw_invoke_ms: { value: t.raw.engineCpuMs / calls, unit: 'ms' },
        api_server_cpu_per_ping_ms: { value: t.rtt.engineCpuMs / calls, unit: 'ms' },
        api_sdk_client_cpu_per_call_ms: { value: t.sdk.clientCpuMs / calls, unit: 'ms' },
        api_raw_client_cpu_per_call_ms: { value: t.raw.clientCpuMs / calls, unit: 'ms' },
      };
    } finally {
      load.close();
      await ping.close();
    }
  });
}

async function apiThroughput(ctx: BenchContext): Promise<Metrics> {
  const callers = 8;
  return withService(ctx, { persistLogs: false }, async (svc) => {
    const api = await svc.lambdaApi();
    const ping = await pingServer();
    const load = await startLoadClient(api.url, ping.port);
    try {
      const out: Metrics = {};
      for (const arm of ['sdk', 'raw'] as const) {
        await load.run({ type: 'throughput', arm, callers, durationMs: ctx.n(1000, 300) });
        const cpu0 = process.cpuUsage();
        const a = await load.run({ type: 'throughput', arm, callers, durationMs: ctx.n(3000, 1000) });
        const engineCpu = cpuMs(cpu0);
        const prefix = arm === 'sdk' ? 'api_throughput_c8' : 'api_raw_throughput_c8';
        out[`${prefix}_per_s`] = { value: (a.latencies.length * 1000) / a.elapsedMs, unit: 'invokes/s' };
        out[`${prefix}_latency_p50_ms`] = { value: median(a.latencies), unit: 'ms' };
        out[`${prefix}_client_cpu_share`] = { value: a.cpuMs / a.elapsedMs, unit: 'cores' };
        out[`${prefix}_engine_cpu_share`] = { value: engineCpu / a.elapsedMs, unit: 'cores' };
      }
      out.api_throughput_c8_environments = { value: svc.environments().length, unit: 'count' };
      return out;
    } finally {
      load.close();
      await ping.close();
    }
  });
}

export const apiCases: BenchCase[] = [
  {
    name: 'api_invoke',
    description: 'warm invoke through the Lambda API from a client process: @aws-sdk/client-lambda (keep-alive) and raw keep-alive HTTP, interleaved with svc.invoke in the engine and an HTTP ping',
    run: apiInvokeLatency,
  },
  {
    name: 'api_throughput_c8',
    description: '8 concurrent callers in a client process (the SDK, then raw HTTP) invoking the trivial handler through the Lambda API, after warm-up',
    run: apiThroughput,
  },
];
