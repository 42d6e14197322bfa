// Integration: the CLI loads its bundle through a V8 code cache in the user's cache folder. Real CLI
// processes: the output is the same with a cache, without one, and with a corrupt one (which is replaced);
// only a command that ran leaves a cache, one per command and one per vendor bundle it loaded.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const zoo = join(fixtures, 'engine', 'template.yaml');
const stateDir = tempDir('lwb-cli-cc-');

function cli(args: string[], cacheDir: string, extraEnv: Record<string, string> = {}) {
  // No shared AWS config files (a machine with ~/.aws would also load, and cache, the profile reader).
  const env = { ...process.env, LAMBDA_WORKBENCH_CACHE_DIR: cacheDir, AWS_CONFIG_FILE: join(cacheDir, 'no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(cacheDir, 'no-aws-credentials'), ...extraEnv };
  const r = spawnSync(process.execPath, [bin, ...args, '-t', zoo, '--state-dir', stateDir], { cwd: repoRoot, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const caches = (cacheDir: string): string[] => {
  const dir = join(cacheDir, 'code-cache');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

describe('the CLI\'s code cache', () => {
  test('the first run leaves a cache for its command; the next runs use it and print the same', () => {
    const cacheDir = tempDir('lwb-cc-');
    const first = cli(['invoke', 'Cjs'], cacheDir);
    assert.equal(first.code, 0, first.stderr);
    const written = caches(cacheDir);
    assert.deepEqual(
      written.map((f) => f.replace(/[0-9a-f]{24}/, 'KEY')),
      // A warm invoke runs from the staged tree: no ZIP to write or extract. This first run of the state
      // directory parses the template (the yaml vendor bundle); the next ones take the parsed-template cache.
      ['cli-chunk_yaml-KEY.v8cache', 'cli-invoke-KEY.v8cache'],
    );
    const mtimes = () => written.map((f) => statSync(join(cacheDir, 'code-cache', f)).mtimeMs);
    const before = mtimes();

    const second = cli(['invoke', 'Cjs'], cacheDir);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout, first.stdout);
    assert.deepEqual(mtimes(), before, 'a usable cache was written again');
    assert.deepEqual(caches(cacheDir), written);

    const list = cli(['list'], cacheDir);
    assert.equal(list.code, 0, list.stderr);
    assert.equal(caches(cacheDir).filter((f) => f.startsWith('cli-list-')).length, 1);
  });

  test('a corrupt cache is not used, and replaced', () => {
    const cacheDir = tempDir('lwb-cc-');
    const plain = cli(['invoke', 'Cjs'], cacheDir, { LAMBDA_WORKBENCH_CODE_CACHE: '0' });
    assert.equal(plain.code, 0, plain.stderr);
    assert.deepEqual(caches(cacheDir), [], 'LAMBDA_WORKBENCH_CODE_CACHE=0 wrote a cache');
    cli(['invoke', 'Cjs'], cacheDir);
    const file = caches(cacheDir).find((f) => f.startsWith('cli-invoke-'))!;
    const path = join(cacheDir, 'code-cache', file);
    const good = readFileSync(path);
    writeFileSync(path, Buffer.alloc(good.length, 0x5a));
    const r = cli(['invoke', 'Cjs'], cacheDir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, plain.stdout);
    assert.notEqual(readFileSync(path)[0], 0x5a, 'the corrupt cache was kept');
  });

  test('a run that stops at a usage or configuration error leaves no cache', () => {
    const cacheDir = tempDir('lwb-cc-');
    const r = cli(['invoke', 'NoSuchFunction'], cacheDir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /NoSuchFunction/);
    assert.deepEqual(caches(cacheDir), []);
  });
});
