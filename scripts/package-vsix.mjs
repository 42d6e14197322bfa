// Builds the platform-specific VSIX (`vsce --target`): the production bundles plus esbuild for this
// machine's platform, so `BuildMethod: esbuild` works in any folder without the user installing it.
// esbuild's binary is a separate executable (not a Node addon), so it runs in any extension host.
//   node scripts/package-vsix.mjs [--target linux-x64] [--out lambda-workbench-linux-x64.vsix] [--restore-dev-build]
// --restore-dev-build rebuilds dist/ for development afterwards (the VS Code tier packages, then goes on).
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
// VS Code's target names are esbuild's platform package names with "win32" for Windows.
const target = arg('--target') ?? `${process.platform}-${process.arch}`;
const out = arg('--out') ?? `lambda-workbench-${target}.vsix`;
const esbuildPlatform = target.replace(/^alpine-/, 'linux-');

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production']);

// dist/node_modules/esbuild (its JS API) and dist/node_modules/@esbuild/<platform> (the binary): found by
// require.resolve('esbuild') from dist/extension.js, and by esbuild itself next to its own package.
const load = createRequire(join(root, 'package.json'));
const esbuildDir = dirname(load.resolve('esbuild/package.json'));
const version = JSON.parse(readFileSync(join(esbuildDir, 'package.json'), 'utf8')).version;
const binaryPackage = `@esbuild/${esbuildPlatform}`;
let binaryDir;
try {
  binaryDir = dirname(createRequire(join(esbuildDir, 'package.json')).resolve(`${binaryPackage}/package.json`));
} catch {
  console.error(`esbuild's binary package ${binaryPackage}@${version} is not installed: run \`npm install --no-save --force ${binaryPackage}@${version}\` first to package for ${target}.`);
  process.exit(2);
}
const vendored = join(root, 'dist', 'node_modules');
rmSync(vendored, { recursive: true, force: true });
mkdirSync(join(vendored, 'esbuild', 'lib'), { recursive: true });
for (const f of ['package.json', 'LICENSE.md', 'lib/main.js', 'lib/main.d.ts']) cpSync(join(esbuildDir, f), join(vendored, 'esbuild', f));
cpSync(binaryDir, join(vendored, '@esbuild', esbuildPlatform), { recursive: true });
const binary = join(vendored, '@esbuild', esbuildPlatform, ...(target.startsWith('win32') ? ['esbuild.exe'] : ['bin', 'esbuild']));
if (!target.startsWith('win32')) chmodSync(binary, 0o755);
console.log(`vendored esbuild ${version} (${binaryPackage}) into dist/node_modules`);

// README images stay relative (media/ ships in the VSIX; there is no repository URL to rewrite them against).
run(process.execPath, [load.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--target', target, '--out', out]);
if (process.argv.includes('--restore-dev-build')) {
  rmSync(vendored, { recursive: true, force: true });
  run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
}
