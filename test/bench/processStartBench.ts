// Benchmark case (registered in cases.ts as process_start): process-start floors and the one-shot CLI, run
// interleaved one process after another (node -e 0, CLI invoke, CLI first run, node requiring each handler,
// and again), so the CLI is paired with the bare node start it is judged against (≤ 2×, issue 10).
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { BenchContext, Metrics } from './cases';
import { describeRoundRatios, interleavedRuns } from './interleave';
import { runForOutput, timeProcessRun } from './processes';
import { median } from './stats';

export async function processStartAndCli(ctx: BenchContext): Promise<Metrics> {
  const node = process.execPath;
  const trivial = path.join(ctx.fixtureDir, 'trivial', 'index.js');
  const heavy = path.join(ctx.fixtureDir, 'heavy', 'index.js');
  const requireArgs = (file: string): string[] => ['-e', `require(${JSON.stringify(file)})`];
  // As a user types it in the fixture's folder; the state directory goes to this run's temp folder.
  const cli = (stateDir: string): string[] => [path.join(ctx.repoRoot, 'bin', 'lambda-workbench.js'), 'invoke', 'TrivialFunction', '--state-dir', stateDir];
  const warmState = path.join(ctx.tmpRoot, 'cli-state-warm');
  // Warm-cached: the package is built by this first run, before any timing; and the CLI really answers.
  assert.equal((await runForOutput(node, cli(warmState), ctx.fixtureDir)).trim(), '{"ok":true}');
  let fresh = 0;
  const samples = await interleavedRuns(
    [
      { name: 'bare', call: () => timeProcessRun(node, ['-e', '0'], ctx.tmpRoot) },
      { name: 'cli', call: () => timeProcessRun(node, cli(warmState), ctx.fixtureDir) },
      // What every user pays first: a fresh state directory, so the package is built and extracted in the run.
      { name: 'cliFirst', call: () => timeProcessRun(node, cli(path.join(ctx.tmpRoot, `cli-state-fresh-${fresh++}`)), ctx.fixtureDir) },
      { name: 'trivial', call: () => timeProcessRun(node, requireArgs(trivial), ctx.tmpRoot) },
      { name: 'heavy', call: () => timeProcessRun(node, requireArgs(heavy), ctx.tmpRoot) },
    ],
    // Two unrecorded rounds first: they warm the page cache for every arm alike.
    { rounds: ctx.n(20, 5), warmupRounds: 2 },
  );
  ctx.log(`bench:   per-run CLI invoke / node -e 0: ${describeRoundRatios(samples.cli, samples.bare)}`);
  const bareMs = median(samples.bare);
  const cliMs = median(samples.cli);
  return {
    bare_node_start_ms: { value: bareMs, unit: 'ms' },
    handler_import_ms: { value: Math.max(0, median(samples.trivial) - bareMs), unit: 'ms' },
    heavy_handler_import_ms: { value: Math.max(0, median(samples.heavy) - bareMs), unit: 'ms' },
    cli_oneshot_ms: { value: cliMs, unit: 'ms' },
    cli_oneshot_first_ms: { value: median(samples.cliFirst), unit: 'ms' },
    cli_oneshot_ratio: { value: cliMs / bareMs, unit: 'ratio' },
  };
}
