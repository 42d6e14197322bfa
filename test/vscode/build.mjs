// VS Code test tier: bundles the mocha suites (run inside the extension host) and the electron launcher
// into dist/vscode-test/. 'vscode' comes from the host; mocha and @vscode/test-electron from node_modules.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, '..', '..', 'dist', 'vscode-test');
const suites = readdirSync(join(here, 'suite')).filter((f) => f.endsWith('.ts')).map((f) => join(here, 'suite', f));

await esbuild.build({
  entryPoints: [...suites, join(here, 'runElectron.ts')],
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha', '@vscode/test-electron', 's3rver'],
  logLevel: 'warning',
});
console.log(`built ${suites.length} suite files -> ${outdir}`);
