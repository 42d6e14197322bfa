// Benchmark helpers: a LambdaService over the bench fixture (test/fixtures/bench) with its own temp state
// directory, an invoke that fails loudly, and a first cold start in a fresh process (firstColdStart.ts).
import { mkdtempSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { LambdaService, type LambdaServiceOptions } from '../../src/core/service';
import type { BenchContext } from './cases';
import { runForOutput } from './processes';

/** Creates a LambdaService over the bench fixture with its own temp state directory, and always disposes it. */
export async function withService<T>(ctx: BenchContext, options: Partial<LambdaServiceOptions>, fn: (svc: LambdaService) => Promise<T>): Promise<T> {
  const svc = new LambdaService({
    cwd: ctx.fixtureDir,
    persistLogs: false,
    stateDir: mkdtempSync(path.join(ctx.tmpRoot, 'state-')),
    ...options,
  });
  try {
    await svc.template();
    return await fn(svc);
  } finally {
    await svc.dispose();
  }
}

export const EMPTY_EVENT = Buffer.from('{}');

/** svc.invoke with the empty event; throws unless the function succeeded. */
export async function invokeOk(svc: LambdaService, logicalId: string): Promise<Awaited<ReturnType<LambdaService['invoke']>>> {
  const result = await svc.invoke(logicalId, EMPTY_EVENT);
  if (result.status !== 'success') throw new Error(`${logicalId} failed: ${result.status} ${result.payload.toString('utf8')}`);
  return result;
}

export interface FirstColdStart {
  wallMs: number;
  initDurationMs?: number;
  isolation?: string;
}

const bundles = new Map<string, Promise<string>>();

/**
 * firstColdStart.ts bundled into one file as scripts/build.mjs bundles the CLI (node_modules inside), once
 * per run: from out/ it would also pay for resolving and reading archiver's files one by one on its first
 * package, which no shipped front door pays (measured: ~150 ms more on this machine).
 */
function firstColdStartScript(ctx: BenchContext): Promise<string> {
  let p = bundles.get(ctx.tmpRoot);
  if (!p) {
    const outfile = path.join(ctx.tmpRoot, 'first-cold-start', 'firstColdStart.js');
    p = esbuild
      .build({ entryPoints: [path.join(ctx.repoRoot, 'test', 'bench', 'firstColdStart.ts')], outfile, bundle: true, platform: 'node', target: 'node18', format: 'cjs', sourcemap: true, logLevel: 'warning' })
      .then(() => outfile);
    bundles.set(ctx.tmpRoot, p);
  }
  return p;
}

/**
 * The first cold start of `logicalId` in a fresh node process (firstColdStart.ts, fresh state directory):
 * nothing cached at module level yet, as in every CLI run. `interpreters` as LambdaServiceOptions has them.
 */
export async function firstColdStartInChild(ctx: BenchContext, logicalId: string, isolation: 'auto' | 'process-tree', interpreters: Record<string, string>): Promise<FirstColdStart> {
  const runtimesDir = path.join(ctx.repoRoot, 'dist', 'runtimes');
  const args = [await firstColdStartScript(ctx), ctx.fixtureDir, mkdtempSync(path.join(ctx.tmpRoot, 'state-first-')), runtimesDir, logicalId, isolation];
  for (const [runtime, interpreter] of Object.entries(interpreters)) args.push(`${runtime}=${interpreter}`);
  return JSON.parse(await runForOutput(process.execPath, args, ctx.tmpRoot)) as FirstColdStart;
}
