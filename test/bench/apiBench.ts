// Benchmark cases (registered in cases.ts): the Lambda API's warm invoke through @aws-sdk/client-lambda with
// keep-alive, interleaved in blocks with the engine's own warm invoke (svc.invoke) and a raw keep-alive HTTP
// POST to the same API endpoint (no SDK), so the API's cost is read as a difference within one run; and
// 8 concurrent SDK callers for throughput.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { EMPTY_EVENT, invokeOk, withService } from './benchService';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { describeRoundRatios, interleavedBlocks } from './interleave';
import { median, nowMs, percentile } from './stats';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const client = (endpoint: string): LambdaClient =>
  new LambdaClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' }, maxAttempts: 1 });

async function sdkInvoke(c: LambdaClient): Promise<void> {
  const out = await c.send(new InvokeCommand({ FunctionName: 'TrivialFunction', Payload: EMPTY_EVENT }));
  if (out.FunctionError || out.StatusCode !== 200) throw new Error(`API invoke failed: ${out.StatusCode} ${Buffer.from(out.Payload ?? []).toString()}`);
}

function rawInvoke(port: number, agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/2015-03-31/functions/TrivialFunction/invocations', agent, headers: { 'content-length': EMPTY_EVENT.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 && !res.headers['x-amz-function-error'] ? resolve() : reject(new Error(`raw API invoke answered ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(EMPTY_EVENT);
  });
}

async function apiInvokeLatency(ctx: BenchContext): Promise<Metrics> {
  return withService(ctx, { persistLogs: false }, async (svc) => {
    const api = await svc.lambdaApi();
    const c = client(api.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await sdkInvoke(c);
      await rawInvoke(api.port, agent);
      await invokeOk(svc, 'TrivialFunction');
      const perBlock = ctx.n(100, 50);
      const { samples, blockMedians } = await interleavedBlocks(
        [
          { name: 'engine', call: () => invokeOk(svc, 'TrivialFunction') },
          { name: 'sdk', call: () => sdkInvoke(c) },
          { name: 'raw', call: () => rawInvoke(api.port, agent) },
        ],
        { rounds: ctx.n(3000, 300) / perBlock, perBlock, warmupRounds: ctx.n(3, 1) },
      );
      assert.equal(svc.environments().length, 1, 'one warm environment serves every arm');
      ctx.log(`bench:   per-round SDK through the API / engine: ${describeRoundRatios(blockMedians.sdk, blockMedians.engine)}`);
      ctx.log(`bench:   per-round raw HTTP through the API / engine: ${describeRoundRatios(blockMedians.raw, blockMedians.engine)}`);
      const engine = median(samples.engine);
      const sdk = median(samples.sdk);
      const raw = median(samples.raw);
      return {
        api_invoke_p50_ms: { value: sdk, unit: 'ms' },
        api_invoke_p99_ms: { value: percentile(samples.sdk, 99), unit: 'ms' },
        api_engine_warm_p50_ms: { value: engine, unit: 'ms' },
        api_raw_http_invoke_p50_ms: { value: raw, unit: 'ms' },
        api_raw_http_invoke_p99_ms: { value: percentile(samples.raw, 99), unit: 'ms' },
        api_overhead_p50_ms: { value: raw - engine, unit: 'ms' },
        api_sdk_overhead_p50_ms: { value: sdk - engine, unit: 'ms' },
      };
    } finally {
      agent.destroy();
      c.destroy();
    }
  });
}

async function apiThroughput(ctx: BenchContext): Promise<Metrics> {
  const callers = 8;
  return withService(ctx, { persistLogs: false }, async (svc) => {
    const api = await svc.lambdaApi();
    const c = client(api.url);
    try {
      const drive = async (durationMs: number, latencies?: number[]): Promise<number> => {
        const deadline = nowMs() + durationMs;
        let done = 0;
        await Promise.all(
          Array.from({ length: callers }, async () => {
            while (nowMs() < deadline) {
              const t0 = nowMs();
              await sdkInvoke(c);
              latencies?.push(nowMs() - t0);
              done++;
            }
          }),
        );
        return done;
      };
      await drive(ctx.n(1000, 300));
      const latencies: number[] = [];
      const t0 = nowMs();
      const done = await drive(ctx.n(3000, 1000), latencies);
      const elapsed = nowMs() - t0;
      return {
        api_throughput_c8_per_s: { value: (done * 1000) / elapsed, unit: 'invokes/s' },
        api_throughput_c8_latency_p50_ms: { value: median(latencies), unit: 'ms' },
        api_throughput_c8_environments: { value: svc.environments().length, unit: 'count' },
      };
    } finally {
      c.destroy();
    }
  });
}

export const apiCases: BenchCase[] = [
  {
    name: 'api_invoke',
    description: 'warm invoke through the Lambda API with @aws-sdk/client-lambda (keep-alive), interleaved with svc.invoke and a raw keep-alive HTTP POST to the API',
    run: apiInvokeLatency,
  },
  {
    name: 'api_throughput_c8',
    description: '8 concurrent @aws-sdk/client-lambda callers invoking the trivial handler through the Lambda API, after warm-up',
    run: apiThroughput,
  },
];
