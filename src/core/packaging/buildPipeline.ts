// core/packaging: the one build pipeline every package goes through — hash the inputs, reuse what the cache
// has for them, else produce the files and make what was asked: the staged tree an environment runs from
// (only the changed files written, treeStager.ts) and/or the ZIP with its CodeSha256. Both come from the same
// manifest, so what runs is byte for byte what the ZIP holds (ARCHITECTURE.md rule 6).
import { readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { writeZipFile, type ZipInput } from './archiveWriter';
import { PackagingError, SourceChangedError } from './errors';
import { extractZip } from './extractZip';
import { codeSha256, sha256Hex } from './fileHasher';
import { toSourceFile, type SourceFile } from './fileTree';
import { duplicateName, manifestOf, type Manifest, type ManifestEntry } from './manifest';
import type { CacheRecord, CommitParts, PackageCache, ZipFacts } from './packageCache';
import { checkPackageSize } from './sizeLimits';
import { foldersOf, stageTree } from './treeStager';
import type { BuiltPackage, PackageFile, ProgressListener, SizeLimits, StagedPackage } from './types';

/** Bumped when the bytes a builder produces change for the same inputs, or the cache's records do. */
const BUILDER_VERSION = 3; // 3: records name tree hashes; 2: archiver ZIPs, absolute source-map sources
/** A build whose sources keep changing under it is given up after this many tries. */
const ATTEMPTS = 3;

export interface BuildOptions {
  cache: PackageCache;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  /** Size limits; Lambda's by default (tests pass small ones). */
  limits?: Partial<SizeLimits>;
  /** Python executable for pip (default: $LAMBDA_WORKBENCH_PYTHON, else python3). */
  python?: string;
  /** Non-fatal problems found while collecting the files (symlinks out of the code folder), one message each. */
  warn?: (message: string) => void;
  /** An explicit rebuild (`package`, publishing a layer): retry npm/pip steps that failed before with the same inputs. */
  retryFailedSteps?: boolean;
}

/** What a build produces in its work folder. */
export interface Produced {
  /** The package's files (with `zipPath`: what that ZIP holds, for the size checks). */
  files?: PackageFile[];
  /** A finished ZIP to use as it is (a user's ZIP)… */
  zipPath?: string;
  /** …and the folder it was safely extracted to. */
  extractedDir?: string;
  /** Files read besides the plan's inputs (esbuild's bundled node_modules, sources outside the folder). */
  extraInputs?: string[];
  handler?: string;
  environment?: Record<string, string>;
}

export interface BuildPlan {
  /** Names the thing in messages and is its slot in the cache, e.g. `function "HelloFunction"`. */
  label: string;
  /** Everything besides file contents that changes the output (runtime, build properties, …). */
  settings: unknown;
  /** Files whose names and contents key the cache. */
  inputs: SourceFile[];
  produce(workDir: string): Promise<Produced>;
  /** True when produce() builds nothing and returns the inputs as they are (plain folders, Node.js). */
  filesAreInputs?: boolean;
}

/** What to make: the staged tree, the ZIP, or both. */
export interface Want {
  tree: boolean;
  zip: boolean;
}

export interface PlanResult {
  treeHash: string;
  unzippedSize: number;
  fromCache: boolean;
  handler?: string;
  environment?: Record<string, string>;
  /** When the tree was wanted: the folder to run from. */
  treeDir?: string;
  /** When the ZIP was wanted. */
  zip?: ZipFacts & { path: string };
}

function statAll(paths: readonly string[]): SourceFile[] | undefined {
  try {
    return paths.map((p) => toSourceFile(p, p, statSync(p)));
  } catch {
    return undefined; // an extra input vanished: rebuild
  }
}

async function hashOf(cache: PackageCache, files: SourceFile[], keep?: Map<string, Buffer>): Promise<string> {
  const hashes = await cache.hasher.hashAll(files, keep);
  return sha256Hex(JSON.stringify(files.map((f, i) => [f.name, f.executable, hashes[i]])));
}

/**
 * Runs the plan `makePlan` gives through the cache. A source that changes while it is packaged (its bytes no
 * longer match the hash the build took) makes the build start over with a fresh plan, a few times at most.
 */
export async function runPlan(makePlan: () => Promise<BuildPlan>, opts: BuildOptions, want: Want): Promise<PlanResult & { plan: BuildPlan }> {
  for (let attempt = 1; ; attempt++) {
    const plan = await makePlan();
    try {
      return { ...(await runOnce(plan, opts, want)), plan };
    } catch (e) {
      if (!(e instanceof SourceChangedError) || attempt >= ATTEMPTS) throw e;
      // Its stat may not show the change (same size and mtime): the next attempt reads it.
      opts.cache.hasher.forget(e.path);
    }
  }
}

async function runOnce(plan: BuildPlan, opts: BuildOptions, want: Want): Promise<PlanResult> {
  const { cache, onProgress } = opts;
  onProgress?.({ phase: 'hash', done: 0, total: plan.inputs.length, message: `hashing ${plan.inputs.length} files` });
  // What hashing reads is kept for the writers: a fresh `package` reads each file once.
  const kept = new Map<string, Buffer>();
  const inputHashes = await cache.hasher.hashAll(plan.inputs, kept);
  const filesHash = sha256Hex(JSON.stringify(plan.inputs.map((f, i) => [f.name, f.executable, inputHashes[i]])));
  const key = sha256Hex(JSON.stringify({ v: BUILDER_VERSION, settings: plan.settings, files: filesHash }));
  const rec = await cache.lookup(key);
  if (rec) {
    const extras = rec.extraInputs ? statAll(rec.extraInputs) : [];
    if (extras && (!rec.extraInputs || (await hashOf(cache, extras)) === rec.extraHash)) {
      const done = await fromRecord(plan, rec, opts, want);
      if (done) return done;
    }
  }
  return cache.once(`${key}:${want.tree}:${want.zip}`, () => build(plan, key, inputHashes, kept, opts, want));
}

/** What the cache has for `rec`, completed without producing anything when it can be; else undefined. */
async function fromRecord(plan: BuildPlan, rec: CacheRecord, opts: BuildOptions, want: Want): Promise<PlanResult | undefined> {
  const { cache } = opts;
  const hex = rec.treeHex;
  const release = cache.lease(hex);
  try {
    let zip = want.zip ? await cache.zipFacts(hex) : undefined;
    const hasTree = want.tree && cache.hasTree(hex);
    if ((want.tree && !hasTree) || (want.zip && !zip)) {
      const parts: CommitParts = {};
      const work = await cache.workDir();
      try {
        if (want.zip && !zip) {
          // Staged earlier: the ZIP is written from the tree, each file checked against the manifest.
          const tree = cache.stagedTree(hex);
          if (!tree) return undefined;
          const files: ZipInput[] = tree.manifest.entries.map((e) => ({ ...e, source: join(tree.dir, e.name) }));
          const path = join(work, 'package.zip');
          const facts = await writeZipFile(files, path, { onProgress: opts.onProgress, signal: opts.signal, label: plan.label }).catch((e: unknown) => {
            if (e instanceof SourceChangedError) return undefined; // the tree was written into: build from the sources
            throw e;
          });
          if (!facts) return undefined;
          checkPackageSize(plan.label, facts.size, tree.manifest.entries, opts.limits);
          parts.zip = { path, facts };
          zip = facts;
        }
        if (want.tree && !hasTree) {
          // Zipped earlier: from the sources when they are the files, else (a bundle, pip) from the ZIP.
          if (plan.filesAreInputs || !zip) return undefined;
          const dir = join(work, 'task');
          await extractZip(cache.zipPath(hex), dir);
          const manifest = cache.manifest(hex);
          parts.tree = { dir, bytes: rec.unzippedSize, dirMtimes: manifest ? folderMtimes(dir, manifest.entries) : {} };
        }
        await cache.commit(hex, undefined, parts, work);
      } finally {
        await rmWork(work);
      }
      await settle(cache, plan.label, hex);
      return result(rec, hex, cache, zip, want, false);
    }
    await cache.pin(plan.label, hex);
    await cache.hasher.save();
    opts.onProgress?.({ phase: 'done', done: 1, total: 1, message: `${plan.label}: unchanged` });
    return result(rec, hex, cache, zip, want, true);
  } finally {
    release();
  }
}

function result(rec: Omit<CacheRecord, 'treeHex'>, hex: string, cache: PackageCache, zip: ZipFacts | undefined, want: Want, fromCache: boolean): PlanResult {
  const r: PlanResult = { treeHash: hex, unzippedSize: rec.unzippedSize, fromCache };
  if (want.tree) r.treeDir = cache.treeDir(hex);
  if (want.zip && zip) r.zip = { ...zip, path: cache.zipPath(hex) };
  if (rec.handler !== undefined) r.handler = rec.handler;
  if (rec.environment !== undefined) r.environment = rec.environment;
  return r;
}

async function settle(cache: PackageCache, slot: string, hex: string): Promise<void> {
  await cache.pin(slot, hex);
  await cache.hasher.save();
  await cache.prune();
}

function rmWork(work: string): Promise<void> {
  return rm(work, { recursive: true, force: true });
}

function folderMtimes(dir: string, entries: readonly Pick<ManifestEntry, 'name'>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of foldersOf(entries)) out[d] = statSync(d ? join(dir, d) : dir).mtimeMs;
  return out;
}

/** The manifest of the produced files: input hashes reused, the others (bundles, pip installs) read and hashed. */
function manifestFor(label: string, files: readonly PackageFile[], inputs: readonly SourceFile[], inputHashes: readonly string[], kept: Map<string, Buffer>): Manifest {
  const known = new Map(inputs.map((f, i) => [f.source, inputHashes[i]]));
  const entries: ManifestEntry[] = files.map((f) => {
    const sha = typeof f.source === 'string' ? known.get(f.source) : sha256Hex(f.source);
    if (sha !== undefined) return { name: f.name, size: f.size, executable: f.executable, sha };
    const data = readFileSync(f.source as string);
    kept.set(f.source as string, data);
    return { name: f.name, size: data.length, executable: f.executable, sha: sha256Hex(data) };
  });
  const manifest = manifestOf(entries);
  const dup = duplicateName(manifest.entries);
  if (dup !== undefined) throw new PackagingError('BUILD_FAILED', `Two files map to "${dup}" in the package of ${label}.`);
  return manifest;
}

async function build(plan: BuildPlan, key: string, inputHashes: string[], kept: Map<string, Buffer>, opts: BuildOptions, want: Want): Promise<PlanResult> {
  const { cache, onProgress } = opts;
  const work = await cache.workDir();
  let release = (): void => undefined;
  try {
    const produced = await plan.produce(work);
    if (opts.signal?.aborted) throw new PackagingError('BUILD_FAILED', `Build of ${plan.label} was cancelled.`);
    const files = produced.files ?? [];
    const extras = produced.extraInputs ? statAll([...new Set(produced.extraInputs)].sort()) : undefined;
    const facts: Omit<CacheRecord, 'treeHex'> = {
      unzippedSize: files.reduce((s, f) => s + f.size, 0),
      handler: produced.handler,
      environment: produced.environment,
      extraInputs: extras?.map((f) => f.source),
      extraHash: extras ? await hashOf(cache, extras) : undefined,
    };
    let hex: string;
    let manifest: Manifest | undefined;
    const parts: CommitParts = {};
    let zip: ZipFacts | undefined;
    let spareFor: string | undefined;
    if (produced.zipPath) {
      // A user's ZIP is the package: its folder is named by its own hash, its tree is its safe extraction.
      zip = { codeSha256: await codeSha256(produced.zipPath), size: statSync(produced.zipPath).size };
      hex = Buffer.from(zip.codeSha256, 'base64').toString('hex');
      checkPackageSize(plan.label, zip.size, files, opts.limits);
      parts.zip = { path: produced.zipPath, facts: zip };
      if (want.tree && produced.extractedDir) parts.tree = { dir: produced.extractedDir, bytes: facts.unzippedSize, dirMtimes: {} };
      release = cache.lease(hex);
    } else {
      manifest = manifestFor(plan.label, files, plan.inputs, inputHashes, kept);
      hex = manifest.treeHash;
      cache.remember(manifest);
      release = cache.lease(hex);
      checkPackageSize(plan.label, 0, files, { ...opts.limits, maxZippedBytes: Infinity });
      const byName = new Map(files.map((f) => [f.name, f]));
      const ours = work + sep;
      if (want.tree && !cache.hasTree(hex)) {
        const dir = join(work, 'task');
        const donor = await cache.takeDonor(plan.label, dir);
        const staged = await stageTree(dir, manifest, { files: byName, kept, movableRoot: ours, donor, linkFrom: cache.currentTree(plan.label), onProgress, label: plan.label });
        parts.tree = { dir, bytes: manifest.bytes, dirMtimes: staged.dirMtimes };
        spareFor = donor ? undefined : hex;
      }
      zip = want.zip ? await cache.zipFacts(hex) : undefined;
      if (want.zip && !zip) {
        const tree = parts.tree;
        const inputs: ZipInput[] = manifest.entries.map((e) => {
          const f = byName.get(e.name)!;
          // What the build made (a bundle, a pip install) the new tree took by a move: read from there.
          const moved = tree && typeof f.source === 'string' && f.source.startsWith(ours);
          return { ...e, source: moved ? join(tree.dir, e.name) : f.source };
        });
        const path = join(work, 'package.zip');
        zip = await writeZipFile(inputs, path, { onProgress, signal: opts.signal, kept, label: plan.label });
        checkPackageSize(plan.label, zip.size, files, opts.limits);
        parts.zip = { path, facts: zip };
      }
    }
    await cache.commit(hex, manifest, parts, work);
    await cache.record(key, { ...facts, treeHex: hex });
    await settle(cache, plan.label, hex);
    if (spareFor) cache.spare(plan.label, spareFor);
    onProgress?.({ phase: 'done', done: 1, total: 1, message: zip ? `${plan.label}: ${zip.codeSha256}` : `${plan.label}: staged` });
    return result(facts, hex, cache, zip, want, false);
  } finally {
    release();
    await rmWork(work);
  }
}

function facts(r: PlanResult): Omit<PlanResult, 'treeDir' | 'zip'> {
  const out: Omit<PlanResult, 'treeDir' | 'zip'> = { treeHash: r.treeHash, unzippedSize: r.unzippedSize, fromCache: r.fromCache };
  if (r.handler !== undefined) out.handler = r.handler;
  if (r.environment !== undefined) out.environment = r.environment;
  return out;
}

/** Runs a plan for its ZIP. */
export async function zipPlan(makePlan: () => Promise<BuildPlan>, opts: BuildOptions): Promise<BuiltPackage> {
  const r = await runPlan(makePlan, opts, { tree: false, zip: true });
  return { ...facts(r), zipPath: r.zip!.path, size: r.zip!.size, codeSha256: r.zip!.codeSha256 };
}

/** Runs a plan for its staged tree. */
export async function stagePlan(makePlan: () => Promise<BuildPlan>, opts: BuildOptions): Promise<StagedPackage> {
  const r = await runPlan(makePlan, opts, { tree: true, zip: false });
  return { ...facts(r), dir: r.treeDir! };
}
