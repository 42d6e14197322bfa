// Benchmark cases (registered in cases.ts): asynchronous invocation through the Lambda API with raw
// keep-alive HTTP — the 202 (accept record fsynced) one at a time and from 8 concurrent callers (group
// commit), and the time from the 202 to the handler's START on a warm environment.
import * as http from 'node:http';
import type { LambdaService } from '../../src/core/service';
import { EMPTY_EVENT, invokeOk, withService } from './benchService';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { median, nowMs, percentile } from './stats';

function sendEvent(port: number, agent: http.Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/2015-03-31/functions/TrivialFunction/invocations', agent, headers: { 'content-length': EMPTY_EVENT.length, 'x-amz-invocation-type': 'Event' } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 202 ? resolve(String(res.headers['x-amzn-requestid'])) : reject(new Error(`Event invoke answered ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(EMPTY_EVENT);
  });
}

async function accept(ctx: BenchContext): Promise<Metrics> {
  // Parallelism 0: the queue only accepts, so the figures are the 202 path alone (validate, journal, fsync).
  return withService(ctx, { asyncParallelism: 0 }, async (svc) => {
    const api = await svc.lambdaApi();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    try {
      for (let i = 0; i < ctx.n(100, 20); i++) await sendEvent(api.port, agent);
      const samples: number[] = [];
      for (let i = 0; i < ctx.n(500, 100); i++) {
        const t0 = nowMs();
        await sendEvent(api.port, agent);
        samples.push(nowMs() - t0);
      }
      const total = ctx.n(4000, 800);
      let sent = 0;
      const t0 = nowMs();
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (sent < total) {
            sent++;
            await sendEvent(api.port, agent);
          }
        }),
      );
      const elapsed = nowMs() - t0;
      return {
        async_accept_p50_ms: { value: median(samples), unit: 'ms' },
        async_accept_p99_ms: { value: percentile(samples, 99), unit: 'ms' },
        async_accept_per_s: { value: (total * 1000) / elapsed, unit: 'events/s' },
      };
    } finally {
      agent.destroy();
    }
  });
}

function startedAfter(svc: LambdaService, requestId: Promise<string>): Promise<number> {
  return new Promise((resolve) => {
    const sub = svc.onLog((e) => {
      void requestId.then((id) => {
        if (e.requestId === id && e.message.startsWith('START ')) {
          void sub.dispose();
          resolve(nowMs());
        }
      });
    });
  });
}

async function startLatency(ctx: BenchContext): Promise<Metrics> {
  return withService(ctx, {}, async (svc) => {
    const api = await svc.lambdaApi();
    const agent = new http.Agent({ keepAlive: true });
    try {
      await invokeOk(svc, 'TrivialFunction'); // a warm environment
      const samples: number[] = [];
      for (let i = 0; i < ctx.n(300, 50); i++) {
        let acked = 0;
        const id = sendEvent(api.port, agent).then((rid) => ((acked = nowMs()), rid));
        const started = await startedAfter(svc, id);
        await id;
        if (i >= ctx.n(20, 5)) samples.push(started - acked);
        await svc.async.idle();
      }
      return {
        async_start_latency_ms: { value: median(samples), unit: 'ms' },
        async_start_latency_p99_ms: { value: percentile(samples, 99), unit: 'ms' },
      };
    } finally {
      agent.destroy();
    }
  });
}

export const asyncCases: BenchCase[] = [
  { name: 'async_accept', description: 'Event invokes through the Lambda API (raw keep-alive HTTP): 202 after the journal fsync, sequential p50/p99, and events/s from 8 concurrent callers (group commit)', run: accept },
  { name: 'async_start', description: 'warm environment: time from the 202 of an Event invoke to the START line of its attempt', run: startLatency },
];
