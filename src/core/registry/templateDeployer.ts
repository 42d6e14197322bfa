// core/registry: applies a template's versions and aliases to the engine as a deployment would: SAM
// AutoPublishAlias publishes when the code or configuration changed and points the alias at the new
// version (gradually, under a DeploymentPreference, on the engine clock); AWS::Lambda::Version publishes;
// AWS::Lambda::Alias creates or updates its alias. Runs once per loaded template, when versions are first
// needed (a qualified invoke, a version or alias call), never on the unqualified `$LATEST` path.
import type { TemplateModel } from '../model/functionConfig';
import type { TemplateVersioning, VersionRef } from '../model/versions';
import type { AliasManager } from './aliasManager';
import type { VersionManager } from './versionManager';

/** What a deployment did for one AutoPublishAlias function. */
export interface AutoPublishOutcome {
  logicalId: string;
  functionName: string;
  alias: string;
  /** The version the alias now points to (or shifts to, under a DeploymentPreference). */
  version: string;
  /** False when nothing changed since the version the alias already had (§6: no new version). */
  published: boolean;
  /** The DeploymentPreference type shifting traffic to `version`, if any. */
  deploymentType?: string;
}

export class TemplateDeployer {
  private readonly deployed = new WeakMap<TemplateModel, Promise<AutoPublishOutcome[]>>();

  constructor(
    private readonly versions: VersionManager,
    private readonly aliases: AliasManager,
  ) {}

  /** Resolves once `model`'s versioning is applied (at once when it has none), with what AutoPublishAlias did. */
  ensure(model: TemplateModel | undefined): Promise<AutoPublishOutcome[]> {
    const v = model?.versioning;
    if (!model || !v || (!v.autoPublish.length && !v.versions.length && !v.aliases.length)) return Promise.resolve([]);
    let p = this.deployed.get(model);
    if (!p) this.deployed.set(model, (p = this.deploy(model, v)));
    return p;
  }

  private async deploy(model: TemplateModel, v: TemplateVersioning): Promise<AutoPublishOutcome[]> {
    const fnOf = (id: string) => model.functions.find((f) => f.logicalId === id)!;
    const numbers = new Map<string, string>();
    for (const r of v.versions) numbers.set(r.logicalId, (await this.versions.publish(fnOf(r.functionLogicalId), { description: r.description })).Version);
    const version = (ref: VersionRef) => ('literal' in ref ? ref.literal : numbers.get(ref.versionResource)!);
    for (const a of v.aliases) {
      const routing = Object.fromEntries(a.routing.map((r) => [version(r.version), r.weight]));
      await this.aliases.apply(fnOf(a.functionLogicalId), { name: a.name, functionVersion: version(a.functionVersion), routing, description: a.description });
    }
    const outcomes: AutoPublishOutcome[] = [];
    for (const p of v.autoPublish) {
      const fn = fnOf(p.functionLogicalId);
      const about = { logicalId: fn.logicalId, functionName: fn.functionName, alias: p.alias };
      const hash = p.allProperties ? undefined : await this.versions.deployHash(fn);
      if (hash !== undefined && (await this.aliases.deployedHash(fn, p.alias)) === hash) {
        const alias = await this.aliases.get(fn, p.alias);
        outcomes.push({ ...about, version: alias.FunctionVersion, published: false });
        continue;
      }
      const before = (await this.versions.list(fn, false)).at(-1)?.Version;
      const published = await this.versions.publish(fn, { description: p.description });
      await this.aliases.shiftTo(fn, p.alias, published.Version, p.deploymentType, hash);
      outcomes.push({ ...about, version: published.Version, published: published.Version !== before, deploymentType: p.deploymentType });
    }
    return outcomes;
  }
}
