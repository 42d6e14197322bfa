// Benchmark case (registered in cases.ts as warm_invoke): the engine's warm invoke of the trivial handler
// side by side with its floor (the minimal Node.js Runtime API loop, runtimeApiLoop.ts) and its in-process
// peer (lambda-local), interleaved in blocks in the same run, so load weighs on all three alike. The same
// three are then measured again in a child bench process pinned to one CPU (warmInvokeSameCpu.ts).
import type { BenchContext, Metrics } from './cases';
import { describeRoundRatios } from './interleave';
import { median, percentile } from './stats';
import { measureWarmArms } from './warmInvokeArms';
import { warmInvokeOnOneCpu } from './warmInvokeSameCpu';

/** Median over rounds of the per-round ratio a/b (blocks of the same round), NaN without rounds. */
function roundRatioMedian(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, i) => x / b[i]).filter(Number.isFinite));
}

export async function warmInvokeWithPeers(ctx: BenchContext): Promise<Metrics> {
  const { samples, blockMedians } = await measureWarmArms(ctx);
  ctx.log(`bench:   per-round engine / Runtime API loop: ${describeRoundRatios(blockMedians.engine, blockMedians.floor)}`);
  ctx.log(`bench:   per-round engine / lambda-local: ${describeRoundRatios(blockMedians.engine, blockMedians.lambdaLocal)}`);
  const engine = median(samples.engine);
  const floor = median(samples.floor);
  const lambdaLocal = median(samples.lambdaLocal);
  const metrics: Metrics = {
    warm_invoke_p50_ms: { value: engine, unit: 'ms' },
    warm_invoke_p99_ms: { value: percentile(samples.engine, 99), unit: 'ms' },
    runtime_api_loop_node_p50_ms: { value: floor, unit: 'ms' },
    runtime_api_loop_node_p99_ms: { value: percentile(samples.floor, 99), unit: 'ms' },
    lambda_local_warm_p50_ms: { value: lambdaLocal, unit: 'ms' },
    lambda_local_warm_p99_ms: { value: percentile(samples.lambdaLocal, 99), unit: 'ms' },
    warm_invoke_floor_ratio: { value: engine / floor, unit: 'ratio' },
    warm_invoke_lambda_local_ratio: { value: engine / lambdaLocal, unit: 'ratio' },
  };
  // Pinned to one CPU, every process of the three arms shares one core: no idle core is woken per message
  // (~30 µs per direction on this VM, which the in-process peer never pays), so the figure is the CPU both
  // sides spend per invoke plus two context switches. A second view, not the headline.
  const same = await warmInvokeOnOneCpu(ctx);
  if (!same) return metrics;
  ctx.log(`bench:   same CPU (${same.cpuList}): every process pinned to one core, so each figure is the CPU per invoke of both sides plus two context switches (no idle-core wake-ups); the unpinned figures above are the headline`);
  ctx.log(`bench:   same CPU (${same.cpuList}), per-round engine / Runtime API loop: ${describeRoundRatios(same.blockMedians.engine, same.blockMedians.floor)}`);
  ctx.log(`bench:   same CPU (${same.cpuList}), per-round engine / lambda-local: ${describeRoundRatios(same.blockMedians.engine, same.blockMedians.lambdaLocal)}`);
  const p50 = same.p50;
  return {
    ...metrics,
    warm_invoke_same_cpu_p50_ms: { value: p50.engine, unit: 'ms' },
    runtime_api_loop_node_same_cpu_p50_ms: { value: p50.floor, unit: 'ms' },
    lambda_local_same_cpu_p50_ms: { value: p50.lambdaLocal, unit: 'ms' },
    warm_invoke_same_cpu_floor_ratio: { value: p50.engine / p50.floor, unit: 'ratio' },
    warm_invoke_same_cpu_lambda_local_ratio: { value: p50.engine / p50.lambdaLocal, unit: 'ratio' },
    warm_invoke_same_cpu_lambda_local_round_ratio: { value: roundRatioMedian(same.blockMedians.engine, same.blockMedians.lambdaLocal), unit: 'ratio' },
  };
}
