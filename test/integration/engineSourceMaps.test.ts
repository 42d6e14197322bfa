// Integration: a function bundled with esbuild as SAM does by default (minified, no Sourcemap) runs with a
// source map beside its bundle, so the error's trace names the original src/*.ts lines; the ZIP that
// `package` writes stays as configured (no map, no sourceMappingURL comment).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { listZip, zipContents } from '../unit/packaging/helpers';
import { fixtures, json, startEngine } from './helpers/engine';

const dir = join(fixtures, 'esbuild-maps');

describe('source maps for bundles', () => {
  test("a bundled function's error trace names src/*.ts lines; its ZIP has no map", async () => {
    const e = startEngine(dir);
    try {
      const r = await e.service.invoke('Throws', '{}');
      const p = json(r.payload) as { errorType: string; trace: string[] };
      assert.equal(p.errorType, 'Error');
      assert.match(p.trace[1], new RegExp(`^    at check \\(${join(dir, 'src', 'lib', 'check.ts').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:9\\)$`), p.trace.join('\n'));
      assert.ok(p.trace.some((l) => l.includes(`${join(dir, 'src', 'app.ts')}:6:`)), p.trace.join('\n'));
      // The logged error names the sources too.
      const logged = e.linesOf(r.requestId).find((l) => l.includes('Invoke Error'));
      assert.ok(logged?.includes(`${join(dir, 'src', 'lib', 'check.ts')}:5:9`), logged);
      const ok = await e.service.invoke('Throws', '{"id":" 7 "}');
      assert.deepEqual(json(ok.payload), { ok: '7' });
      const pkg = await e.service.packageFunction('Throws');
      assert.deepEqual((await listZip(pkg.zipPath)).map((x) => x.name), ['app.js']);
      const code = Buffer.from((await zipContents(pkg.zipPath)).get('app.js')!.data, 'hex').toString('utf8');
      assert.doesNotMatch(code, /sourceMappingURL/);
      const taskRoot = await e.service.taskRootOf('Throws');
      assert.match(readFileSync(join(taskRoot, 'app.js'), 'utf8'), /\/\/# sourceMappingURL=app\.js\.map\n$/);
    } finally {
      await e.dispose();
    }
  });
});
