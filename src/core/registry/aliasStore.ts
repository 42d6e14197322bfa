// core/registry: function aliases on disk (lambda-semantics.md §6), one record per alias:
// <stateDir>/aliases/<function>/<alias>.json, created exclusively and replaced atomically. Read on every
// aliased invoke, so an alias moved by another engine (the CLI, VS Code) takes effect at once.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { createJsonExclusive, readJson, writeJsonAtomic } from '../store/atomicJson';

/** A gradual move of an alias to a new version (SAM DeploymentPreference, as CodeDeploy runs it). */
export interface TrafficShift {
  /** The predefined configuration, e.g. `Canary10Percent5Minutes`, `Linear10PercentEvery1Minute`. */
  type: string;
  fromVersion: string;
  toVersion: string;
  /** Engine clock (epoch ms) when the shift began. */
  startedAt: number;
}

export interface StoredAlias {
  name: string;
  functionVersion: string;
  description: string;
  /** Additional version → weight (0.0–1.0), at most one entry. */
  routing?: Record<string, number>;
  revisionId: string;
  /** While a deployment shifts traffic; the alias's effective routing is derived from it and the clock. */
  shift?: TrafficShift;
  /** Set by a template deployment (AutoPublishAlias): the code/configuration hash it deployed. */
  deployHash?: string;
}

export class AliasStore {
  constructor(readonly root: string) {}

  private file(functionName: string, alias: string): string {
    return join(this.root, functionName, `${alias}.json`);
  }

  get(functionName: string, alias: string): Promise<StoredAlias | undefined> {
    return readJson<StoredAlias>(this.file(functionName, alias));
  }

  /** False when the alias already exists. */
  create(functionName: string, alias: StoredAlias): Promise<boolean> {
    return createJsonExclusive(this.file(functionName, alias.name), alias);
  }

  put(functionName: string, alias: StoredAlias): Promise<void> {
    return writeJsonAtomic(this.file(functionName, alias.name), alias);
  }

  /** False when there was no such alias. */
  async delete(functionName: string, alias: string): Promise<boolean> {
    try {
      await fsp.unlink(this.file(functionName, alias));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }

  async list(functionName: string): Promise<StoredAlias[]> {
    let names: string[];
    try {
      names = await fsp.readdir(join(this.root, functionName));
    } catch {
      return [];
    }
    const all = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => this.get(functionName, n.slice(0, -5))));
    return all.filter((a): a is StoredAlias => a !== undefined).sort((a, b) => a.name.localeCompare(b.name));
  }
}
