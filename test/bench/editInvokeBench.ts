// Benchmark cases: the edit → invoke loop through the engine, as a user lives it: change one file of a
// function, invoke, and time until the new result is back (watcher, incremental rebuild, a cold start on
// the new package). An esbuild TypeScript function, and the large node_modules function of
// packagingBench.ts (5,202 files, issue 10). Target: 300 ms.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LambdaService } from '../../src/core/service';
import type { BenchCase, BenchContext, Metrics } from './cases';
import { largeNodeFunction } from './packagingBench';
import { median, nowMs } from './stats';

/** Edits the large function's handler (index.js, one file), invokes, and times until the edited result is back. */
async function editInvokeLarge(ctx: BenchContext): Promise<Metrics> {
  const { root, app, files } = largeNodeFunction(ctx, 'edit-large-');
  ctx.log(`edit_invoke_large: generated ${files} files`);
  const svc = new LambdaService({ cwd: root, persistLogs: false, stateDir: mkdtempSync(path.join(ctx.tmpRoot, 'edit-large-state-')) });
  const handler = path.join(app, 'index.js');
  const samples: number[] = [];
  try {
    const first = await svc.invoke('LargeFunction', '{}');
    assert.deepEqual(JSON.parse(first.payload.toString('utf8')), { ok: true });
    for (let i = 0; i < ctx.n(7, 3); i++) {
      writeFileSync(handler, `exports.handler = async () => ({ ok: true, edit: ${i} });\n`);
      await new Promise((r) => setTimeout(r, 50)); // the editor's save lands before the next invoke
      const t0 = nowMs();
      const r = await svc.invoke('LargeFunction', '{}');
      samples.push(nowMs() - t0);
      assert.deepEqual(JSON.parse(r.payload.toString('utf8')), { ok: true, edit: i });
    }
  } finally {
    await svc.dispose();
  }
  return { edit_invoke_large_ms: { value: median(samples), unit: 'ms' } };
}

export const editInvokeCases: BenchCase[] = [
  {
    name: 'edit_invoke',
    description: 'esbuild TS function through LambdaService: edit app.ts, invoke, wait for the edited result',
    async run(ctx): Promise<Metrics> {
      const dir = mkdtempSync(path.join(ctx.tmpRoot, 'edit-'));
      cpSync(path.join(ctx.repoRoot, 'test', 'fixtures', 'layers', 'ts-fn'), path.join(dir, 'ts-fn'), { recursive: true });
      writeFileSync(
        path.join(dir, 'template.yaml'),
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Ts:\n    Type: AWS::Serverless::Function\n' +
          '    Properties: { CodeUri: ts-fn/, Handler: app.handler, Runtime: nodejs20.x }\n' +
          '    Metadata: { BuildMethod: esbuild, BuildProperties: { EntryPoints: [src/app.ts], Sourcemap: true } }\n',
      );
      const svc = new LambdaService({ cwd: dir, persistLogs: false, stateDir: path.join(dir, '.state') });
      const src = path.join(dir, 'ts-fn', 'src', 'app.ts');
      const original = readFileSync(src, 'utf8');
      const samples: number[] = [];
      try {
        await svc.invoke('Ts', '{}');
        for (let i = 0; i < ctx.n(15, 4); i++) {
          writeFileSync(src, original.replace('hello ${', `edit${i} \${`));
          await new Promise((r) => setTimeout(r, 50)); // the editor's save lands before the next invoke
          const t0 = nowMs();
          const r = await svc.invoke('Ts', '{}');
          samples.push(nowMs() - t0);
          assert.equal(JSON.parse(r.payload.toString('utf8')).message, `edit${i} ts`);
        }
      } finally {
        await svc.dispose();
      }
      return { edit_invoke_ms: { value: median(samples), unit: 'ms' } };
    },
  },
  {
    name: 'edit_invoke_large',
    description: 'function with a large node_modules (packagingBench.ts) through LambdaService: edit index.js, invoke, wait for the edited result',
    run: editInvokeLarge,
  },
];
