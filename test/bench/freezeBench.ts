// Benchmark case freeze_overhead: what freezing an environment between invocations (§2.1: SIGSTOP of its process
// group a few ms after the runtime's /next, SIGCONT to hand it the next event) adds to a warm invoke. The same
// trivial handler in two engines, freeze on and off, interleaved in blocks in one run: back to back (within the
// freeze window, so nothing is frozen) and spaced 20 ms apart (every invocation thaws a frozen environment).
import { setTimeout as sleep } from 'node:timers/promises';
import { invokeOk, withService } from './benchService';
import type { BenchCase } from './cases';
import { describeRoundRatios, interleavedBlocks } from './interleave';
import { median, nowMs } from './stats';

const GAP_MS = 20;

export const freezeCases: BenchCase[] = [
  {
    name: 'freeze_overhead',
    description: `warm invoke of the trivial handler with freeze (the default) and without, interleaved: back to back, and ${GAP_MS} ms apart (each one thaws a frozen environment)`,
    run: (ctx) =>
      withService(ctx, { persistLogs: false, freeze: true }, (frozen) =>
        withService(ctx, { persistLogs: false, freeze: false }, async (running) => {
          await invokeOk(frozen, 'TrivialFunction');
          await invokeOk(running, 'TrivialFunction');
          const perBlock = ctx.n(100, 50);
          const backToBack = await interleavedBlocks(
            [
              { name: 'frozen', call: () => invokeOk(frozen, 'TrivialFunction') },
              { name: 'running', call: () => invokeOk(running, 'TrivialFunction') },
            ],
            { rounds: ctx.n(2000, 300) / perBlock, perBlock, warmupRounds: ctx.n(3, 1) },
          );
          ctx.log(`bench:   back to back, per-round freeze on / off: ${describeRoundRatios(backToBack.blockMedians.frozen, backToBack.blockMedians.running)}`);
          // Spaced: the gap is not timed; each timed invoke of the freeze engine thaws its environment first.
          const spaced: Record<'frozen' | 'running', number[]> = { frozen: [], running: [] };
          let thawed = 0;
          for (let i = 0; i < ctx.n(300, 60); i++) {
            for (const [name, svc] of i % 2 ? ([['frozen', frozen], ['running', running]] as const) : ([['running', running], ['frozen', frozen]] as const)) {
              await sleep(GAP_MS);
              if (name === 'frozen' && svc.environments()[0]?.frozen) thawed++;
              const t0 = nowMs();
              await invokeOk(svc, 'TrivialFunction');
              spaced[name].push(nowMs() - t0);
            }
          }
          if (thawed < spaced.frozen.length / 2) throw new Error(`the freeze engine's environment was frozen before only ${thawed} of ${spaced.frozen.length} spaced invocations`);
          const onSpaced = median(spaced.frozen);
          const offSpaced = median(spaced.running);
          return {
            freeze_overhead_p50_ms: { value: onSpaced - offSpaced, unit: 'ms' },
            warm_invoke_thawed_p50_ms: { value: onSpaced, unit: 'ms' },
            warm_invoke_spaced_unfrozen_p50_ms: { value: offSpaced, unit: 'ms' },
            freeze_back_to_back_overhead_p50_ms: { value: median(backToBack.samples.frozen) - median(backToBack.samples.running), unit: 'ms' },
          };
        }),
      ),
  },
];
