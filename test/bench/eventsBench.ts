// Benchmark case (registered in cases.ts): PutEvents through the local server's EventBridge API with raw
// keep-alive HTTP — one entry matching a rule with a queue target, answered after the bus journal's fsync.
import * as http from 'node:http';
import * as path from 'node:path';
import { withService } from './benchService';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { median, nowMs, percentile } from './stats';

const BODY = Buffer.from(JSON.stringify({ Entries: [{ EventBusName: 'orders', Source: 'shop', DetailType: 'OrderSeen', Detail: '{"id":"bench","total":1}' }] }));

function putEvents(port: number, agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'content-length': BODY.length, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => (res.statusCode === 200 && text.includes('"FailedEntryCount":0') ? resolve() : reject(new Error(`PutEvents answered ${res.statusCode}: ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(BODY);
  });
}

async function put(ctx: BenchContext): Promise<Metrics> {
  const cwd = path.join(ctx.fixtureDir, '..', 'eventbus');
  return withService(ctx, { cwd }, async (svc) => {
    const api = await svc.lambdaApi();
    const agent = new http.Agent({ keepAlive: true });
    try {
      for (let i = 0; i < ctx.n(50, 10); i++) await putEvents(api.port, agent);
      const samples: number[] = [];
      for (let i = 0; i < ctx.n(400, 80); i++) {
        const t0 = nowMs();
        await putEvents(api.port, agent);
        samples.push(nowMs() - t0);
      }
      await svc.eventBridge.settled();
      return {
        events_put_p50_ms: { value: median(samples), unit: 'ms' },
        events_put_p99_ms: { value: percentile(samples, 99), unit: 'ms' },
      };
    } finally {
      agent.destroy();
    }
  });
}

export const eventsCases: BenchCase[] = [
  { name: 'events_put', description: "PutEvents (raw keep-alive HTTP, JSON 1.1) of one entry matching a rule with a queue target: answered after the bus journal's fsync; p50/p99", run: put },
];
