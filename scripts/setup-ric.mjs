#!/usr/bin/env node
// Builds the official Node.js runtime interface client (npm `aws-lambda-ric`) once per machine, into a cache
// folder OUTSIDE the repo, for test/integration/providedRic.test.ts (a custom runtime we did not write).
//
//   node scripts/setup-ric.mjs            install (or confirm) and print the install path
//   node scripts/setup-ric.mjs --check    only check; exit 1 if not installed (never builds)
//   node scripts/setup-ric.mjs --force    rebuild even when cached
//   node scripts/setup-ric.mjs --verbose  stream the native build's output (always kept in <path>/setup.log)
//
// Where: ${XDG_CACHE_HOME:-~/.cache}/lambda-workbench/aws-lambda-ric-<version>/ (the version is pinned in
// test/fixtures/provided/ric/ric-version.json, read by the test too). The package's install scripts build its
// bundled curl and aws-lambda-cpp sources (deps/*.tar.xz: no downloads besides the npm registry) with
// autotools/cmake/make, then a native addon with node-gyp against this Node's headers. The build happens in a
// sibling "partial" folder that is renamed into place only after the addon loaded and the stamp file was
// written, so a half-written cache is never taken for a good one (and is rebuilt).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const versionFile = join(repoRoot, 'test/fixtures/provided/ric/ric-version.json');
const STAMP = '.setup-complete.json';

const args = new Set(process.argv.slice(2));
const checkOnly = args.has('--check');
const force = args.has('--force');
const verbose = args.has('--verbose');

function fail(message) {
  console.error(`setup-ric: ${message}`);
  process.exit(1);
}

const version = process.env.RIC_VERSION || JSON.parse(readFileSync(versionFile, 'utf8')).version;
const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'lambda-workbench');
const home = join(cacheRoot, `aws-lambda-ric-${version}`);
const pkgDir = (dir) => join(dir, 'node_modules', 'aws-lambda-ric');

/** The built addon: 4.x copies it to the package root, 3.x to dist/. */
function findAddon(dir) {
  return ['rapid-client.node', 'dist/rapid-client.node', 'build/Release/rapid-client.node']
    .map((p) => join(pkgDir(dir), p))
    .find((p) => existsSync(p));
}

/** Loads the addon in a child Node (it reads AWS_LAMBDA_RUNTIME_API when loaded and aborts without it). */
function verify(dir) {
  const addon = findAddon(dir);
  if (!addon) return { ok: false, why: `no rapid-client.node under ${pkgDir(dir)} (the install scripts did not build it)` };
  if (!existsSync(join(dir, 'node_modules', '.bin', 'aws-lambda-ric'))) return { ok: false, why: 'no node_modules/.bin/aws-lambda-ric' };
  const code = `const m = require(${JSON.stringify(addon)}); for (const f of ['next', 'done', 'error']) if (typeof m[f] !== 'function') throw new Error('addon lacks ' + f);`;
  const r = spawnSync(process.execPath, ['-e', code], { env: { ...process.env, AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9' }, encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, why: `the addon ${addon} does not load: ${(r.stderr || r.error?.message || `exit ${r.status} ${r.signal ?? ''}`).trim()}` };
  return { ok: true, addon };
}

function readStamp(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, STAMP), 'utf8'));
  } catch {
    return undefined;
  }
}

function isComplete(dir) {
  const stamp = readStamp(dir);
  return stamp?.version === version && verify(dir).ok;
}

// ---- cached? ---------------------------------------------------------------------------------------------
if (!force && isComplete(home)) {
  console.log(home);
  process.exit(0);
}
if (checkOnly) {
  fail(`aws-lambda-ric@${version} is not built in ${home}. Run: node scripts/setup-ric.mjs`);
}

// ---- prerequisites ---------------------------------------------------------------------------------------
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const major = Number(version.split('.')[0]);
/** [commands (any one will do), Debian package] */
const tools = [
  [['cmake', 'cmake3'], 'cmake'],
  [['make'], 'make'],
  [['cc', 'gcc'], 'gcc'],
  [['c++', 'g++'], 'g++'],
  [['python3'], 'python3'], // node-gyp
  [['tar'], 'tar'],
  [['xz'], 'xz-utils'], // 4.x ships deps/*.tar.xz
  // 3.x ships curl without a generated configure: its ./buildconf runs autoreconf.
  ...(major < 4 ? [[['autoreconf'], 'autoconf'], [['automake'], 'automake'], [['libtoolize'], 'libtool']] : []),
];
if (process.platform !== 'linux') fail(`aws-lambda-ric builds its native addon on Linux only (this is ${process.platform}).`);
const missing = tools.filter(([cmds]) => !cmds.some(has)).map(([cmds, pkg]) => `${pkg} (for ${cmds[0]})`);
if (missing.length) {
  const pkgs = missing.map((m) => m.split(' ')[0]);
  fail(`cannot build aws-lambda-ric@${version}: missing ${missing.join(', ')}.\n` +
    `  On Debian/Ubuntu: sudo apt-get install -y ${pkgs.join(' ')}`);
}

// node-gyp needs this Node's headers; it downloads them from nodejs.org unless told where they are. Official
// Node tarballs and distro packages ship them in <prefix>/include/node.
const env = { ...process.env };
const prefix = dirname(dirname(process.execPath));
if (!env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'common.gypi'))) env.npm_config_nodedir = prefix;
if (!env.npm_config_nodedir) {
  console.error(`setup-ric: no Node headers under ${prefix}/include/node; node-gyp will try to download them from nodejs.org.`);
}

// ---- build -----------------------------------------------------------------------------------------------
mkdirSync(cacheRoot, { recursive: true });
// Leftovers of interrupted runs (their process is gone) and a stamp-less final folder are half-written caches.
for (const name of readdirSync(cacheRoot)) {
  const m = name.match(/^aws-lambda-ric-.+\.partial-(\d+)$/);
  if (m && !isAlive(Number(m[1]))) rmSync(join(cacheRoot, name), { recursive: true, force: true });
}
if (existsSync(home)) {
  console.error(`setup-ric: ${home} is incomplete or stale; rebuilding it.`);
  rmSync(home, { recursive: true, force: true });
}

const work = `${home}.partial-${process.pid}`;
mkdirSync(work, { recursive: true });
writeFileSync(join(work, 'package.json'), JSON.stringify({
  name: 'lambda-workbench-aws-lambda-ric',
  private: true,
  description: 'Built by lambda-workbench scripts/setup-ric.mjs for test/integration/providedRic.test.ts',
  dependencies: { 'aws-lambda-ric': version },
  // npm 11: install scripts of dependencies run only when covered by allowScripts; this one must run.
  allowScripts: { 'aws-lambda-ric': true },
}, null, 2) + '\n');

const logPath = join(work, 'setup.log');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npmArgs = ['install', '--foreground-scripts', '--ignore-scripts=false', '--engine-strict=false', '--no-audit', '--no-fund', '--loglevel=notice'];
const started = Date.now();
console.error(`setup-ric: building aws-lambda-ric@${version} with Node ${process.version} in ${work} (about a minute; log: ${logPath})`);
const status = await new Promise((resolve) => {
  const log = createWriteStream(logPath);
  const child = spawn(npm, npmArgs, { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const s of [child.stdout, child.stderr]) {
    s.pipe(log, { end: false });
    if (verbose) s.pipe(process.stderr, { end: false });
  }
  child.on('error', (err) => {
    log.end(`\n${err.stack}\n`);
    resolve(`could not start npm: ${err.message}`);
  });
  child.on('close', (code, signal) => log.end(() => resolve(code === 0 ? 0 : `npm install exited with ${signal ?? code}`)));
});

function failWithLog(why) {
  const tail = readFileSync(logPath, 'utf8').split('\n').slice(-40).join('\n');
  const hint = /gyp.*(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|nodejs\.org)/i.test(tail)
    ? '\n  node-gyp tried to download Node headers: set npm_config_nodedir to a Node install that has include/node.'
    : '';
  fail(`${why}\n----- last lines of ${logPath} -----\n${tail}\n-----${hint}\n  The partial build is left in ${work} for inspection (removed by the next run).`);
}

if (status !== 0) failWithLog(status);
const check = verify(work);
if (!check.ok) failWithLog(check.why);

// The stamp is written last; only then does the folder take its final name.
writeFileSync(join(work, STAMP), JSON.stringify({
  version,
  node: process.version,
  addon: check.addon.slice(work.length + 1),
  builtAt: new Date().toISOString(),
  seconds: Math.round((Date.now() - started) / 100) / 10,
}, null, 2) + '\n');
try {
  renameSync(work, home);
} catch (err) {
  // Another run finished first: use its result.
  rmSync(work, { recursive: true, force: true });
  if (!isComplete(home)) fail(`could not move ${work} to ${home}: ${err.message}`);
}
if (!isComplete(home)) fail(`${home} does not verify after the move`);
console.error(`setup-ric: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(home);

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}
