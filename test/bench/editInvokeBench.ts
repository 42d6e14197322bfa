// Benchmark case: the edit → invoke loop through the engine, as a user lives it: change one file of an
// esbuild TypeScript function, invoke, and time until the new result is back (watcher, incremental
// rebuild, a cold start on the new package). Target: under 300 ms.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LambdaService } from '../../src/core/service';
import type { BenchCase, Metrics } from './cases';
import { median, nowMs } from './stats';

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
];
