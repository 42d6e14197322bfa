// Benchmark helper for warm_invoke: the engine's warm invoke of the trivial handler, its floor (the minimal
// Node.js Runtime API loop) and its in-process peer (lambda-local), interleaved in blocks; run in the bench
// process (warmInvokeBench.ts) and in the child pinned to one CPU (warmInvokeSameCpu.ts).
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { EMPTY_EVENT, invokeOk, withService } from './benchService';
import type { BenchContext } from './cases';
import { interleavedBlocks, type InterleavedSamples } from './interleave';
import { LambdaLocalPeer } from './lambdaLocalPeer';
import { startNodeRuntimeApiLoop } from './runtimeApiLoop';

/** The three arms (engine, floor, lambdaLocal) interleaved in blocks, in this process. */
export async function measureWarmArms(ctx: BenchContext): Promise<InterleavedSamples> {
  const loop = await startNodeRuntimeApiLoop();
  const peer = new LambdaLocalPeer(path.join(ctx.fixtureDir, 'trivial', 'index.js'));
  try {
    return await withService(ctx, { persistLogs: false }, async (svc) => {
      const first = await invokeOk(svc, 'TrivialFunction');
      assert.deepEqual(JSON.parse(first.payload.toString('utf8')), { ok: true });
      assert.deepEqual(JSON.parse((await loop.invoke(EMPTY_EVENT)).toString('utf8')), { ok: true });
      assert.deepEqual(await peer.invoke({}), { ok: true });
      const perBlock = ctx.n(100, 50);
      const measured = await interleavedBlocks(
        [
          { name: 'engine', call: () => invokeOk(svc, 'TrivialFunction') },
          { name: 'floor', call: () => loop.invoke(EMPTY_EVENT) },
          // lambda-local is called as its users call it: with an event object, answering a result object.
          { name: 'lambdaLocal', call: () => peer.invoke({}) },
        ],
        { rounds: ctx.n(3000, 300) / perBlock, perBlock, warmupRounds: ctx.n(3, 1) },
      );
      if (svc.environments().length !== 1) throw new Error(`expected one warm environment, found ${svc.environments().length}`);
      return measured;
    });
  } finally {
    peer.dispose();
    await loop.close();
  }
}
