// Benchmark cases (registered in cases.ts): issue 14's figures side by side in one run —
// throughput_c50 (10,000 invokes of the trivial handler, 50 in flight, 50 environments) with the engine's RSS
// before and after (it must stay flat: the per-invoke concurrency and metrics counters allocate nothing that
// stays), and provisioned_first_invoke_ms (the first invoke of an alias whose provisioned concurrency is READY)
// next to cold_start_ms (the first invoke of a fresh engine, measured by the cold_start case).
import { EMPTY_EVENT, invokeOk, withService } from './benchService';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { median, nowMs, percentile } from './stats';

async function throughputC50(ctx: BenchContext): Promise<Metrics> {
  const callers = 50;
  const total = ctx.n(10_000, 2_000);
  // 50 environments: the local capacity guard is told so (on a machine with less free memory it would queue).
  return withService(ctx, { maxLocalEnvironments: callers }, async (svc) => {
    const drive = async (count: number, latencies?: number[]): Promise<void> => {
      let left = count;
      await Promise.all(
        Array.from({ length: callers }, async () => {
          while (left > 0) {
            left--;
            const t0 = nowMs();
            await invokeOk(svc, 'TrivialFunction');
            latencies?.push(nowMs() - t0);
          }
        }),
      );
    };
    await drive(ctx.n(2_000, 500)); // warm-up: 50 environments started and warm
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const latencies: number[] = [];
    const t0 = nowMs();
    await drive(total, latencies);
    const elapsed = nowMs() - t0;
    global.gc?.();
    const rssAfter = process.memoryUsage().rss;
    const mb = (b: number) => b / 1048576;
    return {
      throughput_c50_per_s: { value: (total * 1000) / elapsed, unit: 'invokes/s' },
      throughput_c50_latency_p50_ms: { value: median(latencies), unit: 'ms' },
      throughput_c50_latency_p99_ms: { value: percentile(latencies, 99), unit: 'ms' },
      throughput_c50_environments: { value: svc.environments().length, unit: 'count' },
      engine_rss_before_mb: { value: mb(rssBefore), unit: 'MB' },
      engine_rss_after_mb: { value: mb(rssAfter), unit: 'MB' },
      engine_rss_growth_pct: { value: ((rssAfter - rssBefore) / rssBefore) * 100, unit: '%' },
    };
  });
}

async function provisionedFirstInvoke(ctx: BenchContext): Promise<Metrics> {
  const first: number[] = [];
  const ready: number[] = [];
  const onDemand: number[] = [];
  for (let i = 0; i < ctx.n(5, 2); i++) {
    await withService(ctx, { persistLogs: false }, async (svc) => {
      await svc.versions.publishVersion('TrivialFunction');
      await svc.versions.createAlias('TrivialFunction', { name: 'live', functionVersion: '1' });
      const t0 = nowMs();
      await svc.scaling.putProvisioned('TrivialFunction:live', undefined, 1);
      const settled = await svc.scaling.provisionedSettled('TrivialFunction:live');
      if (settled.Status !== 'READY') throw new Error(`provisioned concurrency ${settled.Status}: ${settled.StatusReason ?? ''}`);
      ready.push(nowMs() - t0);
      const t1 = nowMs();
      const r = await svc.invoke('TrivialFunction:live', EMPTY_EVENT);
      first.push(nowMs() - t1);
      if (r.coldStart || r.status !== 'success') throw new Error('the first invoke on a provisioned environment was not warm');
      // The same engine's first on-demand invoke ($LATEST: a cold start), for a side-by-side figure.
      const t2 = nowMs();
      const cold = await svc.invoke('TrivialFunction', EMPTY_EVENT);
      onDemand.push(nowMs() - t2);
      if (!cold.coldStart) throw new Error('expected a cold start on $LATEST');
    });
  }
  return {
    provisioned_first_invoke_ms: { value: median(first), unit: 'ms' },
    provisioned_ready_ms: { value: median(ready), unit: 'ms' },
    provisioned_same_engine_cold_start_ms: { value: median(onDemand), unit: 'ms' },
  };
}

export const concurrencyCases: BenchCase[] = [
  {
    name: 'throughput_c50',
    description: '10,000 invokes of the trivial handler, 50 in flight (50 environments), after warm-up; engine RSS before and after',
    run: throughputC50,
  },
  {
    name: 'provisioned_first_invoke',
    description: 'first invoke of an alias whose provisioned concurrency (1) is READY, fresh engine each time; next to the same engine\'s first on-demand invoke',
    run: provisionedFirstInvoke,
  },
];
