// core/packaging: the content-addressed package cache under <stateDir>/packages/: one folder per
// CodeSha256 (hex) with package.zip and its extracted task/ folder, and one record per input hash.
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { extractZip } from './extractZip';
import { codeSha256, FileHasher } from './fileHasher';
import type { BuiltPackage } from './types';

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

export class PackageCache {
  /** `<stateDir>/packages`. */
  readonly root: string;
  /** Content hashes with a stat fast path, persisted in `<root>/file-hashes.json`. */
  readonly hasher: FileHasher;
  private readonly inFlight = new Map<string, Promise<BuiltPackage>>();

  constructor(stateDir: string) {
    this.root = join(stateDir, 'packages');
    this.hasher = new FileHasher(join(this.root, 'file-hashes.json'));
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

  /** The record for `key` when its ZIP and extracted folder are still there. */
  async lookup(key: string): Promise<CacheRecord | undefined> {
    try {
      const rec = JSON.parse(await fsp.readFile(this.recordPath(key), 'utf8')) as CacheRecord;
      const dir = join(this.root, rec.shaHex);
      return existsSync(join(dir, 'package.zip')) && existsSync(join(dir, 'task')) ? rec : undefined;
    } catch {
      return undefined;
    }
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

  /** A fresh work folder under `<root>/tmp`; the caller removes it. */
  async workDir(): Promise<string> {
    await fsp.mkdir(join(this.root, 'tmp'), { recursive: true });
    return fsp.mkdtemp(join(this.root, 'tmp', 'build-'));
  }

  /**
   * Moves a finished ZIP into the cache (by its CodeSha256), extracts it safely next to it unless already
   * there, and records it under `key`.
   */
  async store(key: string, zipPath: string, facts: Omit<CacheRecord, 'shaHex' | 'codeSha256' | 'size'>): Promise<BuiltPackage> {
    const sha = await codeSha256(zipPath);
    const shaHex = Buffer.from(sha, 'base64').toString('hex');
    const dir = join(this.root, shaHex);
    const finalZip = join(dir, 'package.zip');
    await fsp.mkdir(dir, { recursive: true });
    if (existsSync(finalZip)) await fsp.rm(zipPath, { force: true });
    else await fsp.rename(zipPath, finalZip);
    const task = join(dir, 'task');
    if (!existsSync(task)) await extractZip(finalZip, task);
    const rec: CacheRecord = { ...facts, shaHex, codeSha256: sha, size: (await fsp.stat(finalZip)).size };
    await fsp.mkdir(join(this.root, 'inputs'), { recursive: true });
    const tmp = `${this.recordPath(key)}.${process.pid}.tmp`;
    await fsp.writeFile(tmp, JSON.stringify(rec));
    await fsp.rename(tmp, this.recordPath(key));
    await this.hasher.save();
    return this.toBuilt(rec, false);
  }
}
