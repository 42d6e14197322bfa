// Benchmark case freeze_overhead: what freezing an environment between invocations (SIGSTOP of its process
// group once the runtime waits on /next, SIGCONT to hand it the next event; §2.1) adds to a warm invoke — the
// same trivial handler in two engines, freeze on and off, interleaved in blocks in one run.
import { invokeOk, withService } from './benchService';
import type { BenchCase } from './cases';
import { describeRoundRatios, interleavedBlocks } from './interleave';
import { median } from './stats';

export const freezeCases: BenchCase[] = [
  {
    name: 'freeze_overhead',
    description: 'warm invoke of the trivial handler with freeze between invocations (the default) and without, interleaved in blocks',
    run: (ctx) =>
      withService(ctx, { persistLogs: false, freeze: true }, (frozen) =>
        withService(ctx, { persistLogs: false, freeze: false }, async (running) => {
          await invokeOk(frozen, 'TrivialFunction');
          await invokeOk(running, 'TrivialFunction');
          const perBlock = ctx.n(100, 50);
          const { samples, blockMedians } = await interleavedBlocks(
            [
              { name: 'frozen', call: () => invokeOk(frozen, 'TrivialFunction') },
              { name: 'running', call: () => invokeOk(running, 'TrivialFunction') },
            ],
            { rounds: ctx.n(2000, 300) / perBlock, perBlock, warmupRounds: ctx.n(3, 1) },
          );
          if (!frozen.environments()[0]?.frozen) throw new Error('the freeze engine’s environment is not frozen between invocations');
          ctx.log(`bench:   per-round freeze on / off: ${describeRoundRatios(blockMedians.frozen, blockMedians.running)}`);
          const on = median(samples.frozen);
          const off = median(samples.running);
          return {
            freeze_overhead_p50_ms: { value: on - off, unit: 'ms' },
            warm_invoke_frozen_p50_ms: { value: on, unit: 'ms' },
            warm_invoke_unfrozen_p50_ms: { value: off, unit: 'ms' },
          };
        }),
      ),
  },
];
