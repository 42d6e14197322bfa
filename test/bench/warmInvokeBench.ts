// Benchmark case (registered in cases.ts as warm_invoke): the engine's warm invoke of the trivial handler
// side by side with its floor (the minimal Node.js Runtime API loop, runtimeApiLoop.ts) and its in-process
// peer (lambda-local), interleaved in blocks in the same run, so load weighs on all three alike.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { EMPTY_EVENT, invokeOk, withService } from './benchService';
import type { BenchContext, Metrics } from './cases';
import { describeRoundRatios, interleavedBlocks } from './interleave';
import { LambdaLocalPeer } from './lambdaLocalPeer';
import { startNodeRuntimeApiLoop } from './runtimeApiLoop';
import { median, percentile } from './stats';

export async function warmInvokeWithPeers(ctx: BenchContext): Promise<Metrics> {
  const loop = await startNodeRuntimeApiLoop();
  const peer = new LambdaLocalPeer(path.join(ctx.fixtureDir, 'trivial', 'index.js'));
  try {
    return await withService(ctx, { persistLogs: false }, async (svc) => {
      const first = await invokeOk(svc, 'TrivialFunction');
      assert.deepEqual(JSON.parse(first.payload.toString('utf8')), { ok: true });
      assert.deepEqual(JSON.parse((await loop.invoke(EMPTY_EVENT)).toString('utf8')), { ok: true });
      assert.deepEqual(await peer.invoke({}), { ok: true });
      const perBlock = ctx.n(100, 50);
      const { samples, blockMedians } = await interleavedBlocks(
        [
          { name: 'engine', call: () => invokeOk(svc, 'TrivialFunction') },
          { name: 'floor', call: () => loop.invoke(EMPTY_EVENT) },
          // lambda-local is called as its users call it: with an event object, answering a result object.
          { name: 'lambdaLocal', call: () => peer.invoke({}) },
        ],
        { rounds: ctx.n(3000, 300) / perBlock, perBlock, warmupRounds: ctx.n(3, 1) },
      );
      if (svc.environments().length !== 1) throw new Error(`expected one warm environment, found ${svc.environments().length}`);
      ctx.log(`bench:   per-round engine / Runtime API loop: ${describeRoundRatios(blockMedians.engine, blockMedians.floor)}`);
      ctx.log(`bench:   per-round engine / lambda-local: ${describeRoundRatios(blockMedians.engine, blockMedians.lambdaLocal)}`);
      const engine = median(samples.engine);
      const floor = median(samples.floor);
      const lambdaLocal = median(samples.lambdaLocal);
      return {
        warm_invoke_p50_ms: { value: engine, unit: 'ms' },
        warm_invoke_p99_ms: { value: percentile(samples.engine, 99), unit: 'ms' },
        runtime_api_loop_node_p50_ms: { value: floor, unit: 'ms' },
        runtime_api_loop_node_p99_ms: { value: percentile(samples.floor, 99), unit: 'ms' },
        lambda_local_warm_p50_ms: { value: lambdaLocal, unit: 'ms' },
        lambda_local_warm_p99_ms: { value: percentile(samples.lambdaLocal, 99), unit: 'ms' },
        warm_invoke_floor_ratio: { value: engine / floor, unit: 'ratio' },
        warm_invoke_lambda_local_ratio: { value: engine / lambdaLocal, unit: 'ratio' },
      };
    });
  } finally {
    peer.dispose();
    await loop.close();
  }
}
