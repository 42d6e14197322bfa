// Unit: the package cache stays under its size bound — least recently used builds go first — and never
// evicts the current build of a function, what a live environment (of any process) runs, or what another
// process used moments ago. Real files and real processes; the virtual clock stamps and ages entries.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { VirtualClock } from '../../../src/core/common/clock';
import { buildFunctionPackage, PackageCache } from '../../../src/core/packaging';
import type { BuiltPackage } from '../../../src/core/packaging';
import { claimEnvFolder, foldersInUse } from '../../../src/core/store/envFolders';
import { ownerOf } from '../../../src/core/store/processOwner';
import { fnConfig, removeDir, tempDir } from './helpers';

const root = tempDir('lw-cache-');
after(() => removeDir(root));

const KB = 1024;
/** Each build holds a 256 KB incompressible file: ~256 KB of ZIP plus ~256 KB extracted. */
const ENTRY = 512 * KB;
let n = 0;

function project(): { src: string; state: string; envs: string; clock: VirtualClock } {
  const dir = join(root, `p${n++}`);
  mkdirSync(dir, { recursive: true });
  return { src: join(dir, 'src'), state: join(dir, 'state'), envs: join(dir, 'state', 'envs'), clock: new VirtualClock(Date.now()) };
}

/** Writes new content (or `blob`, to go back to an earlier version) for function `id` and builds it. */
async function edit(cache: PackageCache, src: string, id: string, blob: Buffer = randomBytes(256 * KB)): Promise<BuiltPackage> {
  const dir = join(src, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bootstrap'), '#!/bin/sh\n');
  writeFileSync(join(dir, 'blob.bin'), blob);
  return build(cache, src, id);
}

function build(cache: PackageCache, src: string, id: string): Promise<BuiltPackage> {
  return buildFunctionPackage(fnConfig({ logicalId: id, functionName: id, runtime: 'provided.al2023', code: { kind: 'directory', path: join(src, id) } }), { cache });
}

/** The cache's package folders (one per CodeSha256) and their total size. */
function entries(state: string): { names: string[]; bytes: number } {
  const dir = join(state, 'packages');
  const names = readdirSync(dir).filter((x) => /^[0-9a-f]{64}$/.test(x));
  let bytes = 0;
  const walk = (p: string): void => {
    for (const e of readdirSync(p, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(p, e.name));
      else bytes += statSync(join(p, e.name)).size;
    }
  };
  for (const x of names) walk(join(dir, x));
  return { names, bytes };
}

const folderOf = (b: BuiltPackage): string => join(b.extractedDir, '..');

function sleeper(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return new Promise((resolve) => child.once('spawn', () => resolve(child)));
}

describe('package cache eviction', () => {
  test('stays under its bound, least recently used first, keeping the current build of every function', async () => {
    const p = project();
    const cache = new PackageCache(p.state, { maxBytes: 2.5 * ENTRY, graceMs: 60_000, clock: p.clock });
    const a1 = await edit(cache, p.src, 'A');
    p.clock.advance(120_000);
    const b1 = await edit(cache, p.src, 'B');
    p.clock.advance(120_000);
    const a2 = await edit(cache, p.src, 'A');
    p.clock.advance(120_000);
    const a3 = await edit(cache, p.src, 'A');

    const { names, bytes } = entries(p.state);
    assert.ok(bytes <= 2.5 * ENTRY, `${bytes} bytes in ${names.length} entries, over the ${2.5 * ENTRY} bound`);
    // A1 and A2 were the least recently used; B1 is older than A2 but is B's current build.
    assert.equal(existsSync(folderOf(a1)), false);
    assert.equal(existsSync(folderOf(a2)), false);
    assert.ok(existsSync(join(folderOf(b1), 'task', 'blob.bin')));
    assert.ok(existsSync(join(folderOf(a3), 'package.zip')));
    // The survivors are still served from the cache; an evicted build is built again, not half-found.
    assert.equal((await build(cache, p.src, 'B')).fromCache, true);
    assert.equal((await build(cache, p.src, 'A')).fromCache, true);
  });

  test('a use refreshes an entry: the least recently *used* goes, not the oldest built', async () => {
    const p = project();
    const cache = new PackageCache(p.state, { maxBytes: 3.5 * ENTRY, graceMs: 0, clock: p.clock });
    const v1 = randomBytes(256 * KB);
    const a1 = await edit(cache, p.src, 'A', v1);
    p.clock.advance(1000);
    const a2 = await edit(cache, p.src, 'A');
    p.clock.advance(1000);
    const a3 = await edit(cache, p.src, 'A');
    p.clock.advance(1000);
    // The edit is undone: A1 is used again (a cache hit), so A2 is now the least recently used.
    assert.equal((await edit(cache, p.src, 'A', v1)).fromCache, true);
    p.clock.advance(1000);
    const a4 = await edit(cache, p.src, 'A');
    assert.ok(existsSync(folderOf(a1)));
    assert.equal(existsSync(folderOf(a2)), false);
    assert.ok(existsSync(folderOf(a3)));
    assert.ok(existsSync(folderOf(a4)));
  });

  test('never evicts what a live environment of another process runs; once that process is gone, it can go', async () => {
    const p = project();
    const child = await sleeper();
    try {
      const cache = new PackageCache(p.state, { maxBytes: 2.5 * ENTRY, graceMs: 0, clock: p.clock, inUse: () => foldersInUse(p.envs, p.clock.now()) });
      const a1 = await edit(cache, p.src, 'A');
      await claimEnvFolder(p.envs, 'env-of-child', [a1.extractedDir], ownerOf(child.pid!));
      for (let i = 0; i < 3; i++) {
        p.clock.advance(1000);
        await edit(cache, p.src, 'A');
      }
      assert.ok(existsSync(join(a1.extractedDir, 'blob.bin')), 'the package a live environment runs from was evicted');
      assert.ok(entries(p.state).names.length <= 3);

      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      p.clock.advance(1000);
      await edit(cache, p.src, 'A');
      assert.equal(existsSync(folderOf(a1)), false, 'a dead process holds nothing');
      assert.ok(entries(p.state).bytes <= 2.5 * ENTRY);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('an entry used within the grace period stays even over the bound (another process may be about to run it)', async () => {
    const p = project();
    const cache = new PackageCache(p.state, { maxBytes: 1.5 * ENTRY, graceMs: 60_000, clock: p.clock });
    const v1 = randomBytes(256 * KB);
    const a1 = await edit(cache, p.src, 'A', v1);
    const a2 = await edit(cache, p.src, 'A');
    const a3 = await edit(cache, p.src, 'A');
    assert.equal(entries(p.state).names.length, 3, 'all three were used within the last minute');
    // Another process (its own cache over the same folder) runs A1 again.
    p.clock.advance(50_000);
    const other = new PackageCache(p.state, { maxBytes: 1.5 * ENTRY, graceMs: 60_000, clock: p.clock });
    assert.equal((await edit(other, p.src, 'A', v1)).fromCache, true);
    p.clock.advance(20_000);
    const a4 = await edit(cache, p.src, 'A');
    assert.ok(existsSync(folderOf(a1)), 'used 20 s ago by the other process');
    assert.equal(existsSync(folderOf(a2)), false);
    assert.equal(existsSync(folderOf(a3)), false);
    assert.ok(existsSync(folderOf(a4)));
  });
});

describe('package cache leftovers', () => {
  test('a killed build\'s work folder and temp records are swept; a live process\'s are kept', async () => {
    const p = project();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((r) => child.once('exit', r));
    const dead = child.pid!;
    const pkgs = join(p.state, 'packages');
    mkdirSync(join(pkgs, 'tmp', `build.${dead}.a1b2c3d4.tmp`, 'out'), { recursive: true });
    writeFileSync(join(pkgs, 'tmp', `build.${dead}.a1b2c3d4.tmp`, 'out', 'x.js'), 'x');
    mkdirSync(join(pkgs, 'tmp', `build.${process.pid}.a1b2c3d4.tmp`), { recursive: true });
    mkdirSync(join(pkgs, 'inputs'), { recursive: true });
    writeFileSync(join(pkgs, 'inputs', `${'ab'.repeat(32)}.json.${dead}.tmp`), '{');
    writeFileSync(join(pkgs, `file-hashes.json.${dead}.tmp`), '{');
    const cache = new PackageCache(p.state, { clock: p.clock });
    await cache.tidy();
    assert.deepEqual(readdirSync(join(pkgs, 'tmp')), [`build.${process.pid}.a1b2c3d4.tmp`]);
    assert.deepEqual(readdirSync(join(pkgs, 'inputs')), []);
    assert.deepEqual(readdirSync(pkgs).filter((x) => x.endsWith('.tmp')), []);
  });
});
