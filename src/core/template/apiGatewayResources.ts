// core/template: API Gateway and Lambda URL resources written out in CloudFormation: AWS::ApiGatewayV2::Api +
// Integration + Route (+ Stage, Authorizer), AWS::ApiGateway::RestApi + Resource + Method (+ Stage, Deployment,
// Authorizer) with Lambda proxy (AWS_PROXY) integrations, and AWS::Lambda::Url.
import type { ApiDecl, AuthorizerDecl, HttpMethod, RouteDecl } from '../http/routeTypes';
import { corsFromLists } from '../http/corsConfig';
import { isRecord, type ResourceEntry } from './context';
import { addUrl } from './httpApis';
import { HTTP_TIMEOUT_MS, integration, mediaTypes, methodOf, newApi, normalPath, refTarget, REST_TIMEOUT_MS, stringMap, type HttpRead } from './httpShared';

function ofType(included: readonly ResourceEntry[], type: string): ResourceEntry[] {
  return included.filter((e) => e.type === type);
}

/** The API a child resource belongs to (`ApiId` / `RestApiId: !Ref Api`). */
function parentApi(read: HttpRead, e: ResourceEntry, prop: string, kind: 'rest' | 'http'): ApiDecl {
  const ref = refTarget(e.properties[prop]);
  const api = ref ? read.apis.get(ref) : undefined;
  if (!api || api.kind !== kind) {
    throw read.error(e, `${prop} of ${e.type} "${e.logicalId}" does not name an ${kind === 'rest' ? 'AWS::ApiGateway::RestApi' : 'AWS::ApiGatewayV2::Api'} of this template`, `Use ${prop}: !Ref <the API's logical id>`, read.pos(e, e.properties, prop));
  }
  return api;
}

function lambdaTarget(read: HttpRead, e: ResourceEntry, raw: unknown, resolved: unknown, prop: string): { functionName: string; qualifier?: string } {
  const t = read.functionTarget(raw, resolved);
  if (!t) throw read.error(e, `${prop} of ${e.type} "${e.logicalId}" does not name a function of this template`, `Point it at one, e.g. !GetAtt MyFunction.Arn (got ${JSON.stringify(resolved)})`, read.pos(e, e.properties, prop));
  return t;
}

function authorizer(apiId: string, e: ResourceEntry, p: Record<string, unknown>, read: HttpRead, origin: AuthorizerDecl['origin']): AuthorizerDecl {
  const decl: AuthorizerDecl = { name: e.logicalId, apiId, origin, properties: p, source: { logicalId: e.logicalId, templateLine: e.line } };
  const t = read.functionTarget(undefined, p.AuthorizerUri);
  if (t) decl.functionName = t.functionName;
  return decl;
}

function readHttpApis(read: HttpRead, included: readonly ResourceEntry[]): void {
  for (const e of ofType(included, 'AWS::ApiGatewayV2::Api')) {
    read.guard(e, () => {
      const p = read.props(e);
      // An API imported from an OpenAPI Body has no ProtocolType: it is an HTTP API.
      if (p.ProtocolType !== 'HTTP' && !(p.ProtocolType === undefined && (p.Body !== undefined || p.BodyS3Location !== undefined))) {
        read.ctx.warn(`AWS::ApiGatewayV2::Api "${e.logicalId}" has ProtocolType ${JSON.stringify(p.ProtocolType)}; only HTTP APIs are served locally`, read.pos(e));
        return;
      }
      const api = newApi('http', e.logicalId, '$default', e.line);
      api.name = typeof p.Name === 'string' ? p.Name : e.logicalId;
      const cors = corsFromLists(p.CorsConfiguration);
      if (cors) api.cors = cors;
      api.properties = p;
      read.apis.set(e.logicalId, api);
      // Quick create: Target is a Lambda ARN, served as the $default route.
      if (p.Target !== undefined) {
        const t = lambdaTarget(read, e, e.properties.Target, p.Target, 'Target');
        api.routes.push({ apiId: api.id, method: 'ANY', path: '$default', routeKey: '$default', isDefault: true, integration: integration(t, '2.0', HTTP_TIMEOUT_MS), source: { logicalId: e.logicalId, templateLine: e.line } });
      }
    });
  }
  for (const e of ofType(included, 'AWS::ApiGatewayV2::Stage')) {
    read.guard(e, () => {
      const api = parentApi(read, e, 'ApiId', 'http');
      const p = read.props(e);
      if (typeof p.StageName === 'string') api.stage = p.StageName;
      api.stageVariables = stringMap(p.StageVariables);
    });
  }
  for (const e of ofType(included, 'AWS::ApiGatewayV2::Authorizer')) {
    read.guard(e, () => {
      const api = parentApi(read, e, 'ApiId', 'http');
      api.authorizers.push(authorizer(api.id, e, read.props(e), read, 'apigatewayv2'));
    });
  }
  const integrations = new Map<string, { target: { functionName: string; qualifier?: string }; version: '1.0' | '2.0'; timeoutMs: number }>();
  for (const e of ofType(included, 'AWS::ApiGatewayV2::Integration')) {
    read.guard(e, () => {
      parentApi(read, e, 'ApiId', 'http');
      const p = read.props(e);
      if (p.IntegrationType !== 'AWS_PROXY') {
        read.ctx.warn(`Integration "${e.logicalId}" is of type ${JSON.stringify(p.IntegrationType)}; only Lambda proxy (AWS_PROXY) integrations are served locally`, read.pos(e));
        return;
      }
      const target = lambdaTarget(read, e, e.properties.IntegrationUri, p.IntegrationUri, 'IntegrationUri');
      if (p.PayloadFormatVersion !== '1.0' && p.PayloadFormatVersion !== '2.0') {
        throw read.error(e, `PayloadFormatVersion of integration "${e.logicalId}" is ${JSON.stringify(p.PayloadFormatVersion)}`, 'Lambda proxy integrations of HTTP APIs need "1.0" or "2.0"', read.pos(e, e.properties, 'PayloadFormatVersion'));
      }
      const timeoutMs = Number(p.TimeoutInMillis) > 0 ? Math.min(Number(p.TimeoutInMillis), HTTP_TIMEOUT_MS) : HTTP_TIMEOUT_MS;
      integrations.set(e.logicalId, { target, version: p.PayloadFormatVersion, timeoutMs });
    });
  }
  for (const e of ofType(included, 'AWS::ApiGatewayV2::Route')) {
    read.guard(e, () => {
      const api = parentApi(read, e, 'ApiId', 'http');
      const p = read.props(e);
      const key = typeof p.RouteKey === 'string' ? p.RouteKey.trim() : '';
      const m = /^(\S+)\s+(\/\S*)$/.exec(key);
      const method = m ? (methodOf(m[1]) as HttpMethod | undefined) : undefined;
      if (key !== '$default' && (!m || !method)) throw read.error(e, `RouteKey of route "${e.logicalId}" is ${JSON.stringify(p.RouteKey)}`, 'Use "$default" or "METHOD /path", e.g. "GET /pets/{id}"', read.pos(e, e.properties, 'RouteKey'));
      const targetId = typeof p.Target === 'string' ? /^integrations\/(.+)$/.exec(p.Target)?.[1] : undefined;
      const integ = targetId ? integrations.get(targetId) : undefined;
      if (!integ) throw read.error(e, `Target of route "${e.logicalId}" does not name a Lambda proxy integration of this template`, 'Use Target: !Sub integrations/${MyIntegration}', read.pos(e, e.properties, 'Target'));
      const path = key === '$default' ? '$default' : normalPath(m![2]);
      const route: RouteDecl = { apiId: api.id, method: key === '$default' ? 'ANY' : method!, path, routeKey: key === '$default' ? '$default' : `${method} ${path}`, isDefault: key === '$default', integration: integration(integ.target, integ.version, integ.timeoutMs), source: { logicalId: e.logicalId, templateLine: e.line } };
      const type = typeof p.AuthorizationType === 'string' ? p.AuthorizationType : 'NONE';
      const authorizerId = refTarget(e.properties.AuthorizerId) ?? (typeof p.AuthorizerId === 'string' ? p.AuthorizerId : undefined);
      if (type !== 'NONE' || authorizerId) route.auth = { authorizer: authorizerId ?? type, ...(Array.isArray(p.AuthorizationScopes) ? { scopes: p.AuthorizationScopes.filter((s): s is string => typeof s === 'string') } : {}) };
      api.routes.push(route);
    });
  }
}

/** A REST resource's full path, following ParentId up to the API's RootResourceId. */
function resourcePath(read: HttpRead, id: string, apiId: string, seen: Set<string>): string {
  const e = read.ctx.resources.get(id);
  if (!e || e.type !== 'AWS::ApiGateway::Resource' || seen.has(id)) throw new Error(`bad resource ${id}`);
  seen.add(id);
  const part = read.props(e).PathPart;
  const parent = e.properties.ParentId;
  const att = isRecord(parent) ? parent['Fn::GetAtt'] : undefined;
  const isRoot = (Array.isArray(att) && att[0] === apiId && att[1] === 'RootResourceId') || att === `${apiId}.RootResourceId`;
  const base = isRoot ? '' : resourcePath(read, refTarget(parent) ?? '', apiId, seen);
  return `${base}/${String(part)}`;
}

function readRestApis(read: HttpRead, included: readonly ResourceEntry[]): void {
  for (const e of ofType(included, 'AWS::ApiGateway::RestApi')) {
    read.guard(e, () => {
      const p = read.props(e);
      const api = newApi('rest', e.logicalId, 'Prod', e.line);
      api.name = typeof p.Name === 'string' ? p.Name : e.logicalId;
      api.binaryMediaTypes = mediaTypes(p.BinaryMediaTypes);
      api.properties = p;
      read.apis.set(e.logicalId, api);
    });
  }
  for (const type of ['AWS::ApiGateway::Deployment', 'AWS::ApiGateway::Stage']) {
    for (const e of ofType(included, type)) {
      read.guard(e, () => {
        const api = parentApi(read, e, 'RestApiId', 'rest');
        const p = read.props(e);
        if (typeof p.StageName === 'string') api.stage = p.StageName;
        if (isRecord(p.Variables)) api.stageVariables = stringMap(p.Variables);
      });
    }
  }
  for (const e of ofType(included, 'AWS::ApiGateway::Authorizer')) {
    read.guard(e, () => {
      const api = parentApi(read, e, 'RestApiId', 'rest');
      api.authorizers.push(authorizer(api.id, e, read.props(e), read, 'apigateway'));
    });
  }
  for (const e of ofType(included, 'AWS::ApiGateway::Method')) {
    read.guard(e, () => {
      const api = parentApi(read, e, 'RestApiId', 'rest');
      const p = read.props(e);
      const integ = isRecord(p.Integration) ? p.Integration : {};
      if (integ.Type !== 'AWS_PROXY') {
        read.ctx.warn(`Method "${e.logicalId}" has Integration.Type ${JSON.stringify(integ.Type)}; only Lambda proxy (AWS_PROXY) integrations are served locally`, read.pos(e));
        return;
      }
      const method = methodOf(p.HttpMethod) as HttpMethod | undefined;
      if (!method) throw read.error(e, `HttpMethod of method "${e.logicalId}" is ${JSON.stringify(p.HttpMethod)}`, 'Use GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY', read.pos(e, e.properties, 'HttpMethod'));
      const rawResource = e.properties.ResourceId;
      const att = isRecord(rawResource) ? rawResource['Fn::GetAtt'] : undefined;
      const isRoot = (Array.isArray(att) && att[1] === 'RootResourceId') || (typeof att === 'string' && att.endsWith('.RootResourceId'));
      let path = '/';
      if (!isRoot) {
        try {
          path = resourcePath(read, refTarget(rawResource) ?? '', api.id, new Set());
        } catch {
          throw read.error(e, `ResourceId of method "${e.logicalId}" does not lead to the root of API "${api.id}"`, 'Use !Ref <an AWS::ApiGateway::Resource of that API> or !GetAtt <Api>.RootResourceId; each Resource needs ParentId and PathPart', read.pos(e, e.properties, 'ResourceId'));
        }
      }
      const integUri = isRecord(e.properties.Integration) ? e.properties.Integration.Uri : undefined;
      const target = lambdaTarget(read, e, integUri, integ.Uri, 'Integration.Uri');
      const timeoutMs = Number(integ.TimeoutInMillis) > 0 ? Number(integ.TimeoutInMillis) : REST_TIMEOUT_MS;
      path = normalPath(path);
      const route: RouteDecl = { apiId: api.id, method, path, routeKey: `${method} ${path}`, isDefault: false, integration: integration(target, '1.0', timeoutMs), source: { logicalId: e.logicalId, templateLine: e.line } };
      const type = typeof p.AuthorizationType === 'string' ? p.AuthorizationType : 'NONE';
      const authorizerId = refTarget(e.properties.AuthorizerId);
      if (type !== 'NONE' || authorizerId || p.ApiKeyRequired === true) {
        route.auth = { ...(type !== 'NONE' || authorizerId ? { authorizer: authorizerId ?? type } : {}), ...(p.ApiKeyRequired === true ? { apiKeyRequired: true } : {}), ...(Array.isArray(p.AuthorizationScopes) ? { scopes: p.AuthorizationScopes.filter((s): s is string => typeof s === 'string') } : {}) };
      }
      const validator = refTarget(e.properties.RequestValidatorId);
      if (validator) route.requestValidator = validator;
      if (isRecord(p.RequestModels)) route.requestModels = p.RequestModels;
      if (p.RequestParameters !== undefined) route.requestParameters = p.RequestParameters;
      api.routes.push(route);
    });
  }
}

function readUrls(read: HttpRead, included: readonly ResourceEntry[]): void {
  for (const e of ofType(included, 'AWS::Lambda::Url')) {
    read.guard(e, () => {
      const p = read.props(e);
      const t = lambdaTarget(read, e, e.properties.TargetFunctionArn, p.TargetFunctionArn, 'TargetFunctionArn');
      const authType = p.AuthType;
      if (authType !== 'NONE' && authType !== 'AWS_IAM') throw read.error(e, `AuthType of AWS::Lambda::Url "${e.logicalId}" is ${JSON.stringify(authType)}`, 'Use NONE or AWS_IAM', read.pos(e, e.properties, 'AuthType'));
      const mode = p.InvokeMode ?? 'BUFFERED';
      if (mode !== 'BUFFERED' && mode !== 'RESPONSE_STREAM') throw read.error(e, `InvokeMode of AWS::Lambda::Url "${e.logicalId}" is ${JSON.stringify(mode)}`, 'Use BUFFERED or RESPONSE_STREAM', read.pos(e, e.properties, 'InvokeMode'));
      const qualifier = typeof p.Qualifier === 'string' ? p.Qualifier : t.qualifier;
      addUrl(read, e.logicalId, t.functionName, qualifier, authType, mode, p.Cors, { logicalId: e.logicalId, templateLine: e.line });
    });
  }
}

/** Reads the CloudFormation side into `read.apis` (after the SAM side, so its APIs come first). */
export function readApiGatewayResources(read: HttpRead, included: readonly ResourceEntry[]): void {
  readHttpApis(read, included);
  readRestApis(read, included);
  readUrls(read, included);
}
