// Unit: the package cache stays under its size bound — least recently used builds go first — and never
// evicts the current build of a function, what a live environment (of any process) runs, or what another
// process used moments ago; a superseded staged tree is recycled into the next build under the same rules.
// Real files and real processes; the virtual clock stamps and ages entries.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { VirtualClock } from '../../../src/core/common/clock';
import { buildFunctionPackage, PackageCache, stageFunctionPackage } from '../../../src/core/packaging';
import type { BuiltPackage, StagedPackage } from '../../../src/core/packaging';
import { claimEnvFolder, foldersInUse } from '../../../src/core/store/envFolders';
import { ownerOf } from '../../../src/core/store/processOwner';
import { fnConfig, removeDir, tempDir, treeContents, zipContents } from './helpers';

const root = tempDir('lw-cache-');
after(() => removeDir(root));

const KB = 1024;
/** Each build holds a 256 KB incompressible file: ~256 KB of ZIP (and as much again once staged). */
const ENTRY = 256 * KB;
let n = 0;

function project(): { src: string; state: string; envs: string; clock: VirtualClock } {
  const dir = join(root, `p${n++}`);
  mkdirSync(dir, { recursive: true });
  return { src: join(dir, 'src'), state: join(dir, 'state'), envs: join(dir, 'state', 'envs'), clock: new VirtualClock(Date.now()) };
}

function write(src: string, id: string, blob: Buffer): void {
  const dir = join(src, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bootstrap'), '#!/bin/sh\n');
  writeFileSync(join(dir, 'blob.bin'), blob);
}

/** Writes new content (or `blob`, to go back to an earlier version) for function `id` and packages it. */
async function edit(cache: PackageCache, src: string, id: string, blob: Buffer = randomBytes(256 * KB)): Promise<BuiltPackage> {
  write(src, id, blob);
  return build(cache, src, id);
}

/** Writes new content for function `id` and stages it, as an invoke after an edit does. */
async function editStaged(cache: PackageCache, src: string, id: string, blob: Buffer = randomBytes(256 * KB)): Promise<StagedPackage> {
  write(src, id, blob);
  return stage(cache, src, id);
}

const config = (src: string, id: string) => fnConfig({ logicalId: id, functionName: id, runtime: 'provided.al2023', code: { kind: 'directory', path: join(src, id) } });

function build(cache: PackageCache, src: string, id: string): Promise<BuiltPackage> {
  return buildFunctionPackage(config(src, id), { cache });
}

function stage(cache: PackageCache, src: string, id: string): Promise<StagedPackage> {
  return stageFunctionPackage(config(src, id), { cache });
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

const folderOf = (b: BuiltPackage | StagedPackage): string => dirname('zipPath' in b ? b.zipPath : b.dir);

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
    assert.ok(existsSync(join(folderOf(b1), 'package.zip')));
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
      const a1 = await editStaged(cache, p.src, 'A');
      await claimEnvFolder(p.envs, 'env-of-child', [a1.dir], ownerOf(child.pid!));
      for (let i = 0; i < 3; i++) {
        p.clock.advance(1000);
        await edit(cache, p.src, 'A');
      }
      assert.ok(existsSync(join(a1.dir, 'blob.bin')), 'the package a live environment runs from was evicted');
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

describe('package cache pins', () => {
  test('an unchanged build keeps its pin as written until it is a day old; then the pin is renewed', async () => {
    const p = project();
    const cache = new PackageCache(p.state, { clock: p.clock });
    await edit(cache, p.src, 'A');
    const currentDir = join(p.state, 'packages', 'current');
    const [pinFile] = readdirSync(currentDir).filter((x) => x.endsWith('.json'));
    const pinAt = (): number => (JSON.parse(readFileSync(join(currentDir, pinFile), 'utf8')) as { at: number }).at;
    const first = pinAt();
    p.clock.advance(60_000);
    assert.equal((await build(cache, p.src, 'A')).fromCache, true);
    assert.equal(pinAt(), first, 'the same pin, a minute old, is not written again');
    p.clock.advance(24 * 60 * 60_000);
    await build(cache, p.src, 'A');
    assert.equal(pinAt(), p.clock.now(), 'a day-old pin is renewed');
    // Another build of the slot is pinned at once, however young the pin it replaces.
    p.clock.advance(1_000);
    await edit(cache, p.src, 'A');
    assert.equal(pinAt(), p.clock.now());
  });
});

describe('staged tree recycling', () => {
  test('a superseded tree is patched into the next build, keeping its folder\'s ZIP; not while a live environment runs it', async () => {
    const p = project();
    const child = await sleeper();
    try {
      const cache = new PackageCache(p.state, { graceMs: 60_000, clock: p.clock, inUse: () => foldersInUse(p.envs, p.clock.now()) });
      const v1 = randomBytes(256 * KB);
      const t1 = await editStaged(cache, p.src, 'A', v1);
      const zip1 = await build(cache, p.src, 'A');
      await claimEnvFolder(p.envs, 'env-of-child', [t1.dir], ownerOf(child.pid!));
      // A live environment of this process runs t2: t1 is the only candidate once t2 is superseded too.
      const t2 = await editStaged(cache, p.src, 'A');
      await claimEnvFolder(p.envs, 'env-here', [t2.dir]);
      await editStaged(cache, p.src, 'A');
      assert.deepEqual(readFileSync(join(t1.dir, 'blob.bin')), v1, 'the tree a live environment runs was recycled');

      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const bootstrap = statSync(join(t1.dir, 'bootstrap')).ino;
      const t4 = await editStaged(cache, p.src, 'A');
      assert.equal(existsSync(t1.dir), false, 'a tree nobody runs any more was not recycled');
      assert.ok(existsSync(join(t2.dir, 'blob.bin')));
      assert.equal(statSync(join(t4.dir, 'bootstrap')).ino, bootstrap, 'the unchanged file was written again');
      // Its folder keeps the ZIP: packaging that version again is a cache hit.
      write(p.src, 'A', v1);
      const again = await build(cache, p.src, 'A');
      assert.deepEqual([again.fromCache, again.zipPath, again.codeSha256], [true, zip1.zipPath, zip1.codeSha256]);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('a tree another process used within the grace period is not recycled; after it, it can be', async () => {
    const p = project();
    const cache = new PackageCache(p.state, { graceMs: 60_000, clock: p.clock, inUse: () => foldersInUse(p.envs, p.clock.now()) });
    // Each later tree is run by a live environment (of this process), so t1 is the only candidate.
    let envs = 0;
    const running = async (t: StagedPackage): Promise<void> => void (await claimEnvFolder(p.envs, `env-${envs++}`, [t.dir]));
    const v1 = randomBytes(256 * KB);
    const t1 = await editStaged(cache, p.src, 'A', v1);
    await running(await editStaged(cache, p.src, 'A'));
    // Another process (its own cache over the same folder) runs version 1 again.
    const other = new PackageCache(p.state, { graceMs: 60_000, clock: p.clock });
    write(p.src, 'A', v1);
    assert.equal((await stage(other, p.src, 'A')).fromCache, true);
    p.clock.advance(30_000);
    await running(await editStaged(cache, p.src, 'A'));
    await running(await editStaged(cache, p.src, 'A'));
    assert.deepEqual(readFileSync(join(t1.dir, 'blob.bin')), v1, 'recycled a tree the other process had just used');
    p.clock.advance(40_000);
    await editStaged(cache, p.src, 'A');
    assert.equal(existsSync(t1.dir), false, 'past the grace period the tree was not recycled');
  });
});

describe('spare trees', () => {
  const sparesIn = (state: string): string[] => readdirSync(join(state, 'packages', 'tmp')).filter((n) => n.startsWith('spare.'));

  test('a large tree staged with no donor gets a hard-linked spare in the background; the next edit patches it', async () => {
    const p = project();
    const cache = new PackageCache(p.state, { clock: p.clock, spareMinFiles: 2 });
    const t1 = await editStaged(cache, p.src, 'A');
    const tmp = join(p.state, 'packages', 'tmp');
    const ready = (): boolean => sparesIn(p.state).some((n) => existsSync(join(tmp, n, 'bootstrap')));
    for (let i = 0; i < 200 && !ready(); i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(ready(), 'no spare was made');
    const spare = join(tmp, sparesIn(p.state)[0]);
    assert.equal(statSync(join(spare, 'blob.bin')).ino, statSync(join(t1.dir, 'blob.bin')).ino, 'the spare is not made of links');
    const t2 = await editStaged(cache, p.src, 'A');
    assert.equal(existsSync(spare), false, 'the spare was not used');
    assert.equal(statSync(join(t2.dir, 'bootstrap')).ino, statSync(join(t1.dir, 'bootstrap')).ino);
    assert.ok(existsSync(join(t1.dir, 'blob.bin')), 'the current tree was touched');
    assert.deepEqual(treeContents(t2.dir), { files: await zipContents((await build(cache, p.src, 'A')).zipPath), others: [] });
    assert.deepEqual(sparesIn(p.state), [], 'a tree patched from a spare gets no spare of its own');
  });

  test('an edit right after the first build waits for the spare being made, and none is left over; small trees get none', async () => {
    const p = project();
    const cache = new PackageCache(p.state, { clock: p.clock, spareMinFiles: 2 });
    await editStaged(cache, p.src, 'A');
    const t2 = await editStaged(cache, p.src, 'A');
    assert.deepEqual(treeContents(t2.dir), { files: await zipContents((await build(cache, p.src, 'A')).zipPath), others: [] });
    assert.deepEqual(sparesIn(p.state), []);
    const small = new PackageCache(project().state, { clock: p.clock });
    const s1 = await editStaged(small, p.src, 'B');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(sparesIn(join(s1.dir, '..', '..', '..')), []);
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
