// Benchmark case (registered in cases.ts as versioned_invoke): the warm invoke of `$LATEST` (unqualified)
// side by side with the same function as a published version (`fn:1`) and through an alias (`fn:live`,
// which reads its alias record per request), interleaved in blocks in the same run.
import { EMPTY_EVENT, withService } from './benchService';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { describeRoundRatios, interleavedBlocks } from './interleave';
import { median, percentile } from './stats';

async function versionedInvoke(ctx: BenchContext): Promise<Metrics> {
  return withService(ctx, { persistLogs: false }, async (svc) => {
    const v = await svc.versions.publishVersion('TrivialFunction');
    if (v.Version !== '1') throw new Error(`expected version 1, got ${v.Version}`);
    await svc.versions.createAlias('TrivialFunction', { name: 'live', functionVersion: '1' });
    const ok = (name: string) => async () => {
      const r = await svc.invoke(name, EMPTY_EVENT);
      if (r.status !== 'success') throw new Error(`${name} failed: ${r.payload.toString('utf8')}`);
    };
    for (const n of ['TrivialFunction', 'TrivialFunction:1', 'TrivialFunction:live']) await ok(n)();
    const perBlock = ctx.n(100, 50);
    const { samples, blockMedians } = await interleavedBlocks(
      [
        { name: 'latest', call: ok('TrivialFunction') },
        { name: 'version', call: ok('TrivialFunction:1') },
        { name: 'alias', call: ok('TrivialFunction:live') },
      ],
      { rounds: ctx.n(1500, 150) / perBlock, perBlock, warmupRounds: ctx.n(3, 1) },
    );
    ctx.log(`bench:   per-round version / $LATEST: ${describeRoundRatios(blockMedians.version, blockMedians.latest)}`);
    ctx.log(`bench:   per-round alias / $LATEST: ${describeRoundRatios(blockMedians.alias, blockMedians.latest)}`);
    return {
      versioned_invoke_latest_p50_ms: { value: median(samples.latest), unit: 'ms' },
      versioned_invoke_version_p50_ms: { value: median(samples.version), unit: 'ms' },
      versioned_invoke_alias_p50_ms: { value: median(samples.alias), unit: 'ms' },
      versioned_invoke_alias_p99_ms: { value: percentile(samples.alias, 99), unit: 'ms' },
    };
  });
}

export const versionCases: BenchCase[] = [
  {
    name: 'versioned_invoke',
    description: 'warm invoke of $LATEST, of published version 1 (fn:1) and through an alias (fn:live), interleaved in blocks',
    run: versionedInvoke,
  },
];
