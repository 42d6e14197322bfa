// core/template: what a template says about versions and aliases — SAM AutoPublishAlias (with
// AutoPublishAliasAllProperties and DeploymentPreference) and the AWS::Lambda::Version / AWS::Lambda::Alias
// resources — read into TemplateVersioning. The engine applies it as a deployment would (registry/templateDeployer).
import type { FunctionConfig } from '../model/functionConfig';
import type { TemplateVersioning, VersionRef } from '../model/versions';
import { shiftType } from '../model/deploymentConfigs';
import { isRecord, type ResourceEntry, type TemplateContext } from './context';
import type { Resolver } from './intrinsics';

export function readVersioning(ctx: TemplateContext, resolver: Resolver, included: readonly ResourceEntry[], functions: readonly FunctionConfig[]): TemplateVersioning {
  const out: TemplateVersioning = { autoPublish: [], versions: [], aliases: [] };
  const fnIds = new Set(functions.map((f) => f.logicalId));
  const value = (e: ResourceEntry, prop: string): unknown =>
    resolver.resolve(e.properties[prop], { where: `property "${prop}" of "${e.logicalId}"`, pos: ctx.at(e.properties, prop), lenient: true });
  const fail = (e: ResourceEntry, prop: string, what: string, hint: string) => ctx.error('TEMPLATE_INVALID', `${what} in "${e.logicalId}"`, hint, ctx.at(e.properties, prop));

  for (const e of included) {
    if (e.type === 'AWS::Serverless::Function' && e.properties.AutoPublishAlias !== undefined) {
      const alias = value(e, 'AutoPublishAlias');
      if (typeof alias !== 'string') throw fail(e, 'AutoPublishAlias', 'AutoPublishAlias is not a string', 'Give the alias name, e.g. AutoPublishAlias: live');
      const pref = value(e, 'DeploymentPreference');
      let deploymentType: string | undefined;
      if (isRecord(pref) && pref.Enabled !== false && pref.Enabled !== 'false') {
        if (typeof pref.Type !== 'string') throw fail(e, 'DeploymentPreference', 'DeploymentPreference has no Type', 'Set Type, e.g. Canary10Percent5Minutes, Linear10PercentEvery1Minute or AllAtOnce');
        try {
          deploymentType = shiftType(pref.Type);
        } catch (err) {
          throw fail(e, 'DeploymentPreference', (err as Error).message.replace(/\.$/, ''), 'Fix DeploymentPreference.Type');
        }
      }
      const all = value(e, 'AutoPublishAliasAllProperties');
      const description = value(e, 'VersionDescription');
      out.autoPublish.push({ functionLogicalId: e.logicalId, alias, allProperties: all === true || all === 'true', deploymentType, description: typeof description === 'string' ? description : undefined });
    } else if (e.type === 'AWS::Lambda::Version') {
      const functionLogicalId = functionRef(e.properties.FunctionName, fnIds);
      if (!functionLogicalId) throw fail(e, 'FunctionName', 'AWS::Lambda::Version FunctionName is not !Ref to a function of the template', 'Use FunctionName: !Ref <FunctionLogicalId>');
      const description = value(e, 'Description');
      out.versions.push({ logicalId: e.logicalId, functionLogicalId, description: typeof description === 'string' ? description : undefined });
    }
  }
  const versionIds = new Set(out.versions.map((v) => v.logicalId));
  for (const e of included.filter((x) => x.type === 'AWS::Lambda::Alias')) {
    const functionLogicalId = functionRef(e.properties.FunctionName, fnIds);
    if (!functionLogicalId) throw fail(e, 'FunctionName', 'AWS::Lambda::Alias FunctionName is not !Ref to a function of the template', 'Use FunctionName: !Ref <FunctionLogicalId>');
    const name = value(e, 'Name');
    if (typeof name !== 'string') throw fail(e, 'Name', 'AWS::Lambda::Alias has no Name', 'Add Name, e.g. Name: live');
    const ref = (v: unknown, prop: string): VersionRef => {
      const r = versionRef(v, versionIds);
      if (!r) throw fail(e, prop, `${prop} is neither a version number, $LATEST, nor !GetAtt <AWS::Lambda::Version>.Version`, 'Point it at a Version resource of the template or a published version number');
      return r;
    };
    const routing: { version: VersionRef; weight: number }[] = [];
    const rc = e.properties.RoutingConfig;
    const weights = isRecord(rc) && Array.isArray(rc.AdditionalVersionWeights) ? rc.AdditionalVersionWeights : [];
    for (const w of weights) {
      if (!isRecord(w)) continue;
      routing.push({ version: ref(w.FunctionVersion, 'RoutingConfig'), weight: Number(resolver.resolve(w.FunctionWeight, { where: `RoutingConfig of "${e.logicalId}"`, lenient: true })) });
    }
    const description = value(e, 'Description');
    out.aliases.push({ logicalId: e.logicalId, functionLogicalId, name, functionVersion: ref(e.properties.FunctionVersion, 'FunctionVersion'), routing, description: typeof description === 'string' ? description : undefined });
  }
  return out;
}

/** `!Ref Fn`, `!GetAtt Fn.Arn`, or the function's logical id as a string. */
function functionRef(v: unknown, fnIds: Set<string>): string | undefined {
  if (typeof v === 'string') return fnIds.has(v) ? v : undefined;
  if (!isRecord(v)) return undefined;
  if (typeof v.Ref === 'string' && fnIds.has(v.Ref)) return v.Ref;
  const att = v['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string' && fnIds.has(att[0])) return att[0];
  return undefined;
}

/** `!GetAtt MyVersion.Version`, `!Ref MyVersion` (its ARN, whose last part is the version), or a literal. */
function versionRef(v: unknown, versionIds: Set<string>): VersionRef | undefined {
  if (typeof v === 'number') return { literal: String(v) };
  if (typeof v === 'string') return /^(\$LATEST|[0-9]+)$/.test(v) ? { literal: v } : undefined;
  if (!isRecord(v)) return undefined;
  const att = v['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string' && versionIds.has(att[0]) && att[1] === 'Version') return { versionResource: att[0] };
  if (typeof v.Ref === 'string' && versionIds.has(v.Ref)) return { versionResource: v.Ref };
  return undefined;
}
