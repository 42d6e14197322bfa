// The one build script (esbuild): bundles the extension, the CLI and each runtime bootstrap as separate
// entries into dist/, and transpiles tests (with the sources they import) into out/ for node:test.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

function walk(dir, filter) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(p).isDirectory()) out.push(...walk(p, filter));
    else if (filter(p)) out.push(p);
  }
  return out;
}

const common = { bundle: true, platform: 'node', target: 'node18', sourcemap: true, minify: production, logLevel: 'warning' };

const bundles = [
  // The extension host entry: 'vscode' is provided by the host.
  { ...common, entryPoints: [join(root, 'src/extension.ts')], outfile: join(root, 'dist/extension.js'), format: 'cjs', external: ['vscode'] },
  // The CLI front door.
  { ...common, entryPoints: [join(root, 'src/cli/main.ts')], outfile: join(root, 'dist/cli.js'), format: 'cjs' },
  // Runtime bootstraps run inside execution environments; they import nothing from the host.
  { ...common, entryPoints: [join(root, 'src/core/runtimes/nodejs/bootstrap/index.ts')], outfile: join(root, 'dist/runtimes/nodejs/bootstrap.js'), format: 'cjs', sourcemap: false },
];

// Tests and the sources they import, file by file, so node:test can run them.
const testSources = [
  // Transpiled one by one and never run unless a test imports them: vscode-importing files are fine here.
  ...walk(join(root, 'src'), (p) => p.endsWith('.ts') && !p.endsWith('.d.ts')),
  ...walk(join(root, 'test'), (p) => p.endsWith('.ts') && !p.includes('/test/vscode/')),
];
const transpile = { entryPoints: testSources, outdir: join(root, 'out'), outbase: root, bundle: false, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline', logLevel: 'warning' };

rmSync(join(root, 'out'), { recursive: true, force: true });
if (watch) {
  for (const o of [...bundles, transpile]) await (await esbuild.context(o)).watch();
} else {
  await Promise.all([...bundles, transpile].map((o) => esbuild.build(o)));
}
// Python and other non-TS runtime files ship as they are (the Python runtime: bootstrap.py + its package).
for (const [from, to] of [
  ['src/core/runtimes/python/bootstrap.py', 'dist/runtimes/python/bootstrap.py'],
  ['src/core/runtimes/python/lambda_workbench_runtime', 'dist/runtimes/python/lambda_workbench_runtime'],
]) {
  if (existsSync(join(root, from))) {
    mkdirSync(join(root, to, '..'), { recursive: true });
    rmSync(join(root, to), { recursive: true, force: true });
    cpSync(join(root, from), join(root, to), { recursive: true, filter: (p) => !p.includes('__pycache__') });
  }
}
console.log(`built ${bundles.length} bundles and ${testSources.length} test/source files -> ${relative(process.cwd(), join(root, 'dist'))}, out`);
