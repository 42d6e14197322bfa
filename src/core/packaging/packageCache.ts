// core/packaging: the package cache under <stateDir>/packages/: one folder per tree hash (manifest.ts) with
// what has been asked of that file set — task/ (the staged tree environments run from) and package.zip (with
// its CodeSha256 in zip.json) — and one record per input hash. Bounded by size: least recently used folders
// are evicted, never one in use (prune(), packageEviction.ts); a function's superseded staged tree is
// recycled into its next build (takeDonor()), so an edit writes only the files that changed. The folder
// layout is packageFolder.ts.
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realClock, type Clock } from '../common/clock';
import { codeSha256, FileHasher, sha256Hex } from './fileHasher';
import { readManifest, type Manifest } from './manifest';
import { DirListings, type WalkMemo } from './fileTree';
import { ManifestReader } from './nodeDependencies';
import { PackageEviction } from './packageEviction';
import { linkTree, type StagedTree } from './treeStager';
import {
  fillFolder,
  MANIFEST,
  readStamp,
  relocated,
  TREE,
  TREE_FACTS,
  writeAtomically,
  writeStamp,
  ZIP,
  ZIP_FACTS,
  type CommitParts,
  type TreeFacts,
  type ZipFacts,
} from './packageFolder';
import { sweepTemps, tempPathFor } from '../store/tempFiles';
import { mkdirState } from '../store/stateFolders';

/** What the cache remembers about one set of inputs. */
export interface CacheRecord {
  /** The package folder: the tree hash of the files the inputs build to. */
  treeHex: string;
  unzippedSize: number;
  handler?: string;
  environment?: Record<string, string>;
  /** Files the build read besides the hashed inputs (e.g. esbuild's node_modules inputs) and their hash. */
  extraInputs?: string[];
  extraHash?: string;
}

export type { CommitParts, ZipFacts } from './packageFolder';

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
  /** A tree staged with no donor and at least this many files gets a spare for its next edit (default 1,000). */
  spareMinFiles?: number;
}

export const DEFAULT_PACKAGE_CACHE_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_PACKAGE_GRACE_MS = 60_000;
/** A pin of the same tree younger than this is not rewritten. */
const PIN_REFRESH_MS = 24 * 60 * 60_000;
/** Superseded trees remembered per slot as recycling candidates. */
const DONOR_CANDIDATES = 4;
const DEFAULT_SPARE_MIN_FILES = 1000;
const SPARE_DELAY_MS = 300;
const MANIFESTS_KEPT = 8;

export class PackageCache {
  /** `<stateDir>/packages`. */
  readonly root: string;
  /** Content hashes with a stat fast path, persisted in `<root>/file-hashes.jsonl`. */
  readonly hasher: FileHasher;
  /** Folder listings and package.json files from earlier walks, reused while their stat stays the same. */
  readonly walkMemo: WalkMemo = { listings: new DirListings(), manifests: new ManifestReader() };
  /** Written into the stamps of the folders this cache uses: a folder last used by us is ours to recycle. */
  private readonly owner = `${process.pid}.${randomBytes(6).toString('hex')}`;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Trees being read here (a ZIP written from one): never recycled or evicted meanwhile. */
  private readonly leases = new Map<string, number>();
  /** The tree this cache last pinned for each slot, and the ones it pinned before (newest last). */
  private readonly pinned = new Map<string, string>();
  private readonly superseded = new Map<string, string[]>();
  /** Per slot: a hard-linked copy of its current tree being made, or made, under tmp/ (spare()). */
  private readonly spares = new Map<string, Promise<StagedTree | undefined>>();
  private readonly manifests = new Map<string, Manifest>();
  /** Facts of the trees committed here (recycling reads their folder mtimes), as many as manifests are kept. */
  private readonly facts = new Map<string, TreeFacts>();
  private readonly graceMs: number;
  private readonly clock: Clock;
  private readonly eviction: PackageEviction;

  constructor(
    stateDir: string,
    private readonly options: PackageCacheOptions = {},
  ) {
    this.root = join(stateDir, 'packages');
    this.hasher = new FileHasher(join(this.root, 'file-hashes.jsonl'));
    this.graceMs = options.graceMs ?? DEFAULT_PACKAGE_GRACE_MS;
    this.clock = options.clock ?? realClock;
    this.eviction = new PackageEviction({
      root: this.root,
      maxBytes: options.maxBytes ?? DEFAULT_PACKAGE_CACHE_BYTES,
      graceMs: this.graceMs,
      clock: this.clock,
      leased: () => this.leases.keys(),
      inUse: options.inUse,
    });
  }

  folder(hex: string): string {
    return join(this.root, hex);
  }

  /** The staged tree of a package folder (it may not exist). */
  treeDir(hex: string): string {
    return join(this.root, hex, TREE);
  }

  zipPath(hex: string): string {
    return join(this.root, hex, ZIP);
  }

  private recordPath(key: string): string {
    return join(this.root, 'inputs', `${key}.json`);
  }

  /** Runs `build` once per key at a time; concurrent callers share the result. */
  once<T>(key: string, build: () => Promise<T>): Promise<T> {
    let p = this.inFlight.get(key) as Promise<T> | undefined;
    if (!p) {
      p = build().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }

  /** The record for `key` when its package folder is still there; marks the folder as used. */
  async lookup(key: string): Promise<CacheRecord | undefined> {
    let rec: CacheRecord;
    try {
      rec = JSON.parse(readFileSync(this.recordPath(key), 'utf8')) as CacheRecord;
    } catch {
      return undefined;
    }
    if (typeof rec.treeHex !== 'string') return undefined; // a record of an older layout
    // Stamp first, then check: an evictor that moved the folder away finds the fresh stamp and puts it back.
    if (await this.touch(rec.treeHex)) return rec;
    if (!existsSync(this.folder(rec.treeHex))) await fsp.rm(this.recordPath(key), { force: true });
    return undefined;
  }

  async record(key: string, rec: CacheRecord): Promise<void> {
    await mkdirState(join(this.root, 'inputs'));
    await writeAtomically(this.recordPath(key), JSON.stringify(rec));
  }

  hasTree(hex: string): boolean {
    return existsSync(this.treeDir(hex));
  }

  /** The folder's ZIP, if it has one. */
  async zipFacts(hex: string): Promise<ZipFacts | undefined> {
    if (!existsSync(this.zipPath(hex))) return undefined;
    try {
      return JSON.parse(await fsp.readFile(join(this.folder(hex), ZIP_FACTS), 'utf8')) as ZipFacts;
    } catch {
      // The ZIP got there without its facts (a kill between the two renames): measure it.
      const facts = { codeSha256: await codeSha256(this.zipPath(hex)), size: (await fsp.stat(this.zipPath(hex))).size };
      return existsSync(this.zipPath(hex)) ? facts : undefined;
    }
  }

  /** The folder's manifest (checked against its name), if it has one. */
  manifest(hex: string): Manifest | undefined {
    const known = this.manifests.get(hex);
    if (known) return known;
    const read = readManifest(join(this.folder(hex), MANIFEST), hex);
    if (read) this.remember(read);
    return read;
  }

  /** Keeps a manifest in memory (named by its own hash, it never changes): recycling reads the last few. */
  remember(m: Manifest): void {
    this.manifests.delete(m.treeHash);
    this.manifests.set(m.treeHash, m);
    for (const old of this.manifests.keys()) {
      if (this.manifests.size <= MANIFESTS_KEPT) break;
      this.manifests.delete(old);
    }
  }

  /** The folder's staged tree with what recycling needs, if it has both. */
  stagedTree(hex: string): StagedTree | undefined {
    if (!this.hasTree(hex)) return undefined;
    const manifest = this.manifest(hex);
    return manifest && { dir: this.treeDir(hex), manifest, dirMtimes: this.treeFacts(hex)?.dirMtimes };
  }

  private treeFacts(hex: string): TreeFacts | undefined {
    const known = this.facts.get(hex);
    if (known) return known;
    try {
      return JSON.parse(readFileSync(join(this.folder(hex), TREE_FACTS), 'utf8')) as TreeFacts;
    } catch {
      return undefined;
    }
  }

  /** A fresh work folder under `<root>/tmp`, named for this process so a later run can sweep it if we die; the caller removes it. */
  async workDir(): Promise<string> {
    const dir = tempPathFor(join(this.root, 'tmp', 'build'));
    await mkdirState(dir);
    return dir;
  }

  /** Marks `hex` as being read until the returned function is called. */
  lease(hex: string): () => void {
    this.leases.set(hex, (this.leases.get(hex) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const n = (this.leases.get(hex) ?? 1) - 1;
      if (n > 0) this.leases.set(hex, n);
      else this.leases.delete(hex);
    };
  }

  /**
   * Moves the parts of a build into the package folder `hex` (created with `manifest` when new; a part the
   * folder already has is left as it is — another build made the same bytes). `work` is the build's work
   * folder, where a new folder is assembled first so it appears whole. The caller pins, then prunes.
   */
  async commit(hex: string, manifest: Manifest | undefined, parts: CommitParts, work: string): Promise<void> {
    const dir = this.folder(hex);
    // Stamp first (as lookup does): an evictor moving the folder away meanwhile sees the use and puts it back.
    if (await this.touch(hex)) return this.fill(hex, dir, manifest, parts, work);
    const staging = join(work, 'folder');
    await mkdirState(staging);
    await this.fill(hex, staging, manifest, parts);
    await writeStamp(staging, this.owner, this.clock.now());
    await mkdirState(this.root);
    if (await fsp.rename(staging, dir).then(() => true, () => false)) return;
    if (!existsSync(dir)) throw new Error(`cannot create the package folder "${dir}"`);
    // Another build created it meanwhile: add what it lacks from ours.
    await this.touch(hex);
    await this.fill(hex, dir, undefined, relocated(parts, staging), work);
  }

  /** Records `hex` as the current build of `slot` (kept by eviction until the slot gets another). */
  async pin(slot: string, hex: string): Promise<void> {
    const before = this.pinned.get(slot);
    if (before !== undefined && before !== hex) {
      const list = (this.superseded.get(slot) ?? []).filter((h) => h !== before && h !== hex);
      list.push(before);
      this.superseded.set(slot, list.slice(-DONOR_CANDIDATES));
    }
    this.pinned.set(slot, hex);
    const file = join(this.root, 'current', `${sha256Hex(slot).slice(0, 32)}.json`);
    const now = this.clock.now();
    // The same pin, written lately, stands: rewritten only once it is a day old (it expires after 30 days).
    if (pinAge(file, slot, hex, now) < PIN_REFRESH_MS) return;
    await mkdirState(join(this.root, 'current'));
    await writeAtomically(file, JSON.stringify({ slot, treeHex: hex, at: now }));
  }

  /** The tree this cache last pinned for `slot`, when it is still staged: the files a new tree can link to. */
  currentTree(slot: string): StagedTree | undefined {
    const hex = this.pinned.get(slot);
    return hex === undefined ? undefined : this.stagedTree(hex);
  }

  /**
   * Moves a superseded staged tree of `slot` to `into`, for the next build to patch: one this cache pinned
   * before the current one, that no live environment runs, no slot has as its current build, nobody reads
   * here, and no other cache has used since (or not within the grace period). Its folder keeps its ZIP.
   */
  async takeDonor(slot: string, into: string): Promise<StagedTree | undefined> {
    // A spare is the current tree's copy, the closest there is to the new one, and nobody else's.
    const spare = this.spares.get(slot);
    if (spare) {
      this.spares.delete(slot);
      // Its timers are unref'd: waiting for it here must keep the process alive until it is done.
      const alive = setInterval(() => undefined, 60_000);
      const tree = await spare.finally(() => clearInterval(alive));
      if (tree && (await fsp.rename(tree.dir, into).then(() => true, () => false))) return { ...tree, dir: into };
      if (tree) await fsp.rm(tree.dir, { recursive: true, force: true });
    }
    const candidates = [...(this.superseded.get(slot) ?? [])].reverse();
    if (candidates.length === 0) return undefined;
    const now = this.clock.now();
    const keep = await this.eviction.protectedHexes(now);
    for (const hex of candidates) {
      const tree = keep.has(hex) ? undefined : this.stagedTree(hex);
      const stamp = tree && readStamp(this.folder(hex));
      if (!tree || !stamp || (stamp.owner !== this.owner && now - stamp.mtimeMs < this.graceMs)) continue;
      if (!(await fsp.rename(tree.dir, into).then(() => true, () => false))) continue;
      const after = readStamp(this.folder(hex));
      if (!after || after.owner !== stamp.owner || after.mtimeMs !== stamp.mtimeMs) {
        // Looked up between our check and the move: it stays where it was.
        if (await fsp.rename(into, tree.dir).then(() => true, () => false)) continue;
        await fsp.rm(into, { recursive: true, force: true });
        continue;
      }
      this.superseded.set(slot, (this.superseded.get(slot) ?? []).filter((h) => h !== hex));
      this.facts.delete(hex);
      await fsp.rm(join(this.folder(hex), TREE_FACTS), { force: true });
      return { ...tree, dir: into };
    }
    return undefined;
  }

  /**
   * After a tree was staged with no donor at hand (the first build here, or its superseded trees still run),
   * starts making a hard-linked copy of it in the background for the next edit to patch: linking thousands of
   * files then costs nobody a wait. Only for trees of `spareMinFiles` files or more; kept under tmp/ with this
   * process's pid (swept at the next start if it is never used).
   */
  spare(slot: string, hex: string): void {
    const tree = this.stagedTree(hex);
    if (this.spares.has(slot) || !tree || tree.manifest.entries.length < (this.options.spareMinFiles ?? DEFAULT_SPARE_MIN_FILES)) return;
    const dir = tempPathFor(join(this.root, 'tmp', 'spare'));
    // Started a little later, once the invoke that asked for the tree is under way; unref'd, so a one-shot
    // CLI run exits without it.
    const job = new Promise<void>((resolve) => setTimeout(resolve, SPARE_DELAY_MS).unref()).then(() => linkTree(tree, dir)).catch(() => undefined);
    this.spares.set(slot, job);
  }

  /** Sweeps what killed builds left (work folders, temp records) and prunes to the bound; for engine start. */
  async tidy(): Promise<void> {
    const now = this.clock.now();
    await sweepTemps([this.root, join(this.root, 'tmp'), join(this.root, 'inputs'), join(this.root, 'current'), join(this.root, 'published-layers')], now);
    // The hash table of versions before the journal (fileHasher.ts): nothing reads it any more.
    await fsp.rm(join(this.root, 'file-hashes.json'), { force: true });
    await this.prune();
  }

  /** Evicts least recently used packages until the total is within the bound (packageEviction.ts). */
  prune(): Promise<void> {
    return this.eviction.prune();
  }

  /** Marks a package folder as just used by this cache; false when the folder is gone. */
  private touch(hex: string): Promise<boolean> {
    return writeStamp(this.folder(hex), this.owner, this.clock.now());
  }

  /** Fills a package folder, remembering the tree facts written (the next recycling reads them). */
  private async fill(hex: string, dir: string, manifest: Manifest | undefined, parts: CommitParts, work?: string): Promise<void> {
    const facts = await fillFolder(dir, manifest, parts, work);
    if (!facts) return;
    this.facts.delete(hex);
    this.facts.set(hex, facts);
    for (const old of this.facts.keys()) {
      if (this.facts.size <= MANIFESTS_KEPT) break;
      this.facts.delete(old);
    }
  }
}

/** How old the pin in `file` is when it pins `hex` for `slot`; Infinity when it pins anything else, or is unreadable. */
function pinAge(file: string, slot: string, hex: string, now: number): number {
  try {
    const pin = JSON.parse(readFileSync(file, 'utf8')) as { slot?: string; treeHex?: string; at?: number };
    return pin.slot === slot && pin.treeHex === hex && typeof pin.at === 'number' && pin.at <= now ? now - pin.at : Infinity;
  } catch {
    return Infinity;
  }
}
