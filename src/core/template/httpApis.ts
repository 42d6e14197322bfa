// core/template: SAM's HTTP front doors: `AWS::Serverless::Api` / `HttpApi` resources, functions' `Api` and
// `HttpApi` events (on the implicit ServerlessRestApi / ServerlessHttpApi unless RestApiId / ApiId name one), and
// `FunctionUrlConfig`. Globals.Api / Globals.HttpApi apply to every API of their kind, as SAM applies them.
import type { ApiDecl, HttpMethod, RouteAuth, RouteDecl } from '../http/routeTypes';
import { corsFromLists, corsFromSamRest } from '../http/corsConfig';
import type { FunctionConfig } from '../model/functionConfig';
import { isRecord, type ResourceEntry } from './context';
import { authorizersOf, HTTP_TIMEOUT_MS, integration, linePos, mediaTypes, methodOf, newApi, normalPath, refTarget, REST_TIMEOUT_MS, stringMap, type HttpRead } from './httpShared';

const IMPLICIT_REST = 'ServerlessRestApi';
const IMPLICIT_HTTP = 'ServerlessHttpApi';

function withGlobals(read: HttpRead, kind: 'Api' | 'HttpApi', props: Record<string, unknown>): Record<string, unknown> {
  const g = read.globals[kind];
  if (!isRecord(g)) return props;
  const resolved = read.resolver.resolve(g, { where: `Globals.${kind}`, lenient: true });
  return isRecord(resolved) ? { ...resolved, ...props } : props;
}

function restApi(read: HttpRead, id: string, p: Record<string, unknown>, line: number | undefined, implicit: boolean): ApiDecl {
  const api = newApi('rest', id, typeof p.StageName === 'string' ? p.StageName : 'Prod', line);
  api.implicit = implicit;
  api.name = typeof p.Name === 'string' ? p.Name : id;
  api.stageVariables = stringMap(p.Variables);
  const cors = corsFromSamRest(p.Cors);
  if (cors) api.cors = cors;
  api.binaryMediaTypes = mediaTypes(p.BinaryMediaTypes);
  const auth = isRecord(p.Auth) ? p.Auth : undefined;
  if (typeof auth?.DefaultAuthorizer === 'string') api.defaultAuthorizer = auth.DefaultAuthorizer;
  if (auth?.ApiKeyRequired === true) api.apiKeyRequired = true;
  api.authorizers = authorizersOf(id, 'sam', auth, read, id, line);
  api.properties = p;
  return api;
}

function httpApi(read: HttpRead, id: string, p: Record<string, unknown>, line: number | undefined, implicit: boolean): ApiDecl {
  const api = newApi('http', id, typeof p.StageName === 'string' ? p.StageName : '$default', line);
  api.implicit = implicit;
  api.name = typeof p.Name === 'string' ? p.Name : id;
  api.stageVariables = stringMap(p.StageVariables);
  const cors = corsFromLists(p.CorsConfiguration);
  if (cors) api.cors = cors;
  const auth = isRecord(p.Auth) ? p.Auth : undefined;
  if (typeof auth?.DefaultAuthorizer === 'string') api.defaultAuthorizer = auth.DefaultAuthorizer;
  api.authorizers = authorizersOf(id, 'sam', auth, read, id, line);
  api.properties = p;
  return api;
}

function routeAuth(v: unknown): RouteAuth | undefined {
  if (!isRecord(v)) return undefined;
  const auth: RouteAuth = {};
  if (typeof v.Authorizer === 'string') auth.authorizer = v.Authorizer;
  if (typeof v.ApiKeyRequired === 'boolean') auth.apiKeyRequired = v.ApiKeyRequired;
  if (Array.isArray(v.AuthorizationScopes)) auth.scopes = v.AuthorizationScopes.filter((s): s is string => typeof s === 'string');
  return Object.keys(auth).length ? auth : undefined;
}

/** The explicit API a `RestApiId` / `ApiId` names (`!Ref MyApi`), or the implicit one. */
function targetApi(read: HttpRead, fnEntry: ResourceEntry, eventName: string, kind: 'rest' | 'http', raw: unknown): ApiDecl {
  const samType = kind === 'rest' ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi';
  const prop = kind === 'rest' ? 'RestApiId' : 'ApiId';
  const events = fnEntry.properties.Events;
  const eventRaw = isRecord(events) ? events[eventName] : undefined;
  const pos = read.pos(fnEntry, eventRaw);
  if (raw === undefined) {
    const id = kind === 'rest' ? IMPLICIT_REST : IMPLICIT_HTTP;
    return read.api(kind, id, () => (kind === 'rest' ? restApi : httpApi)(read, id, withGlobals(read, kind === 'rest' ? 'Api' : 'HttpApi', {}), undefined, true));
  }
  const ref = refTarget(raw);
  const target = ref ? read.ctx.resources.get(ref) : undefined;
  const api = ref ? read.apis.get(ref) : undefined;
  if (!target || target.type !== samType || !api) {
    const what = ref ? (target ? `names "${ref}", a ${target.type}` : `names "${ref}", which is not a resource of this template (or could not be read)`) : 'is not a !Ref';
    throw read.error(fnEntry, `${prop} of event "${eventName}" of function "${fnEntry.logicalId}" ${what}`, `Use ${prop}: !Ref <an ${samType} of this template>`, pos);
  }
  return api;
}

function eventRoute(read: HttpRead, fn: FunctionConfig, fnEntry: ResourceEntry, eventName: string, type: 'Api' | 'HttpApi'): void {
  const events = fnEntry.properties.Events;
  const eventRaw = isRecord(events) && isRecord(events[eventName]) ? events[eventName] : {};
  const rawProps = isRecord(eventRaw.Properties) ? eventRaw.Properties : {};
  const p = read.props(fnEntry, rawProps);
  const kind = type === 'Api' ? 'rest' : 'http';
  const api = targetApi(read, fnEntry, eventName, kind, rawProps[kind === 'rest' ? 'RestApiId' : 'ApiId']);
  const pos = read.pos(fnEntry, eventRaw);
  const target = { functionName: fn.functionName, ...(fn.autoPublishAlias ? { qualifier: fn.autoPublishAlias } : {}) };
  const source = { logicalId: fn.logicalId, eventName, templateLine: pos?.line };
  let route: RouteDecl;
  if (kind === 'http' && p.Path === undefined && p.Method === undefined) {
    route = { apiId: api.id, method: 'ANY', path: '$default', routeKey: '$default', isDefault: true, integration: integration(target, '2.0', HTTP_TIMEOUT_MS), source };
  } else {
    if (typeof p.Path !== 'string') throw read.error(fnEntry, `Event "${eventName}" of function "${fn.logicalId}" has no Path`, 'Add Path, e.g. /items/{id}', pos);
    const method = methodOf(p.Method) as HttpMethod | undefined;
    if (!method) throw read.error(fnEntry, `Event "${eventName}" of function "${fn.logicalId}" has Method ${JSON.stringify(p.Method)}`, 'Use get, post, put, patch, delete, head, options or any', pos);
    const path = normalPath(p.Path);
    const version = kind === 'rest' ? '1.0' : p.PayloadFormatVersion === '1.0' || p.PayloadFormatVersion === 1 ? '1.0' : '2.0';
    const timeout = Number(p.TimeoutInMillis) > 0 ? Math.min(Number(p.TimeoutInMillis), kind === 'rest' ? REST_TIMEOUT_MS : HTTP_TIMEOUT_MS) : kind === 'rest' ? REST_TIMEOUT_MS : HTTP_TIMEOUT_MS;
    route = { apiId: api.id, method, path, routeKey: `${method} ${path}`, isDefault: false, integration: integration(target, version, timeout), source };
  }
  const auth = routeAuth(p.Auth);
  if (auth) route.auth = auth;
  if (isRecord(p.RequestModel)) {
    route.requestModels = p.RequestModel;
    if (typeof p.RequestModel.Model === 'string') route.requestValidator = p.RequestModel.Model;
  }
  if (p.RequestParameters !== undefined) route.requestParameters = p.RequestParameters;
  api.routes.push(route);
}

function functionUrl(read: HttpRead, fn: FunctionConfig, fnEntry: ResourceEntry): void {
  const raw = fnEntry.properties.FunctionUrlConfig;
  if (raw === undefined) return;
  const p = read.props(fnEntry, raw);
  const pos = read.pos(fnEntry, fnEntry.properties, 'FunctionUrlConfig');
  const authType = p.AuthType ?? 'NONE';
  if (authType !== 'NONE' && authType !== 'AWS_IAM') throw read.error(fnEntry, `FunctionUrlConfig.AuthType of function "${fn.logicalId}" is ${JSON.stringify(authType)}`, 'Use NONE or AWS_IAM', pos);
  const invokeMode = p.InvokeMode ?? 'BUFFERED';
  if (invokeMode !== 'BUFFERED' && invokeMode !== 'RESPONSE_STREAM') throw read.error(fnEntry, `FunctionUrlConfig.InvokeMode of function "${fn.logicalId}" is ${JSON.stringify(invokeMode)}`, 'Use BUFFERED or RESPONSE_STREAM', pos);
  // SAM attaches the URL to the AutoPublishAlias when there is one.
  addUrl(read, `${fn.logicalId}Url`, fn.functionName, fn.autoPublishAlias, authType, invokeMode, p.Cors, { logicalId: fn.logicalId, templateLine: pos?.line });
}

export function addUrl(read: HttpRead, id: string, functionName: string, qualifier: string | undefined, authType: 'NONE' | 'AWS_IAM', invokeMode: 'BUFFERED' | 'RESPONSE_STREAM', cors: unknown, source: { logicalId: string; templateLine?: number }): void {
  const api = newApi('url', id, '$default', source.templateLine, source.logicalId);
  api.name = `${functionName}${qualifier ? `:${qualifier}` : ''} URL`;
  api.url = { authType, invokeMode, functionName, ...(qualifier ? { qualifier } : {}) };
  const c = corsFromLists(cors);
  if (c) api.cors = c;
  api.source = source;
  const target = { functionName, ...(qualifier ? { qualifier } : {}) };
  // Function URLs have no integration timeout: the function's own timeout applies.
  api.routes.push({ apiId: id, method: 'ANY', path: '$default', routeKey: '$default', isDefault: true, integration: integration(target, '2.0', 0), auth: { authorizer: authType }, source });
  read.apis.set(id, api);
}

/** Reads the SAM side into `read.apis`: explicit APIs first (template order), then events and URLs per function. */
export function readSamHttp(read: HttpRead, included: readonly ResourceEntry[]): void {
  for (const e of included) {
    if (e.type !== 'AWS::Serverless::Api' && e.type !== 'AWS::Serverless::HttpApi') continue;
    read.guard(e, () => {
      const isRest = e.type === 'AWS::Serverless::Api';
      const p = withGlobals(read, isRest ? 'Api' : 'HttpApi', read.props(e));
      if (isRest && p.StageName === undefined) throw read.error(e, `AWS::Serverless::Api "${e.logicalId}" has no StageName`, 'Add StageName, e.g. Prod', linePos(e.line));
      const api = (isRest ? restApi : httpApi)(read, e.logicalId, p, e.line, false);
      read.apis.set(e.logicalId, api);
    });
  }
  for (const fn of read.functions) {
    const fnEntry = read.ctx.resources.get(fn.logicalId);
    if (!fnEntry || fnEntry.type !== 'AWS::Serverless::Function') continue;
    for (const ev of fn.events) {
      if (ev.type === 'Api' || ev.type === 'HttpApi') read.guard(fnEntry, () => eventRoute(read, fn, fnEntry, ev.name, ev.type as 'Api' | 'HttpApi'));
    }
    read.guard(fnEntry, () => functionUrl(read, fn, fnEntry));
  }
}
