// Benchmark helper, run as a child process (benchService.ts bundles it first, as the CLI is bundled): the
// first cold start of a fresh process (what every CLI run and every new VS Code window pays), with nothing
// cached yet at module level (the node version, namespace and interpreter probes). Loads the template, then
// times one invoke; prints {"wallMs", "initDurationMs", "isolation"}.
//   node firstColdStart.js <cwd> <stateDir> <runtimesDir> <logicalId> <auto|process-tree> [<runtime>=<interpreter>…]
import { performance } from 'node:perf_hooks';
import { LambdaService } from '../../src/core/service';

async function main(): Promise<void> {
  const [cwd, stateDir, runtimesDir, logicalId, isolation, ...pairs] = process.argv.slice(2);
  if (!logicalId || (isolation !== 'auto' && isolation !== 'process-tree') || pairs.some((p) => !p.includes('='))) {
    throw new Error('usage: firstColdStart.js <cwd> <stateDir> <runtimesDir> <logicalId> <auto|process-tree> [<runtime>=<interpreter>…]');
  }
  const interpreters = Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
  const svc = new LambdaService({ cwd, stateDir, runtimesDir, persistLogs: false, isolation, interpreters });
  try {
    await svc.template();
    const t0 = performance.now();
    const result = await svc.invoke(logicalId, '{}');
    const wallMs = performance.now() - t0;
    if (result.status !== 'success') throw new Error(`${logicalId} failed: ${result.status} ${result.payload.toString('utf8')}`);
    if (!result.coldStart) throw new Error(`first invoke of ${logicalId} in a fresh process was not cold`);
    process.stdout.write(`${JSON.stringify({ wallMs, initDurationMs: result.initDurationMs, isolation: svc.environments()[0]?.isolation })}\n`);
  } finally {
    await svc.dispose();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
