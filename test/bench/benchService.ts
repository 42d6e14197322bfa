// Benchmark helpers: a LambdaService over the bench fixture (test/fixtures/bench) with its own temp state
// directory, an invoke that fails loudly, and a first cold start in a fresh process (firstColdStart.ts).
import { mkdtempSync } from 'node:fs';
import * as path from 'node:path';
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

/**
 * The first cold start of `logicalId` in a fresh node process (firstColdStart.ts, fresh state directory):
 * nothing cached at module level yet, as in every CLI run. `interpreters` as LambdaServiceOptions has them.
 */
export async function firstColdStartInChild(ctx: BenchContext, logicalId: string, isolation: 'auto' | 'process-tree', interpreters: Record<string, string>): Promise<FirstColdStart> {
  const args = [path.join(__dirname, 'firstColdStart.js'), ctx.fixtureDir, mkdtempSync(path.join(ctx.tmpRoot, 'state-first-')), logicalId, isolation];
  for (const [runtime, interpreter] of Object.entries(interpreters)) args.push(`${runtime}=${interpreter}`);
  return JSON.parse(await runForOutput(process.execPath, args, ctx.tmpRoot)) as FirstColdStart;
}
