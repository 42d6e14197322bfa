// core/registry: published function versions on disk (lambda-semantics.md §6). Each version is an
// immutable record <stateDir>/versions/<function>/<n>.json created exclusively (two engines publishing at
// once get different numbers); a deleted version's record is renamed <n>.deleted.json, so numbers are never
// reused. Package ZIPs are kept by content hash in <stateDir>/versions/.blobs/<sha256-hex>.zip, and removed
// when no live version uses them any more.
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { FunctionConfig } from '../model/functionConfig';
import type { FunctionConfiguration } from '../model/versions';
import { createJsonExclusive, readJson } from '../store/atomicJson';
import { tempPathFor } from '../store/tempFiles';

/** What a version record holds. */
export interface StoredVersion {
  version: number;
  functionName: string;
  /** Identity of code + version configuration: equal fingerprints mean nothing changed (§6). */
  fingerprint: string;
  /** The API's view, as PublishVersion returned it. */
  configuration: FunctionConfiguration;
  /** The function as this version runs it; its code is the version's ZIP (path filled in on load). */
  fn: FunctionConfig;
  /** Hex SHA-256 of the version's ZIP (its blob's name). */
  blob: string;
}

const RECORD = /^(\d+)(\.deleted)?\.json$/;

export class VersionStore {
  constructor(readonly root: string) {}

  /** Held (across engines) while a version is published or unused blobs are removed (stateLock.ts). */
  get lockFile(): string {
    return join(this.root, '.blobs', '.lock');
  }

  /**
   * Removes the package ZIPs no live version of any function uses (after versions or functions are
   * deleted). Call while holding lockFile, so a publish cannot reuse a blob being removed.
   */
  async removeUnusedBlobs(): Promise<string[]> {
    const blobs = (await fsp.readdir(join(this.root, '.blobs')).catch(() => [] as string[])).filter((n) => /^[0-9a-f]{64}\.zip$/.test(n));
    if (!blobs.length) return [];
    const used = new Set<string>();
    const functions = (await fsp.readdir(this.root, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory() && !d.name.startsWith('.'));
    for (const f of functions) for (const v of await this.list(f.name)) used.add(`${v.blob}.zip`);
    const unused = blobs.filter((b) => !used.has(b));
    await Promise.all(unused.map((b) => fsp.rm(join(this.root, '.blobs', b), { force: true })));
    return unused;
  }

  blobPath(hex: string): string {
    return join(this.root, '.blobs', `${hex}.zip`); // '.blobs' is not a valid function name
  }

  /** Copies a package ZIP into the store (once per content hash); returns its blob name. */
  async keepBlob(zipPath: string, codeSha256: string): Promise<string> {
    const hex = Buffer.from(codeSha256, 'base64').toString('hex');
    const target = this.blobPath(hex);
    if (!existsSync(target)) {
      await fsp.mkdir(join(this.root, '.blobs'), { recursive: true });
      const tmp = tempPathFor(target);
      await fsp.copyFile(zipPath, tmp);
      await fsp.rename(tmp, target);
    }
    return hex;
  }

  /**
   * Stores the next version: `make(n)` builds the record for number n. Numbers follow the highest ever
   * given (deleted ones included); a number another engine took meanwhile is skipped.
   */
  async create(functionName: string, make: (version: number) => StoredVersion): Promise<StoredVersion> {
    const dir = join(this.root, functionName);
    for (let attempt = 0; attempt < 100; attempt++) {
      const next = (await this.highest(functionName)) + 1 + attempt;
      const record = make(next);
      if (await createJsonExclusive(join(dir, `${next}.json`), { ...record, fn: { ...record.fn, code: { kind: 'zip', path: '' } } })) return record;
    }
    throw new Error(`Could not take a version number for "${functionName}" after 100 attempts.`);
  }

  /** The live versions of a function, oldest first. */
  async list(functionName: string): Promise<StoredVersion[]> {
    const names = await this.names(functionName);
    const live = names.filter((n) => !n.deleted).sort((a, b) => a.version - b.version);
    const records = await Promise.all(live.map((n) => this.get(functionName, n.version)));
    return records.filter((r): r is StoredVersion => r !== undefined);
  }

  async get(functionName: string, version: number): Promise<StoredVersion | undefined> {
    const r = await readJson<StoredVersion>(join(this.root, functionName, `${version}.json`));
    if (!r) return undefined;
    r.fn.code = { kind: 'zip', path: this.blobPath(r.blob) };
    return r;
  }

  /** Marks a version deleted (its number stays taken); false when it did not exist. */
  async delete(functionName: string, version: number): Promise<boolean> {
    const dir = join(this.root, functionName);
    try {
      await fsp.rename(join(dir, `${version}.json`), join(dir, `${version}.deleted.json`));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }

  /** Forgets every version of a deleted function (a function created again later starts at 1, as in Lambda). */
  async deleteAll(functionName: string): Promise<void> {
    await fsp.rm(join(this.root, functionName), { recursive: true, force: true });
  }

  private async highest(functionName: string): Promise<number> {
    return (await this.names(functionName)).reduce((m, n) => Math.max(m, n.version), 0);
  }

  private async names(functionName: string): Promise<{ version: number; deleted: boolean }[]> {
    let entries: string[];
    try {
      entries = await fsp.readdir(join(this.root, functionName));
    } catch {
      return [];
    }
    return entries.flatMap((e) => {
      const m = RECORD.exec(e);
      return m ? [{ version: Number(m[1]), deleted: !!m[2] }] : [];
    });
  }
}
