// core/template: the template's HTTP front doors → HttpModel (src/core/http/routeTypes.ts): SAM first, then the
// CloudFormation resources, then routes an API defines in its own body (the DEFINITION_READERS plug-ins).
import type { FunctionConfig } from '../model/functionConfig';
import type { HttpModel } from '../http/routeTypes';
import { DEFINITION_READERS } from '../http/plugins';
import { WorkbenchError } from '../common/errors';
import { dirname } from 'node:path';
import type { ResourceEntry, TemplateContext } from './context';
import type { Resolver } from './intrinsics';
import { loadApiDefinition } from './apiDefinitions';
import { readApiGatewayExtras } from './apiGatewayExtras';
import { readApiGatewayResources } from './apiGatewayResources';
import { readSamHttp } from './httpApis';
import { HttpRead } from './httpShared';

export function readHttpModel(ctx: TemplateContext, resolver: Resolver, included: readonly ResourceEntry[], functions: readonly FunctionConfig[], globals: Record<string, unknown>): HttpModel {
  const read = new HttpRead(ctx, resolver, functions, globals);
  readSamHttp(read, included);
  readApiGatewayResources(read, included);
  readApiGatewayExtras(read, included);
  const functionNames = new Map(functions.map((f) => [f.logicalId, f.functionName]));
  for (const api of read.apis.values()) {
    try {
      loadApiDefinition(ctx, resolver, api);
    } catch (err) {
      if (!(err instanceof WorkbenchError)) throw err;
      read.broken.push({ logicalId: api.logicalId, resourceType: 'DefinitionBody', error: err });
      continue;
    }
    for (const reader of DEFINITION_READERS) {
      try {
        const out = reader.read(api, { templateDir: dirname(ctx.file), functionNames, warn: (m) => ctx.warn(m) });
        api.routes.push(...out.routes);
        if (out.authorizers) api.authorizers.push(...out.authorizers);
      } catch (err) {
        if (!(err instanceof WorkbenchError)) throw err;
        read.broken.push({ logicalId: api.logicalId, resourceType: reader.name, error: err });
      }
    }
  }
  // An API left without routes (all its events broken, say) is still listed: its routes table shows why.
  return { apis: [...read.apis.values()], broken: read.broken };
}
