// Benchmark case (registered in cases.ts): a Kinesis-triggered function fed by the stream poller through the
// mapping layer — records stored first (PutRecords, 500 a call), then the template's mapping (BatchSize 100,
// batching window 0, trivial handler, warm) is started and timed until every record has been delivered.
import * as path from 'node:path';
import { withService } from './benchService';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { nowMs } from './stats';

async function throughput(ctx: BenchContext): Promise<Metrics> {
  return withService(ctx, { cwd: path.join(ctx.repoRoot, 'test', 'fixtures', 'streams-esm') }, async (svc) => {
    const total = ctx.n(10_000, 2_000);
    const stream = await svc.streams.stream('bench-stream');
    const data = Buffer.from(JSON.stringify({ tick: 1, note: 'x'.repeat(100) })).toString('base64');
    for (let i = 0; i < total; i += 500) await stream.putRecords(Array.from({ length: Math.min(500, total - i) }, (_, j) => ({ Data: data, PartitionKey: `k${(i + j) % 64}` })));
    const warm = await svc.invoke('stream-trivial', '{"Records":[]}');
    if (warm.status !== 'success') throw new Error(`stream-trivial failed: ${warm.payload.toString('utf8')}`);
    let delivered = 0;
    let batches = 0;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((r) => (done = r));
    svc.onDidInvoke((ev) => {
      if (ev.origin !== 'esm' || ev.functionName !== 'stream-trivial') return;
      batches++;
      delivered += (JSON.parse(String(ev.payload)) as { Records: unknown[] }).Records.length;
      if (delivered >= total) done();
    });
    const t0 = nowMs();
    await svc.mappings.start();
    await finished;
    const elapsed = nowMs() - t0;
    ctx.log(`esm_kinesis: ${delivered} records in ${batches} batches, ${elapsed.toFixed(0)} ms`);
    return { esm_kinesis_throughput_records_per_s: { value: (total * 1000) / elapsed, unit: 'records/s' } };
  });
}

export const streamsCases: BenchCase[] = [{ name: 'esm_kinesis', description: 'Kinesis mapping (BatchSize 100, trivial warm handler): records/s delivered from a pre-filled shard through the stream poller', run: throughput }];
