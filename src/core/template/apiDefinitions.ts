// core/template: an API's OpenAPI definition as one resolved document in `properties.DefinitionBody`, whichever
// way the template gives it: SAM DefinitionBody / DefinitionUri (a local file), CloudFormation Body, or either
// through `Fn::Transform: AWS::Include` (a local Location; intrinsics inside resolved as CloudFormation does).
// S3 locations cannot be read locally: a warning names them.
import { isAbsolute, join, dirname } from 'node:path';
import { WorkbenchError } from '../common/errors';
import type { ApiDecl } from '../http/routeTypes';
import { isRecord, type TemplateContext } from './context';
import type { Resolver } from './intrinsics';
import { parseTemplateFile } from './parse';

function includeLocation(v: unknown): string | undefined {
  const t = isRecord(v) ? v['Fn::Transform'] : undefined;
  if (!isRecord(t) || t.Name !== 'AWS::Include' || !isRecord(t.Parameters)) return undefined;
  return typeof t.Parameters.Location === 'string' ? t.Parameters.Location : undefined;
}

function load(ctx: TemplateContext, resolver: Resolver, api: ApiDecl, location: string, what: string, resolve: boolean): unknown {
  if (/^s3:\/\//i.test(location)) {
    ctx.warn(`${what} of API "${api.id}" is in S3 (${location}); only local files are read: copy it next to the template to serve its routes`);
    return undefined;
  }
  const file = isAbsolute(location) ? location : join(dirname(ctx.file), location);
  let data: unknown;
  try {
    data = parseTemplateFile(file, location).data;
  } catch (e) {
    if (!(e instanceof WorkbenchError)) throw e;
    throw ctx.error('TEMPLATE_INVALID', `${what} of API "${api.id}" (${location}) cannot be read: ${e.message}`, 'Fix the file or the path (relative to the template folder)', undefined, e);
  }
  return resolve ? resolver.resolve(data, { where: `${what} of API "${api.id}"`, lenient: true }) : data;
}

/** Puts the API's definition (if any) into `api.properties.DefinitionBody`, resolved. */
export function loadApiDefinition(ctx: TemplateContext, resolver: Resolver, api: ApiDecl): void {
  const p = api.properties;
  const body = p.DefinitionBody ?? p.Body;
  const include = includeLocation(body);
  if (include !== undefined) {
    p.DefinitionBody = load(ctx, resolver, api, include, 'AWS::Include', true);
    // The resolver could not evaluate Fn::Transform while reading the resource; the include is applied here.
    for (let i = ctx.warnings.length - 1; i >= 0; i--) if (ctx.warnings[i].includes('"Fn::Transform"') && ctx.warnings[i].includes(`"${api.logicalId}"`)) ctx.warnings.splice(i, 1);
    return;
  }
  if (isRecord(body)) {
    p.DefinitionBody = body;
    return;
  }
  const uri = p.DefinitionUri;
  if (typeof uri === 'string') p.DefinitionBody = load(ctx, resolver, api, uri, 'DefinitionUri', false);
  else if (isRecord(uri) || p.BodyS3Location !== undefined) ctx.warn(`The definition of API "${api.id}" is in S3; only local files are read: use a local DefinitionUri path to serve its routes`);
}
