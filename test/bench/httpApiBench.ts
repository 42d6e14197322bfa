// Benchmark case (registered in cases.ts): a warm request through an HTTP API route (keep-alive client → API →
// warm function → response), next to a raw keep-alive Invoke through the Lambda API and a node:http server that
// answers at once (the floor), all from one client process and interleaved in blocks. SAM's `start-api` cannot
// run here (it needs Docker and the SAM CLI), so the comparison is with the raw floor and the Lambda API only.
// The same file is the client: forked with LWB_HTTP_BENCH_CHILD=1, it runs blocks of calls on request.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { withService } from './benchService';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { describeRoundRatios } from './interleave';
import { median, percentile } from './stats';

type Arm = 'http' | 'lambda' | 'floor';
interface Block {
  arm: Arm;
  n: number;
}

function childMain(): void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const targets: Record<Arm, { port: number; method: string; path: string }> = {
    http: { port: Number(process.env.LWB_HTTP_PORT), method: 'GET', path: '/bench' },
    lambda: { port: Number(process.env.LWB_LAMBDA_PORT), method: 'POST', path: '/2015-03-31/functions/TrivialFunction/invocations' },
    floor: { port: Number(process.env.LWB_FLOOR_PORT), method: 'GET', path: '/bench' },
  };
  const call = (arm: Arm) =>
    new Promise<void>((resolve, reject) => {
      const t = targets[arm];
      const body = t.method === 'POST' ? '{}' : '';
      const req = http.request({ host: '127.0.0.1', port: t.port, method: t.method, path: t.path, agent, headers: { 'content-length': body.length } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => (res.statusCode === 200 && text === '{"ok":true}' ? resolve() : reject(new Error(`${arm} answered ${res.statusCode} ${text}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  process.on('message', (m: Block | 'stop') => {
    if (m === 'stop') return process.exit(0);
    void (async () => {
      const latencies: number[] = [];
      for (let i = 0; i < m.n; i++) {
        const s = performance.now();
        await call(m.arm);
        latencies.push(performance.now() - s);
      }
      return latencies;
    })().then(
      (latencies) => process.send!({ latencies }),
      (e: unknown) => process.send!({ error: String(e) }),
    );
  });
  process.send!('ready');
}

async function floorServer(): Promise<{ port: number; close(): void }> {
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': 11 }).end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, close: () => (server.closeAllConnections(), server.close()) };
}

async function httpApiLatency(ctx: BenchContext): Promise<Metrics> {
  const dir = path.join(ctx.tmpRoot, 'http-api');
  mkdirSync(dir, { recursive: true });
  const code = path.join(ctx.fixtureDir, 'trivial');
  writeFileSync(
    path.join(dir, 'template.yaml'),
    `Transform: AWS::Serverless-2016-10-31\nResources:\n  TrivialFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      CodeUri: ${JSON.stringify(code)}\n      Handler: index.handler\n      Events:\n        Bench: { Type: HttpApi, Properties: { Path: /bench, Method: get } }\n`,
  );
  return withService(ctx, { cwd: dir, persistLogs: false, history: false }, async (svc) => {
    const api = await svc.lambdaApi();
    const front = await svc.http.listen({ apiPort: 0, urlPort: 0, watchTemplate: false });
    const floor = await floorServer();
    const httpPort = front.served[0].port;
    const child = fork(__filename, [], { env: { ...process.env, LWB_HTTP_BENCH_CHILD: '1', LWB_HTTP_PORT: String(httpPort), LWB_LAMBDA_PORT: String(api.port), LWB_FLOOR_PORT: String(floor.port) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('exit', (c) => reject(new Error(`http bench client exited with ${c}`)));
      });
      const block = (arm: Arm, n: number) =>
        new Promise<number[]>((resolve, reject) => {
          child.once('message', (a: { latencies?: number[]; error?: string }) => (a.latencies ? resolve(a.latencies) : reject(new Error(a.error))));
          child.send({ arm, n });
        });
      const arms: Arm[] = ['http', 'lambda', 'floor'];
      const samples: Record<Arm, number[]> = { http: [], lambda: [], floor: [] };
      const medians: Record<Arm, number[]> = { http: [], lambda: [], floor: [] };
      const perBlock = ctx.n(100, 50);
      const rounds = ctx.n(3000, 300) / perBlock;
      for (let r = -ctx.n(3, 1); r < rounds; r++) {
        for (let k = 0; k < arms.length; k++) {
          const arm = arms[(((r + k) % arms.length) + arms.length) % arms.length];
          const b = await block(arm, perBlock);
          if (r < 0) continue;
          samples[arm].push(...b);
          medians[arm].push(median(b));
        }
      }
      if (svc.environments().length !== 1) throw new Error(`one warm environment should serve both arms, found ${svc.environments().length}`);
      ctx.log(`bench:   per-round HTTP API route / Lambda API invoke: ${describeRoundRatios(medians.http, medians.lambda)}`);
      const h = median(samples.http);
      const l = median(samples.lambda);
      const f = median(samples.floor);
      return {
        http_api_p50_ms: { value: h, unit: 'ms' },
        http_api_p99_ms: { value: percentile(samples.http, 99), unit: 'ms' },
        http_api_lambda_api_p50_ms: { value: l, unit: 'ms' },
        http_api_raw_floor_p50_ms: { value: f, unit: 'ms' },
        http_api_over_lambda_api_p50_ms: { value: h - l, unit: 'ms' },
        http_api_lambda_api_ratio: { value: h / l, unit: '×' },
        http_api_floor_ratio: { value: h / f, unit: '×' },
      };
    } finally {
      if (child.connected) child.send('stop');
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
      floor.close();
      await front.close();
    }
  });
}

export const httpApiCases: BenchCase[] = [
  {
    name: 'http_api',
    description: 'warm GET through an HTTP API route (keep-alive client process → API → warm function → 200 JSON), interleaved with a raw keep-alive Lambda API invoke and a node:http floor',
    run: httpApiLatency,
  },
];

export const httpApiTargets = {
  http_api_over_lambda_api_p50_ms: { target: '≤ 0.5 ms over the Lambda API invoke', pass: (x: number) => x <= 0.5 },
};

if (process.env.LWB_HTTP_BENCH_CHILD === '1') childMain();
