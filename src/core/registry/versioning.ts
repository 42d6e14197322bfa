// core/registry: versions and aliases as the service offers them, by the names callers use: wires the
// stores, the version and alias managers and the template deployer, and resolves names (an unqualified
// one for control-plane calls) before delegating. LambdaService exposes these through one-line methods.
import type { Clock } from '../common/clock';
import { WorkbenchError } from '../common/errors';
import type { FunctionConfig, LogFormat } from '../model/functionConfig';
import type { AliasConfiguration, CreateAliasInput, FunctionConfiguration, PublishVersionInput, UpdateAliasInput } from '../model/versions';
import type { PackageCache } from '../packaging';
import type { StateLayout } from '../store/stateDir';
import { AliasManager } from './aliasManager';
import { AliasStore } from './aliasStore';
import type { FunctionRegistry } from './functionRegistry';
import type { LayerStore } from './layerStore';
import { parseFunctionName, validateVersionRef } from './qualifiers';
import { TemplateDeployer, type AutoPublishOutcome } from './templateDeployer';
import { VersionManager, type InvokeTarget } from './versionManager';
import { VersionStore } from './versionStore';

export interface VersioningDeps {
  state: StateLayout;
  registry: FunctionRegistry;
  packages: PackageCache;
  layerStore: LayerStore;
  region: string;
  accountId: string;
  clock: Clock;
  random: () => number;
  /** The CLI's --log-format, applied to versions as to `$LATEST`. */
  logFormat?: LogFormat;
  warn(message: string): void;
}

export class Versioning {
  private readonly versions: VersionManager;
  private readonly aliases: AliasManager;
  private readonly deployer: TemplateDeployer;
  private readonly versionStore: VersionStore;
  private readonly aliasStore: AliasStore;

  constructor(private readonly d: VersioningDeps) {
    const aliasStore = (this.aliasStore = new AliasStore(d.state.aliases));
    const format = d.logFormat;
    this.versions = new VersionManager({
      store: (this.versionStore = new VersionStore(d.state.versions)),
      aliases: aliasStore,
      cache: d.packages,
      layerStore: d.layerStore,
      templateLayers: () => d.registry.template?.layers ?? [],
      region: d.region,
      accountId: d.accountId,
      now: () => d.clock.now(),
      random: d.random,
      adjust: format ? (fn) => ({ ...fn, logging: { ...fn.logging, logFormat: format } }) : undefined,
      warn: d.warn,
    });
    this.aliases = new AliasManager(aliasStore, this.versions, () => d.clock.now());
    this.deployer = new TemplateDeployer(this.versions, this.aliases);
  }

  /** For the invoker: what a qualifier other than `$LATEST` runs (after the template's deployment). */
  async resolveQualifier(fn: FunctionConfig, qualifier: string): Promise<InvokeTarget> {
    await this.deployer.ensure(this.d.registry.template);
    return this.versions.resolve(fn, qualifier);
  }

  /** Applies the template's versions and aliases (once per loaded template); what AutoPublishAlias did. */
  deployTemplate(): Promise<AutoPublishOutcome[]> {
    return this.deployer.ensure(this.d.registry.template);
  }

  async publishVersion(functionName: string, input?: PublishVersionInput): Promise<FunctionConfiguration> {
    return this.versions.publish(await this.unqualified(functionName), input);
  }

  async listVersions(functionName: string, includeLatest = true): Promise<FunctionConfiguration[]> {
    return this.versions.list(await this.unqualified(functionName), includeLatest);
  }

  async getFunctionConfiguration(functionName: string, qualifier?: string): Promise<FunctionConfiguration> {
    const { fn, qualifier: q } = this.d.registry.resolve(functionName, qualifier);
    await this.deployer.ensure(this.d.registry.template);
    return this.versions.configuration(fn, q);
  }

  getVersion(functionName: string, version: string): Promise<FunctionConfiguration> {
    validateVersionRef(version, 'version');
    return this.getFunctionConfiguration(functionName, version);
  }

  /** The package ZIP a published version (or the version an alias points to) runs: its blob in the version store. */
  async versionZipPath(functionName: string, qualifier: string): Promise<string> {
    const { fn } = this.d.registry.resolve(functionName);
    const version = Number((await this.getFunctionConfiguration(fn.functionName, qualifier)).Version);
    const stored = await this.versions.version(fn, version);
    return (stored.fn.code as { path: string }).path;
  }

  async deleteVersion(functionName: string, version: string): Promise<void> {
    if (!/^[0-9]+$/.test(version)) throw new WorkbenchError('INVALID_PARAMETER', `Only a published version can be deleted, got "${version}".`);
    await this.versions.deleteVersion(await this.unqualified(functionName), Number(version));
  }

  async createAlias(functionName: string, input: CreateAliasInput): Promise<AliasConfiguration> {
    return this.aliases.create(await this.unqualified(functionName), input);
  }

  async getAlias(functionName: string, name: string): Promise<AliasConfiguration> {
    return this.aliases.get(await this.unqualified(functionName), name);
  }

  async updateAlias(functionName: string, name: string, input: UpdateAliasInput): Promise<AliasConfiguration> {
    return this.aliases.update(await this.unqualified(functionName), name, input);
  }

  async deleteAlias(functionName: string, name: string): Promise<void> {
    return this.aliases.delete(await this.unqualified(functionName), name);
  }

  async listAliases(functionName: string, functionVersion?: string): Promise<AliasConfiguration[]> {
    return this.aliases.list(await this.unqualified(functionName), functionVersion);
  }

  /**
   * Forgets every version and alias of a function that was deleted (DeleteFunction without a qualifier):
   * by its plain name, whether or not it is still known.
   */
  async forgetFunction(functionName: string): Promise<void> {
    const { name, qualifier } = parseFunctionName(functionName);
    if (qualifier !== undefined) throw new WorkbenchError('INVALID_PARAMETER', `"${functionName}" has a qualifier; name the function without one.`);
    const fn = this.d.registry.list().find((f) => f.logicalId === name || f.functionName === name);
    const stored = fn?.functionName ?? name;
    this.versions.forget(stored);
    await Promise.all([this.versionStore.deleteAll(stored), this.aliasStore.deleteAll(stored)]);
    await this.versions.removeUnusedBlobs();
  }

  /** The function a control-plane call names, which must not carry a qualifier (PublishVersion, *Alias). */
  private async unqualified(functionName: string): Promise<FunctionConfig> {
    const { fn, qualifier } = this.d.registry.resolve(functionName);
    if (qualifier !== undefined) throw new WorkbenchError('INVALID_PARAMETER', `"${functionName}" has a qualifier; name the function without one (e.g. "${fn.functionName}").`);
    await this.deployer.ensure(this.d.registry.template);
    return fn;
  }
}
