// Benchmark load generator, child side (started by apiBench.ts): the Lambda API's clients in a process of
// their own, so that @aws-sdk/client-lambda's signing and middleware do not share the engine's event loop.
// Per message it runs a block of sequential calls (or N concurrent callers for a while) and answers with the
// wall time of each call and the CPU this process spent.
import * as http from 'node:http';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export type LoadArm = 'sdk' | 'raw' | 'rtt';
export type LoadRequest =
  | { type: 'block'; arm: LoadArm; n: number }
  | { type: 'throughput'; arm: LoadArm; callers: number; durationMs: number };
export interface LoadAnswer {
  latencies: number[];
  cpuMs: number;
  elapsedMs: number;
}

const EVENT = Buffer.from('{}');
const endpoint = process.env.LWB_API_URL ?? '';
const apiPort = Number(new URL(endpoint).port);
const pingPort = Number(process.env.LWB_PING_PORT);
const FUNCTION = process.env.LWB_FUNCTION ?? 'TrivialFunction';
const client = new LambdaClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' }, maxAttempts: 1 });
// One keep-alive socket per concurrent caller, as the SDK's own agent keeps them.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

async function sdkInvoke(): Promise<void> {
  const out = await client.send(new InvokeCommand({ FunctionName: FUNCTION, Payload: EVENT }));
  if (out.FunctionError || out.StatusCode !== 200) throw new Error(`API invoke failed: ${out.StatusCode} ${Buffer.from(out.Payload ?? []).toString()}`);
}

function post(port: number, path: string, check: (res: http.IncomingMessage) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, agent, headers: { 'content-length': EVENT.length } }, (res) => {
      res.resume();
      res.on('end', () => (check(res) ? resolve() : reject(new Error(`${path} answered ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(EVENT);
  });
}

const CALLS: Record<LoadArm, () => Promise<void>> = {
  sdk: sdkInvoke,
  raw: () => post(apiPort, `/2015-03-31/functions/${FUNCTION}/invocations`, (res) => res.statusCode === 200 && !res.headers['x-amz-function-error']),
  rtt: () => post(pingPort, '/ping', (res) => res.statusCode === 200),
};

async function run(m: LoadRequest): Promise<LoadAnswer> {
  const call = CALLS[m.arm];
  const latencies: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (m.type === 'block') {
    for (let i = 0; i < m.n; i++) {
      const s = performance.now();
      await call();
      latencies.push(performance.now() - s);
    }
  } else {
    const deadline = t0 + m.durationMs;
    await Promise.all(
      Array.from({ length: m.callers }, async () => {
        while (performance.now() < deadline) {
          const s = performance.now();
          await call();
          latencies.push(performance.now() - s);
        }
      }),
    );
  }
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { latencies, cpuMs: (cpu.user + cpu.system) / 1000, elapsedMs };
}

process.on('message', (m: LoadRequest | 'stop') => {
  if (m === 'stop') {
    client.destroy();
    agent.destroy();
    process.disconnect();
    return;
  }
  run(m).then(
    (answer) => process.send!({ ok: answer }),
    (e: unknown) => process.send!({ error: (e as Error).message }),
  );
});
process.send!('ready');
