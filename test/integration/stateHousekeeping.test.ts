// Integration: what the engine keeps on disk stays bounded and nothing is left behind — real CLI processes
// killed mid-work, two engines sharing one state directory, real edits and builds.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { LambdaService, type LambdaServiceOptions } from '../../src/core/service';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot, waitFor } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const runtimesDir = join(repoRoot, 'dist', 'runtimes');
const root = tempDir('lwb-state-');
let n = 0;
const fresh = (): string => {
  const dir = join(root, `t${n++}`);
  mkdirSync(dir);
  return dir;
};
const DAY = 24 * 60 * 60_000;

function service(cwd: string, stateDir: string, extra: Partial<LambdaServiceOptions> = {}): LambdaService {
  return new LambdaService({ cwd, stateDir, runtimesDir, ...extra });
}

/** Every path under `dir`, relative. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

const LEFTOVER = /\.tmp$|\.extract-[0-9a-f]+$|\.old-[0-9a-f]+$|(^|\/)build-[0-9A-Za-z]{6}$/;

describe('the state directory is created only when something is written', () => {
  test('`lambda-workbench list` in a folder without a template writes nothing', () => {
    const dir = fresh();
    const r = spawnSync(process.execPath, [bin, 'list'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /TEMPLATE_NOT_FOUND/);
    assert.deepEqual(readdirSync(dir), []);
  });

  test('an engine over a folder without a template (the extension opened on any folder) writes nothing', async () => {
    const dir = fresh();
    const s = new LambdaService({ cwd: dir, runtimesDir });
    await assert.rejects(s.listFunctions(), /template/i);
    await s.dispose();
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe('a killed `package` leaves nothing behind', () => {
  test('SIGKILL mid-build, then the next run: no temp file or folder remains', async () => {
    const dir = fresh();
    const state = join(dir, 'state');
    // Enough files that the build takes a while: the kill lands inside it.
    for (let i = 0; i < 20; i++) {
      mkdirSync(join(dir, 'fn', `d${i}`), { recursive: true });
      for (let j = 0; j < 60; j++) writeFileSync(join(dir, 'fn', `d${i}`, `f${j}.js`), randomBytes(2048).toString('base64'));
    }
    writeFileSync(join(dir, 'fn', 'index.js'), 'exports.handler = async () => "ok";\n');
    writeFileSync(join(dir, 'template.yaml'), 'Resources:\n  Big:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: fn/, Handler: index.handler, Runtime: nodejs20.x }\n');
    const args = [bin, 'package', 'Big', '--state-dir', state, '--out', join(state, 'dist')];

    const killed = spawn(process.execPath, args, { cwd: dir, stdio: 'ignore' });
    const work = join(state, 'packages', 'tmp');
    const started = await waitFor(() => existsSync(work) && readdirSync(work).length > 0, 30_000);
    killed.kill('SIGKILL');
    await new Promise((r) => killed.once('exit', r));
    assert.ok(started, 'the build never started');
    assert.ok(tree(state).some((p) => LEFTOVER.test(p) || p.startsWith('packages/tmp/')), `the kill left nothing to clean: ${tree(state).join(', ')}`);

    const again = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(again.status, 0, again.stderr);
    assert.ok(existsSync(join(state, 'dist', 'Big.zip')));
    const left = tree(state).filter((p) => LEFTOVER.test(p));
    assert.deepEqual(left, []);
    assert.deepEqual(readdirSync(work), []);
  });
});

describe('two engines sharing one state directory', () => {
  test('a SIGKILLed engine\'s environment folder is removed at the next start; a live engine\'s stays', async () => {
    const dir = fresh();
    const state = join(dir, 'state');
    const envs = join(state, 'envs');
    const zoo = join(fixtures, 'engine', 'template.yaml');
    const live = service(join(fixtures, 'engine'), state);
    try {
      await live.invoke('Cjs', '{}');
      const liveEnv = readdirSync(envs);
      assert.equal(liveEnv.length, 1);

      const cli = spawn(process.execPath, [bin, 'invoke', 'LongBusy', '-t', zoo, '--state-dir', state], { stdio: 'ignore' });
      assert.ok(await waitFor(() => readdirSync(envs).length === 2, 20_000), 'the CLI\'s environment never started');
      await new Promise((r) => setTimeout(r, 300));
      cli.kill('SIGKILL');
      await new Promise((r) => cli.once('exit', r));
      assert.equal(readdirSync(envs).length, 2, 'the killed engine left its folder (the defect this fixes)');

      const next = service(join(fixtures, 'engine'), state);
      await next.listFunctions();
      await next.dispose();
      assert.deepEqual(readdirSync(envs), liveEnv);
      assert.ok(live.environments().length === 1);
      assert.equal((await live.invoke('Cjs', '{}')).coldStart, false, 'the live engine\'s warm environment still works');
    } finally {
      await live.dispose();
    }
    assert.deepEqual(readdirSync(envs), []);
  });

  test('edits keep the package cache under its bound; what the other engine runs is kept', async () => {
    const dir = fresh();
    const state = join(dir, 'state');
    cpSync(join(fixtures, 'node', 'cjs'), join(dir, 'fn'), { recursive: true });
    writeFileSync(join(dir, 'fn', 'blob.bin'), randomBytes(600 * 1024));
    writeFileSync(join(dir, 'template.yaml'), 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: fn/, Handler: index.handler, Runtime: nodejs20.x }\n');
    const limits = { packageCacheBytes: 2 * 1024 * 1024, packageGraceMs: 0 };
    const other = service(dir, state, { stateLimits: limits });
    const editor = service(dir, state, { stateLimits: limits });
    try {
      await other.invoke('Fn', '{}');
      const running = await other.taskRootOf('Fn');
      const sizes: number[] = [];
      for (let i = 0; i < 6; i++) {
        writeFileSync(join(dir, 'fn', 'blob.bin'), randomBytes(600 * 1024));
        const built = await editor.packageFunction('Fn');
        assert.equal(built.fromCache, false);
        sizes.push(cacheBytes(state));
      }
      // Each build is a ~600 KB ZIP (`package` stages nothing); without a bound the cache grows by that per edit.
      assert.ok(Math.max(...sizes) <= 2 * 1024 * 1024, `cache sizes after each edit: ${sizes.join(', ')}`);
      assert.ok(existsSync(join(running, 'blob.bin')), 'the package the other engine\'s warm environment runs from was evicted');
      assert.equal((await other.invoke('Fn', '{}')).functionError, undefined);
      const latest = await editor.packageFunction('Fn');
      assert.equal(latest.fromCache, true, 'the current build was evicted');
    } finally {
      await other.dispose();
      await editor.dispose();
    }
  });
  test('an engine whose idle package another engine evicted rebuilds it instead of failing', async () => {
    const dir = fresh();
    const state = join(dir, 'state');
    // Two copies of one project (same logical id, different bytes) sharing a state directory.
    for (const copy of ['a', 'b']) {
      cpSync(join(fixtures, 'node', 'cjs'), join(dir, copy, 'fn'), { recursive: true });
      writeFileSync(join(dir, copy, 'template.yaml'), 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: fn/, Handler: index.handler, Runtime: nodejs20.x }\n');
    }
    const limits = { packageCacheBytes: 1024 * 1024, packageGraceMs: 0 };
    const idle = service(join(dir, 'a'), state, { stateLimits: limits, idleTimeoutMs: 100 });
    const busy = service(join(dir, 'b'), state, { stateLimits: limits });
    try {
      await idle.invoke('Fn', '{}');
      const first = await idle.taskRootOf('Fn');
      assert.ok(await waitFor(() => idle.environments().length === 0, 5000), 'the idle environment was not reaped');
      for (let i = 0; i < 4; i++) {
        writeFileSync(join(dir, 'b', 'fn', 'blob.bin'), randomBytes(300 * 1024));
        await busy.packageFunction('Fn');
      }
      assert.equal(existsSync(first), false, 'precondition: the idle engine\'s package was evicted');
      const r = await idle.invoke('Fn', '{}');
      assert.equal(r.functionError, undefined, r.payload.toString());
      assert.equal(r.coldStart, true);
    } finally {
      await idle.dispose();
      await busy.dispose();
    }
  });
});

describe('published layer versions', () => {
  test('a published version keeps working after the build it was published from is evicted', async () => {
    const dir = fresh();
    const state = join(dir, 'state');
    for (const part of ['node-layer', 'node-fn']) cpSync(join(fixtures, 'layers', part), join(dir, 'app', part), { recursive: true });
    writeFileSync(
      join(dir, 'app', 'template.yaml'),
      [
        'Resources:',
        '  NodeLayer:',
        '    Type: AWS::Serverless::LayerVersion',
        '    Properties: { LayerName: published-greeting, ContentUri: node-layer/ }',
        '  PublishedLayerUser:',
        '    Type: AWS::Serverless::Function',
        '    Properties: { CodeUri: node-fn/, Handler: index.handler, Runtime: nodejs20.x, Layers: [arn:aws:lambda:us-east-1:123456789012:layer:published-greeting:1] }',
      ].join('\n'),
    );
    const s = service(join(dir, 'app'), state, { stateLimits: { packageCacheBytes: 1, packageGraceMs: 0 } });
    try {
      await s.layers.publish('NodeLayer');
      const builtFrom = folderWithZip(state, (await s.layers.list())[0].codeSha256);
      assert.ok(builtFrom && existsSync(builtFrom), 'precondition: the published ZIP was built in the cache');
      // A later edit of the layer: its new build becomes the current one, and the bound evicts the old.
      writeFileSync(join(dir, 'app', 'node-layer', 'extra.txt'), 'edited');
      await s.layers.publish('NodeLayer');
      assert.equal(existsSync(builtFrom), false, 'the first build is still cached');
      const r = await s.invoke('PublishedLayerUser', '{}');
      assert.equal(JSON.parse(r.payload.toString()).greeting, 'hello from the node layer', r.payload.toString());
    } finally {
      await s.dispose();
    }
  });
});

describe('logs are bounded', () => {
  test('at start, streams past the age limit and the oldest past the size limit are deleted', async () => {
    const dir = fresh();
    const state = join(dir, 'state');
    const group = join(state, 'logs', 'aws__lambda__Cjs');
    mkdirSync(group, { recursive: true });
    const old = (Date.now() - 8 * DAY) / 1000;
    writeFileSync(join(group, 'old.jsonl'), '{"timestamp":0,"message":"old"}\n');
    utimesSync(join(group, 'old.jsonl'), old, old);
    for (const [name, ageDays] of [['big-older', 3], ['big-newer', 2]] as const) {
      writeFileSync(join(group, `${name}.jsonl`), 'x'.repeat(600_000));
      const t = (Date.now() - ageDays * DAY) / 1000;
      utimesSync(join(group, `${name}.jsonl`), t, t);
    }
    const s = service(join(fixtures, 'engine'), state, { stateLimits: { logMaxBytes: 1_000_000 } });
    await s.listFunctions();
    await s.dispose();
    assert.deepEqual(readdirSync(group), ['big-newer.jsonl']);
  });

  test('when an environment ends, its engine prunes the logs', async () => {
    const dir = fresh();
    const state = join(dir, 'state');
    const s = service(join(fixtures, 'engine'), state, { idleTimeoutMs: 200 });
    try {
      await s.invoke('Cjs', '{}');
      const group = join(state, 'logs', 'aws__lambda__Cjs');
      const [stream] = readdirSync(group);
      // A stream another engine closed long ago.
      writeFileSync(join(group, 'ancient.jsonl'), '{}\n');
      const old = (Date.now() - 30 * DAY) / 1000;
      utimesSync(join(group, 'ancient.jsonl'), old, old);
      assert.ok(await waitFor(() => s.environments().length === 0, 5000), 'the idle environment was not reaped');
      assert.ok(await waitFor(() => !existsSync(join(group, 'ancient.jsonl')), 5000), 'closing a stream did not prune');
      assert.deepEqual(readdirSync(group), [stream]);
      assert.match(readFileSync(join(group, stream), 'utf8'), /"message":"REPORT RequestId/);
    } finally {
      await s.dispose();
    }
  });
});

/** The cache folder whose package.zip has this CodeSha256 (folders are named by tree hash, not by it). */
function folderWithZip(state: string, codeSha256: string): string | undefined {
  const dir = join(state, 'packages');
  return readdirSync(dir)
    .filter((x) => /^[0-9a-f]{64}$/.test(x) && existsSync(join(dir, x, 'package.zip')))
    .map((x) => join(dir, x))
    .find((f) => createHash('sha256').update(readFileSync(join(f, 'package.zip'))).digest('base64') === codeSha256);
}

function cacheBytes(state: string): number {
  const dir = join(state, 'packages');
  let bytes = 0;
  const walk = (p: string): void => {
    for (const e of readdirSync(p, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(p, e.name));
      else bytes += statSync(join(p, e.name)).size;
    }
  };
  for (const x of readdirSync(dir).filter((y) => /^[0-9a-f]{64}$/.test(y))) walk(join(dir, x));
  return bytes;
}
