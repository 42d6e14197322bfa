// core/packaging: the content-addressed package cache under <stateDir>/packages/: one folder per
// CodeSha256 (hex) with package.zip and its extracted task/ folder, and one record per input hash.
// Bounded by size: least recently used folders are evicted, never one that is in use (see prune()).
import { existsSync, promises as fsp } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { realClock, type Clock } from '../common/clock';
import { extractZip } from './extractZip';
import { codeSha256, FileHasher, sha256Hex } from './fileHasher';
import type { BuiltPackage } from './types';
import { sweepTemps, tempPathFor } from '../store/tempFiles';

/** What the cache remembers about one set of inputs. */
export interface CacheRecord {
  shaHex: string;
  codeSha256: string;
  size: number;
  unzippedSize: number;
  handler?: string;
  environment?: Record<string, string>;
  /** Files the build read besides the hashed inputs (e.g. esbuild's node_modules inputs) and their hash. */
  extraInputs?: string[];
  extraHash?: string;
}

export interface PackageCacheOptions {
  /** Upper bound of the package folders' total size (default 1 GiB). */
  maxBytes?: number;
  /**
   * A package used this recently is never evicted: another process may have just looked it up and be about
   * to run or copy it (default 60 s).
   */
  graceMs?: number;
  /** Folders live environments of any process run from (their task roots); kept whatever their age. */
  inUse?: () => Promise<readonly string[]>;
  /** Stamps are file times compared across processes: wall-clock time (tests pass a virtual clock). */
  clock?: Clock;
}

export const DEFAULT_PACKAGE_CACHE_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_PACKAGE_GRACE_MS = 60_000;
/** A function whose current build nobody has asked for in this long has probably left the template. */
const PIN_MAX_AGE_MS = 30 * 24 * 60 * 60_000;

const STAMP = 'last-used';
const SIZE_FILE = 'size.json';
const SHA_DIR = /^[0-9a-f]{64}$/;

interface Entry {
  shaHex: string;
  bytes: number;
  lastUsed: number;
}

export class PackageCache {
  /** `<stateDir>/packages`. */
  readonly root: string;
  /** Content hashes with a stat fast path, persisted in `<root>/file-hashes.json`. */
  readonly hasher: FileHasher;
  private readonly inFlight = new Map<string, Promise<BuiltPackage>>();
  private readonly maxBytes: number;
  private readonly graceMs: number;
  private readonly clock: Clock;
  private pruning: Promise<void> = Promise.resolve();

  constructor(
    stateDir: string,
    private readonly options: PackageCacheOptions = {},
  ) {
    this.root = join(stateDir, 'packages');
    this.hasher = new FileHasher(join(this.root, 'file-hashes.json'));
    this.maxBytes = options.maxBytes ?? DEFAULT_PACKAGE_CACHE_BYTES;
    this.graceMs = options.graceMs ?? DEFAULT_PACKAGE_GRACE_MS;
    this.clock = options.clock ?? realClock;
  }

  private recordPath(key: string): string {
    return join(this.root, 'inputs', `${key}.json`);
  }

  /** Runs `build` once per key at a time; concurrent callers share the result. */
  once(key: string, build: () => Promise<BuiltPackage>): Promise<BuiltPackage> {
    let p = this.inFlight.get(key);
    if (!p) {
      p = build().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }

  /** The record for `key` when its ZIP and extracted folder are still there; marks the package as used. */
  async lookup(key: string): Promise<CacheRecord | undefined> {
    let rec: CacheRecord;
    try {
      rec = JSON.parse(await fsp.readFile(this.recordPath(key), 'utf8')) as CacheRecord;
    } catch {
      return undefined;
    }
    const dir = join(this.root, rec.shaHex);
    // Stamp first, then check: an evictor that moved the folder away finds the fresh stamp and puts it back.
    if ((await this.touch(rec.shaHex)) && existsSync(join(dir, 'package.zip')) && existsSync(join(dir, 'task'))) return rec;
    if (!existsSync(dir)) await fsp.rm(this.recordPath(key), { force: true });
    return undefined;
  }

  toBuilt(rec: CacheRecord, fromCache: boolean): BuiltPackage {
    const dir = join(this.root, rec.shaHex);
    const built: BuiltPackage = {
      zipPath: join(dir, 'package.zip'),
      size: rec.size,
      codeSha256: rec.codeSha256,
      unzippedSize: rec.unzippedSize,
      extractedDir: join(dir, 'task'),
      fromCache,
    };
    if (rec.handler !== undefined) built.handler = rec.handler;
    if (rec.environment !== undefined) built.environment = rec.environment;
    return built;
  }

  /** A fresh work folder under `<root>/tmp`, named for this process so a later run can sweep it if we die; the caller removes it. */
  async workDir(): Promise<string> {
    const dir = tempPathFor(join(this.root, 'tmp', 'build'));
    await fsp.mkdir(dir, { recursive: true });
    return dir;
  }

  /**
   * Moves a finished ZIP into the cache (by its CodeSha256), extracts it safely next to it unless already
   * there, and records it under `key`. `slot` names what it is the current build of (e.g.
   * `function "Hello"`): the current build of every slot survives eviction. Evicts what the bound requires.
   */
  async store(key: string, zipPath: string, facts: Omit<CacheRecord, 'shaHex' | 'codeSha256' | 'size'>, slot?: string): Promise<BuiltPackage> {
    const sha = await codeSha256(zipPath);
    const shaHex = Buffer.from(sha, 'base64').toString('hex');
    const dir = join(this.root, shaHex);
    const finalZip = join(dir, 'package.zip');
    await fsp.mkdir(dir, { recursive: true });
    await this.touch(shaHex);
    const size = (await fsp.stat(zipPath)).size;
    if (existsSync(finalZip)) await fsp.rm(zipPath, { force: true });
    else await fsp.rename(zipPath, finalZip);
    const task = join(dir, 'task');
    if (!existsSync(task)) {
      // Extracted inside our own work folder first: a kill mid-extraction leaves only a folder the next run sweeps.
      const work = await this.workDir();
      try {
        const { bytes } = await extractZip(finalZip, join(work, 'task'));
        await writeAtomically(join(dir, SIZE_FILE), JSON.stringify({ bytes: bytes + size }));
        await fsp.rename(join(work, 'task'), task).catch((e: unknown) => {
          if (!existsSync(task)) throw e; // else another process extracted it first
        });
      } finally {
        await fsp.rm(work, { recursive: true, force: true });
      }
    }
    const rec: CacheRecord = { ...facts, shaHex, codeSha256: sha, size: (await fsp.stat(finalZip)).size };
    await fsp.mkdir(join(this.root, 'inputs'), { recursive: true });
    await writeAtomically(this.recordPath(key), JSON.stringify(rec));
    await this.hasher.save();
    const built = this.toBuilt(rec, false);
    if (slot) await this.pin(slot, built);
    await this.prune();
    return built;
  }

  /** Records `built` as the current build of `slot` (kept by eviction until the slot gets another). */
  async pin(slot: string, built: BuiltPackage): Promise<void> {
    const shaHex = Buffer.from(built.codeSha256, 'base64').toString('hex');
    await fsp.mkdir(join(this.root, 'current'), { recursive: true });
    await writeAtomically(join(this.root, 'current', `${sha256Hex(slot).slice(0, 32)}.json`), JSON.stringify({ slot, shaHex, at: this.clock.now() }));
  }

  /** Sweeps what killed builds left (work folders, temp records) and prunes to the bound; for engine start. */
  async tidy(): Promise<void> {
    const now = this.clock.now();
    await sweepTemps([this.root, join(this.root, 'tmp'), join(this.root, 'inputs'), join(this.root, 'current'), join(this.root, 'published-layers')], now);
    await this.prune();
  }

  /**
   * Evicts least recently used packages until the total is within the bound. Kept whatever the total: the
   * current build of every slot, packages live environments run from, and packages used within the grace
   * period. Safe with other processes on the same folder: an entry is first moved away (atomically), and
   * moved back if its stamp shows a use that raced with the decision.
   */
  prune(): Promise<void> {
    const run = this.pruning.then(() => this.pruneNow());
    this.pruning = run.catch(() => undefined);
    return run;
  }

  private async pruneNow(): Promise<void> {
    const entries = await this.entries();
    let total = entries.reduce((s, e) => s + e.bytes, 0);
    if (total <= this.maxBytes) return;
    const now = this.clock.now();
    const keep = await this.protectedShas(now);
    const candidates = entries.filter((e) => !keep.has(e.shaHex) && now - e.lastUsed >= this.graceMs).sort((a, b) => a.lastUsed - b.lastUsed);
    for (const e of candidates) {
      if (total <= this.maxBytes) break;
      if (await this.evict(e)) total -= e.bytes;
    }
  }

  private async entries(): Promise<Entry[]> {
    let names: string[];
    try {
      names = await fsp.readdir(this.root);
    } catch {
      return [];
    }
    const out: Entry[] = [];
    for (const shaHex of names.filter((n) => SHA_DIR.test(n))) {
      const dir = join(this.root, shaHex);
      try {
        const lastUsed = await fsp.stat(join(dir, STAMP)).then((s) => s.mtimeMs, async () => (await fsp.stat(dir)).mtimeMs);
        out.push({ shaHex, bytes: await this.sizeOf(dir), lastUsed });
      } catch {
        // evicted by another process meanwhile
      }
    }
    return out;
  }

  private async sizeOf(dir: string): Promise<number> {
    try {
      return (JSON.parse(await fsp.readFile(join(dir, SIZE_FILE), 'utf8')) as { bytes: number }).bytes;
    } catch {
      // Written by an older version, or extracted by another process that has not recorded it yet: measure once.
      const bytes = await treeBytes(dir);
      if (existsSync(join(dir, 'task'))) await writeAtomically(join(dir, SIZE_FILE), JSON.stringify({ bytes })).catch(() => undefined);
      return bytes;
    }
  }

  private async protectedShas(now: number): Promise<Set<string>> {
    const keep = new Set<string>();
    const currentDir = join(this.root, 'current');
    for (const name of await fsp.readdir(currentDir).catch(() => [] as string[])) {
      if (!name.endsWith('.json')) continue;
      try {
        const pin = JSON.parse(await fsp.readFile(join(currentDir, name), 'utf8')) as { shaHex: string; at: number };
        if (now - pin.at > PIN_MAX_AGE_MS) await fsp.rm(join(currentDir, name), { force: true });
        else keep.add(pin.shaHex);
      } catch {
        // being replaced, or corrupt: it protects nothing
      }
    }
    for (const path of (await this.options.inUse?.()) ?? []) {
      const rel = relative(this.root, path);
      const top = rel.split(sep)[0];
      if (!rel.startsWith('..') && SHA_DIR.test(top)) keep.add(top);
    }
    return keep;
  }

  private async evict(e: Entry): Promise<boolean> {
    const dir = join(this.root, e.shaHex);
    const trash = tempPathFor(join(this.root, 'tmp', `evict-${e.shaHex}`));
    try {
      await fsp.mkdir(join(this.root, 'tmp'), { recursive: true });
      await fsp.rename(dir, trash);
    } catch {
      return false; // gone already, or taken by another process
    }
    const stamp = await fsp.stat(join(trash, STAMP)).then((s) => s.mtimeMs, () => e.lastUsed);
    if (stamp > e.lastUsed) {
      // Used between our look and the move: it stays.
      const back = await fsp.rename(trash, dir).then(() => true, () => false);
      if (back) return false;
    }
    await fsp.rm(trash, { recursive: true, force: true });
    return true;
  }

  /** Marks a package as just used; false when its folder is gone. */
  private async touch(shaHex: string): Promise<boolean> {
    const stamp = join(this.root, shaHex, STAMP);
    const t = this.clock.now() / 1000;
    try {
      await fsp.utimes(stamp, t, t);
      return true;
    } catch {
      try {
        await fsp.writeFile(stamp, '', { flag: 'wx' });
        await fsp.utimes(stamp, t, t);
        return true;
      } catch (e) {
        return (e as NodeJS.ErrnoException).code === 'EEXIST';
      }
    }
  }
}

async function writeAtomically(path: string, data: string): Promise<void> {
  const tmp = tempPathFor(path);
  await fsp.writeFile(tmp, data);
  await fsp.rename(tmp, path);
}

async function treeBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) bytes += await treeBytes(p);
    else bytes += (await fsp.lstat(p)).size;
  }
  return bytes;
}
