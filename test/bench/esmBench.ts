// Benchmark cases (registered in cases.ts): SQS event source mappings on test/fixtures/esm —
// esm_sqs_latency_ms: SendMessage on an empty queue → the handler starts (its own Date.now()), batch window 0,
// sequential, median and p99; esm_sqs_throughput_msgs_per_s: 10,000 messages waiting in a queue, batch 10, a
// trivial handler, from enabling the mapping until the queue is empty (the pollers scale up on the way).
import * as path from 'node:path';
import type { LambdaService } from '../../src/core/service';
import { withService } from './benchService';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { median, nowMs, percentile } from './stats';

async function newQueue(svc: LambdaService, name: string): Promise<string> {
  const resources = await svc.async.resources();
  const arn = `arn:aws:sqs:${svc.region}:${svc.accountId}:${name}`;
  await resources.create({ kind: 'queue', name, arn, fifo: false, visibilityTimeout: 30 });
  return arn;
}

async function mappings(ctx: BenchContext): Promise<Metrics> {
  return withService(ctx, { cwd: path.join(ctx.repoRoot, 'test', 'fixtures', 'esm') }, async (svc) => {
    await svc.mappings.start();
    // Latency: one message at a time into an empty queue, the handler stamps when it starts.
    const latencyArn = await newQueue(svc, 'bench-latency');
    await svc.mappings.create({ FunctionName: 'esm-stamp', EventSourceArn: latencyArn, BatchSize: 10 });
    await svc.mappings.settled();
    const lq = await (await svc.async.resources()).queue('bench-latency');
    const results: number[] = [];
    let waiting: ((at: number) => void) | undefined;
    svc.onDidInvoke((e) => {
      if (e.origin === 'esm' && e.functionName === 'esm-stamp' && e.result) waiting?.(JSON.parse(e.result.payload.toString()).at as number);
    });
    const one = async (): Promise<number> => {
      const started = new Promise<number>((resolve) => (waiting = resolve));
      const t0 = Date.now();
      await lq.send('{"bench":true}');
      return (await started) - t0;
    };
    for (let i = 0; i < ctx.n(20, 5); i++) await one();
    for (let i = 0; i < ctx.n(200, 30); i++) results.push(await one());

    // Throughput: 10,000 messages waiting, then the mapping is enabled.
    const total = ctx.n(10_000, 2_000);
    const arn = await newQueue(svc, 'bench-throughput');
    const q = await (await svc.async.resources()).queue('bench-throughput');
    for (let i = 0; i < total; i += 500) await Promise.all(Array.from({ length: Math.min(500, total - i) }, (_, j) => q.send(`{"n":${i + j}}`)));
    const m = await svc.mappings.create({ FunctionName: 'esm-other', EventSourceArn: arn, BatchSize: 10, Enabled: false });
    await svc.mappings.settled();
    let done = 0;
    svc.mappings.onDidReport(({ uuid, batch }) => {
      if (uuid === m.UUID && batch.outcome === 'success') done += batch.records;
    });
    const t0 = nowMs();
    await svc.mappings.enable(m.UUID);
    while (done < total) await new Promise((r) => setTimeout(r, 5));
    const elapsed = nowMs() - t0;
    const peak = (await svc.mappings.details('esm-other')).find((d) => d.config.UUID === m.UUID)?.stats?.concurrency;
    ctx.log(`esm throughput: ${total} messages in ${elapsed.toFixed(0)} ms, ${peak} pollers at the end`);
    return {
      esm_sqs_latency_ms: { value: median(results), unit: 'ms' },
      esm_sqs_latency_p99_ms: { value: percentile(results, 99), unit: 'ms' },
      esm_sqs_throughput_msgs_per_s: { value: (total * 1000) / elapsed, unit: 'messages/s' },
    };
  });
}

export const esmCases: BenchCase[] = [
  { name: 'esm_sqs', description: 'SQS event source mapping: send → handler start on an empty queue (batch window 0), and 10,000 waiting messages through batch 10 to a trivial handler', run: mappings },
];
