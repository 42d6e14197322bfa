// Integration: the CLI as an npm package. `npm pack` (the build's dist/ as it is), then the tarball installed
// into an empty prefix, offline: the package has no dependencies to fetch (they are bundled into dist/), and
// the installed `lambda-workbench` answers --help and invokes the blueprint it ships.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { repoRoot } from './helpers/engine';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface PackResult {
  filename: string;
  size: number;
  files: { path: string }[];
}

describe('npm package', () => {
  const out = tempDir('lwb-pack-');
  const prefix = tempDir('lwb-prefix-');
  let pack: PackResult;

  before(() => {
    // --ignore-scripts: `prepare` would rebuild; the test packs the build the suite runs on.
    const r = run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', out], repoRoot);
    assert.equal(r.code, 0, r.stderr);
    pack = (JSON.parse(r.stdout) as PackResult[])[0];
  });

  test('the tarball holds the built CLI and runtimes, no sources, tests or source maps', () => {
    const paths = pack.files.map((f) => f.path);
    for (const p of ['bin/lambda-workbench.js', 'dist/cli.js', 'dist/cli-main.js', 'dist/runtimes/nodejs/bootstrap.js', 'dist/runtimes/python/bootstrap.py', 'dist/vendor/archiver.js', 'dist/vendor/smol-toml.js', 'blueprints/hello-world-nodejs/template.yaml', 'package.json', 'README.md', 'LICENSE']) {
      assert.ok(paths.includes(p), `${p} is in the tarball`);
    }
    assert.deepEqual(paths.filter((p) => /^(src|test|out|scripts|media)\//.test(p) || p.endsWith('.map') || p.endsWith('.pyc') || (p.includes('node_modules') && !/^blueprints\/[^/]+\/layer\/nodejs\/node_modules\//.test(p)) || p.includes('.lambda-workbench')), []);
    // A layer blueprint's shared code is its layer's nodejs/node_modules (what `init` copies from the installed CLI).
    assert.ok(paths.includes('blueprints/shared-layer-nodejs/layer/nodejs/node_modules/shared-format/index.js'));
    assert.ok(pack.size < 3_000_000, `tarball is ${pack.size} bytes`);
  });

  test('installed offline into an empty prefix: no dependencies pulled, --help and a blueprint invoke work', () => {
    const tarball = join(out, pack.filename);
    const install = run(npm, ['install', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], prefix);
    assert.equal(install.code, 0, install.stderr);
    assert.deepEqual(readdirSync(join(prefix, 'node_modules')).filter((n) => !n.startsWith('.')), ['lambda-workbench']);
    const exe = join(prefix, 'node_modules', '.bin', 'lambda-workbench');
    assert.ok(existsSync(exe));
    const help = run(exe, ['--help'], prefix);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^Usage: lambda-workbench \[options\] \[command\]/m);
    assert.match(help.stdout, /^ {2}invoke \[options\] \[function\]/m);
    const app = join(tempDir('lwb-blueprint-'), 'hello');
    cpSync(join(prefix, 'node_modules', 'lambda-workbench', 'blueprints', 'hello-world-nodejs'), app, { recursive: true });
    const invoke = run(exe, ['invoke', '-e', 'events/event.json'], app);
    assert.equal(invoke.code, 0, invoke.stderr);
    assert.equal((JSON.parse(invoke.stdout) as { statusCode: number }).statusCode, 200);
    assert.match(invoke.stderr, /^REPORT RequestId: /m);
  });
});
