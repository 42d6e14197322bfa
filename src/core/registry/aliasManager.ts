// core/registry: function aliases (lambda-semantics.md §6): create, read, update (routing, description,
// RevisionId precondition), delete and list, in the API's AliasConfiguration shape. An alias points to a
// published version (or `$LATEST` without routing) and may send a weight to one additional version.
import { randomUUID } from 'node:crypto';
import { WorkbenchError } from '../common/errors';
import type { FunctionConfig } from '../model/functionConfig';
import type { AliasConfiguration, CreateAliasInput, UpdateAliasInput } from '../model/versions';
import type { AliasStore, StoredAlias, TrafficShift } from './aliasStore';
import { LATEST, validateAliasName, validateVersionRef } from './qualifiers';
import { effectiveAlias, validateRouting } from './routing';
import type { VersionManager } from './versionManager';

export class AliasManager {
  constructor(
    private readonly store: AliasStore,
    private readonly versions: VersionManager,
    private readonly now: () => number,
  ) {}

  async create(fn: FunctionConfig, input: CreateAliasInput): Promise<AliasConfiguration> {
    validateAliasName(input.name);
    const routing = await this.checkTarget(fn, input.functionVersion, input.routing);
    const alias: StoredAlias = { name: input.name, functionVersion: input.functionVersion, description: input.description ?? '', routing, revisionId: randomUUID() };
    if (!(await this.store.create(fn.functionName, alias))) {
      throw new WorkbenchError('RESOURCE_CONFLICT', `Alias already exists: ${this.versions.arn(fn, input.name)}. Update it instead (aliases update).`);
    }
    return this.view(fn, alias);
  }

  async get(fn: FunctionConfig, name: string): Promise<AliasConfiguration> {
    return this.view(fn, await this.stored(fn, name));
  }

  async update(fn: FunctionConfig, name: string, input: UpdateAliasInput): Promise<AliasConfiguration> {
    const old = await this.stored(fn, name);
    if (input.revisionId !== undefined && input.revisionId !== old.revisionId) {
      throw new WorkbenchError('PRECONDITION_FAILED', `RevisionId ${input.revisionId} does not match the current RevisionId ${old.revisionId} of alias ${this.versions.arn(fn, name)}. Get the alias again and retry.`);
    }
    const moved = input.functionVersion !== undefined || input.routing !== undefined;
    // A manual change of where the alias points ends a traffic shift under way at its current position.
    const base = moved && old.shift ? { ...old, ...effectiveAlias(old, this.now()), shift: undefined } : old;
    const functionVersion = input.functionVersion ?? base.functionVersion;
    const wanted = input.routing !== undefined ? input.routing : input.functionVersion !== undefined && base.routing && input.functionVersion in base.routing ? undefined : base.routing;
    const routing = moved ? await this.checkTarget(fn, functionVersion, wanted) : base.routing;
    const next: StoredAlias = { ...base, functionVersion, routing, description: input.description ?? base.description, revisionId: randomUUID() };
    await this.store.put(fn.functionName, next);
    return this.view(fn, next);
  }

  async delete(fn: FunctionConfig, name: string): Promise<void> {
    validateAliasName(name);
    if (!(await this.store.delete(fn.functionName, name))) throw this.notFound(fn, name);
  }

  /** Aliases of a function by name; with `functionVersion`, only those pointing (or routing) to it. */
  async list(fn: FunctionConfig, functionVersion?: string): Promise<AliasConfiguration[]> {
    const all = (await this.store.list(fn.functionName)).map((a) => this.view(fn, a));
    return functionVersion === undefined ? all : all.filter((a) => a.FunctionVersion === functionVersion || (a.RoutingConfig && functionVersion in a.RoutingConfig.AdditionalVersionWeights));
  }

  /**
   * Points an alias at `toVersion` through a traffic shift (SAM DeploymentPreference), creating the alias
   * when it does not exist (then it points there at once, as a first deployment does). `deployHash` records
   * what was deployed, so an unchanged template deploys nothing the next time.
   */
  async shiftTo(fn: FunctionConfig, name: string, toVersion: string, type: string | undefined, deployHash: string | undefined): Promise<void> {
    const old = await this.store.get(fn.functionName, name);
    if (!old) {
      validateAliasName(name);
      await this.store.create(fn.functionName, { name, functionVersion: toVersion, description: '', revisionId: randomUUID(), deployHash });
      return;
    }
    const current = effectiveAlias(old, this.now());
    let next: StoredAlias = { ...old, deployHash };
    const arrived = current.functionVersion === toVersion && !current.routing;
    if (!arrived && old.shift?.toVersion !== toVersion) {
      const shift: TrafficShift | undefined = type && type !== 'AllAtOnce' ? { type, fromVersion: current.functionVersion, toVersion, startedAt: this.now() } : undefined;
      next = { ...next, functionVersion: shift ? current.functionVersion : toVersion, routing: undefined, shift, revisionId: randomUUID() };
    }
    if (JSON.stringify(next) !== JSON.stringify(old)) await this.store.put(fn.functionName, next);
  }

  /** The deploy hash recorded by the last shiftTo, undefined when the alias does not exist. */
  async deployedHash(fn: FunctionConfig, name: string): Promise<string | undefined> {
    return (await this.store.get(fn.functionName, name))?.deployHash;
  }

  /** Creates the alias, or updates it when it differs (an AWS::Lambda::Alias resource, applied as CloudFormation would). */
  async apply(fn: FunctionConfig, input: CreateAliasInput): Promise<void> {
    const old = await this.store.get(fn.functionName, input.name);
    if (!old) {
      await this.create(fn, input);
      return;
    }
    const routing = input.routing && Object.keys(input.routing).length ? input.routing : undefined;
    if (old.functionVersion === input.functionVersion && JSON.stringify(old.routing) === JSON.stringify(routing) && old.description === (input.description ?? '') && !old.shift) return;
    await this.update(fn, input.name, { functionVersion: input.functionVersion, routing: routing ?? {}, description: input.description ?? '' });
  }

  private async stored(fn: FunctionConfig, name: string): Promise<StoredAlias> {
    validateAliasName(name);
    const a = await this.store.get(fn.functionName, name);
    if (!a) throw this.notFound(fn, name);
    return a;
  }

  /** Validates where an alias points (§6) and returns the routing to store (none when empty). */
  private async checkTarget(fn: FunctionConfig, functionVersion: string, routing: Record<string, number> | undefined): Promise<Record<string, number> | undefined> {
    validateVersionRef(functionVersion, 'FunctionVersion');
    const extra = routing && Object.keys(routing).length ? routing : undefined;
    if (extra) validateRouting(functionVersion, extra);
    for (const v of [functionVersion, ...Object.keys(extra ?? {})]) if (v !== LATEST) await this.versions.version(fn, Number(v));
    return extra;
  }

  private view(fn: FunctionConfig, a: StoredAlias): AliasConfiguration {
    const e = effectiveAlias(a, this.now());
    return {
      AliasArn: this.versions.arn(fn, a.name),
      Name: a.name,
      FunctionVersion: e.functionVersion,
      Description: a.description,
      ...(e.routing && Object.keys(e.routing).length ? { RoutingConfig: { AdditionalVersionWeights: { ...e.routing } } } : {}),
      RevisionId: a.revisionId,
    };
  }

  private notFound(fn: FunctionConfig, name: string): WorkbenchError {
    return new WorkbenchError('FUNCTION_NOT_FOUND', `Alias not found: ${this.versions.arn(fn, name)}. Create it with "lambda-workbench aliases create ${fn.logicalId} ${name} --function-version N".`);
  }
}
