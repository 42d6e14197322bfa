// core/registry: published versions of functions (lambda-semantics.md §6): publishing a snapshot of
// `$LATEST` (nothing changed → the latest version, no new one; CodeSha256/RevisionId preconditions),
// listing and reading them, and resolving a qualifier (version or alias) to the configuration that runs.
import { WorkbenchError } from '../common/errors';
import { functionArn } from '../model/arn';
import type { FunctionConfig } from '../model/functionConfig';
import type { FunctionConfiguration, PublishVersionInput, ResolvedQualifier } from '../model/versions';
import type { AliasStore } from './aliasStore';
import { classifyQualifier, LATEST } from './qualifiers';
import { effectiveAlias, pickVersion } from './routing';
import { functionConfiguration, latestModified, publishSnapshotLayers, sha256Hex, takeSnapshot, type SnapshotDeps } from './versionSnapshot';
import { withStateLock } from './stateLock';
import type { StoredVersion, VersionStore } from './versionStore';

export interface VersionManagerDeps extends SnapshotDeps {
  store: VersionStore;
  aliases: AliasStore;
  /** Engine clock, epoch ms (traffic shifts, LastModified of versions). */
  now(): number;
  /** Uniform [0, 1) per request for alias routing; tests seed it. */
  random(): number;
  /** Applied to every version's configuration as it is loaded to run (e.g. the CLI's --log-format). */
  adjust?(fn: FunctionConfig): FunctionConfig;
}

/** What an invocation runs once its qualifier is resolved. */
export interface InvokeTarget extends ResolvedQualifier {
  fn: FunctionConfig;
}

export class VersionManager {
  /** Runnable configurations of versions by `<function>:<n>`: immutable, and stable objects so pools stay. */
  private readonly running = new Map<string, FunctionConfig>();
  /** Publishes of one function run one after another, so a double publish cannot make two versions. */
  private readonly publishing = new Map<string, Promise<unknown>>();

  constructor(private readonly d: VersionManagerDeps) {}

  arn(fn: FunctionConfig, qualifier?: string): string {
    return functionArn(this.d.region, this.d.accountId, fn.functionName, qualifier);
  }

  /** `$LATEST`'s FunctionConfiguration as it is now (builds its package to know its CodeSha256). */
  async latest(fn: FunctionConfig): Promise<FunctionConfiguration> {
    const s = await takeSnapshot(fn, this.d);
    return functionConfiguration(s, this.d, undefined, latestModified(fn));
  }

  /**
   * What SAM's AutoPublishAlias versions on unless AutoPublishAliasAllProperties: the code, Environment and
   * MemorySize (a change of anything else updates `$LATEST` only).
   */
  async deployHash(fn: FunctionConfig): Promise<string> {
    const s = await takeSnapshot(fn, this.d);
    return sha256Hex(JSON.stringify([s.codeSha256, Object.entries(s.fn.environment).sort(), s.fn.memorySize]));
  }

  publish(fn: FunctionConfig, input: PublishVersionInput = {}): Promise<FunctionConfiguration> {
    const key = fn.functionName;
    const run = (this.publishing.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => this.publishNow(fn, input));
    this.publishing.set(key, run);
    void run.finally(() => this.publishing.get(key) === run && this.publishing.delete(key)).catch(() => undefined);
    return run;
  }

  private async publishNow(fn: FunctionConfig, input: PublishVersionInput): Promise<FunctionConfiguration> {
    const s = await takeSnapshot(fn, this.d);
    const current = functionConfiguration(s, this.d, undefined, latestModified(fn));
    if (input.codeSha256 !== undefined && input.codeSha256 !== s.codeSha256) {
      throw new WorkbenchError('PRECONDITION_FAILED', `CodeSha256 ${input.codeSha256} does not match the function's current code ${s.codeSha256} (${this.arn(fn)}). Publish without the precondition, or with the current CodeSha256.`);
    }
    if (input.revisionId !== undefined && input.revisionId !== current.RevisionId) {
      throw new WorkbenchError('PRECONDITION_FAILED', `RevisionId ${input.revisionId} does not match the current RevisionId ${current.RevisionId} of ${this.arn(fn)}. Get the function's configuration again and retry.`);
    }
    // Read, compare and create under the state directory's lock: two engines publishing the same code at
    // once make one version; the blob copied cannot be removed meanwhile by another engine's cleanup.
    return withStateLock(this.d.store.lockFile, async () => {
      const last = (await this.d.store.list(fn.functionName)).at(-1);
      // §6: nothing changed since the last published version → no new version; the latest one is returned.
      if (last && last.fingerprint === s.fingerprint) return last.configuration;
      const runnable = await publishSnapshotLayers(s, this.d);
      const blob = await this.d.store.keepBlob(s.zipPath, s.codeSha256);
      const now = this.d.now();
      const record = await this.d.store.create(fn.functionName, (version): StoredVersion => {
        const configuration = functionConfiguration({ ...s, fn: runnable }, this.d, version, now);
        if (input.description !== undefined) configuration.Description = input.description;
        return { version, functionName: fn.functionName, fingerprint: s.fingerprint, configuration, fn: runnable, blob };
      });
      return record.configuration;
    });
  }

  /** Removes the package ZIPs that no live version uses any more (after a version or a function is deleted). */
  removeUnusedBlobs(): Promise<string[]> {
    return withStateLock(this.d.store.lockFile, () => this.d.store.removeUnusedBlobs());
  }

  /** `$LATEST` first (unless left out: it needs a package build), then the published versions in order (ListVersionsByFunction). */
  async list(fn: FunctionConfig, includeLatest = true): Promise<FunctionConfiguration[]> {
    const versions = (await this.d.store.list(fn.functionName)).map((v) => v.configuration);
    return includeLatest ? [await this.latest(fn), ...versions] : versions;
  }

  /** The configuration `qualifier` names: `$LATEST`, a version, or the version an alias points to. */
  async configuration(fn: FunctionConfig, qualifier: string | undefined): Promise<FunctionConfiguration> {
    const q = classifyQualifier(qualifier);
    if (q.kind === 'latest') return this.latest(fn);
    if (q.kind === 'version') return (await this.version(fn, q.version)).configuration;
    const alias = await this.d.aliases.get(fn.functionName, q.alias);
    if (!alias) throw this.notFound(fn, qualifier);
    const target = effectiveAlias(alias, this.d.now()).functionVersion;
    return target === LATEST ? this.latest(fn) : (await this.version(fn, Number(target))).configuration;
  }

  /** A published version; FUNCTION_NOT_FOUND when it does not exist (or was deleted). */
  async version(fn: FunctionConfig, version: number): Promise<StoredVersion> {
    const v = await this.d.store.get(fn.functionName, version);
    if (!v) throw this.notFound(fn, String(version));
    return v;
  }

  /** Deletes a version (DeleteFunction with a Qualifier); refused while an alias routes to it. */
  async deleteVersion(fn: FunctionConfig, version: number): Promise<void> {
    const users = (await this.d.aliases.list(fn.functionName)).filter((a) => {
      const e = effectiveAlias(a, this.d.now());
      return e.functionVersion === String(version) || (e.routing && String(version) in e.routing) || a.shift?.toVersion === String(version);
    });
    if (users.length) {
      throw new WorkbenchError('RESOURCE_CONFLICT', `Unable to delete version ${version} of "${fn.functionName}" because these aliases reference it: ${users.map((a) => a.name).join(', ')}. Point them elsewhere first.`);
    }
    if (!(await this.d.store.delete(fn.functionName, version))) throw this.notFound(fn, String(version));
    this.running.delete(`${fn.functionName}:${version}`);
    await this.removeUnusedBlobs();
  }

  /**
   * Where an invocation of `fn` with `qualifier` (not `$LATEST`: that path never comes here) goes: the
   * version's own configuration, or for an alias the version its routing picks for this request.
   */
  async resolve(fn: FunctionConfig, qualifier: string): Promise<InvokeTarget> {
    const q = classifyQualifier(qualifier);
    if (q.kind === 'latest') return { fn, executedVersion: LATEST, invokedQualifier: qualifier };
    if (q.kind === 'version') return { fn: await this.runnable(fn, q.version), executedVersion: String(q.version), invokedQualifier: qualifier };
    const alias = await this.d.aliases.get(fn.functionName, q.alias);
    if (!alias) throw this.notFound(fn, qualifier);
    const e = effectiveAlias(alias, this.d.now());
    const picked = pickVersion(e.functionVersion, e.routing, this.d.random);
    if (picked === LATEST) return { fn, executedVersion: LATEST, invokedQualifier: qualifier };
    return { fn: await this.runnable(fn, Number(picked)), executedVersion: picked, invokedQualifier: qualifier };
  }

  /** Drops what is cached in memory about a deleted function's versions. */
  forget(functionName: string): void {
    for (const key of [...this.running.keys()]) if (key.startsWith(`${functionName}:`)) this.running.delete(key);
  }

  private async runnable(fn: FunctionConfig, version: number): Promise<FunctionConfig> {
    const key = `${fn.functionName}:${version}`;
    let r = this.running.get(key);
    if (!r) {
      const stored = (await this.version(fn, version)).fn;
      r = this.d.adjust ? this.d.adjust(stored) : stored;
      this.running.set(key, r);
    }
    return r;
  }

  notFound(fn: FunctionConfig, qualifier: string | undefined): WorkbenchError {
    return new WorkbenchError('FUNCTION_NOT_FOUND', `Function not found: ${this.arn(fn, qualifier)}. Publish a version with "lambda-workbench versions publish ${fn.logicalId}", or check the qualifier.`);
  }
}
