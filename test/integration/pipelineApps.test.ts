// Integration: an application template's own pipeline, run locally — `lambda-workbench init --app` into a temp
// folder, a real git repository with one commit, then `lambda-workbench pipeline run`: the app's buildspec.yml runs
// its unit tests (npm test) and `lambda-workbench package --all` (the CLI running the pipeline is first on the
// build's PATH), and the local deploy publishes version 1 of its AutoPublishAlias function with alias live → 1.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { AliasStore } from '../../src/core/registry/aliasStore';
import { VersionStore } from '../../src/core/registry/versionStore';
import { tempDir } from '../helpers/tempDirs';
import { repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
/** Without node:test's marker, which would make the app's own `node --test` skip its files. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_TEST_CONTEXT'));

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('queue-worker-nodejs: its buildspec runs its unit tests and packages with this CLI, then version 1 goes live', async () => {
  const dir = join(tempDir('lwb-pipeline-app-'), 'orders');
  const init = run(process.execPath, [bin, 'init', dir, '--app', 'queue-worker-nodejs'], repoRoot);
  assert.equal(init.code, 0, init.stderr);
  for (const args of [['init', '-q'], ['config', 'user.email', 'dev@example.com'], ['config', 'user.name', 'Dev'], ['add', '-A'], ['commit', '-qm', 'From the template']]) {
    const r = run('git', args, dir);
    assert.equal(r.code, 0, r.stderr);
  }
  const r = run(process.execPath, [bin, 'pipeline', 'run'], dir);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /^\[pre_build\] Running command npm test$/m);
  assert.match(r.stderr, /^\[pre_build\] # fail 0$/m);
  assert.match(r.stderr, /^\[build\] Running command if \[ -n "\$PACKAGE_BUCKET" \]/m);
  // `lambda-workbench package --all` printed the package of the function (path, size, CodeSha256).
  assert.match(r.stderr, /^\[build\] .*OrderWorkerFunction.*\.zip/m);
  assert.match(r.stderr, /OrderWorkerFunction: published version 1, alias live → 1/);
  const state = join(dir, '.lambda-workbench');
  assert.deepEqual((await new VersionStore(join(state, 'versions')).list('OrderWorkerFunction')).map((v) => v.version), [1]);
  assert.equal((await new AliasStore(join(state, 'aliases')).get('OrderWorkerFunction', 'live'))?.functionVersion, '1');
});
