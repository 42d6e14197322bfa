// core/http/openapi: routes an API defines in its OpenAPI definition (properties.DefinitionBody, loaded by the
// template layer): operations with an aws_proxy `x-amazon-apigateway-integration` become routes; security schemes
// with `x-amazon-apigateway-authorizer` become authorizers (an `x-api-key` apiKey scheme means ApiKeyRequired);
// request validators, body models, binary media types and `x-amazon-apigateway-cors` apply to the API.
import { corsFromLists } from '../corsConfig';
import type { ApiDecl, ApiDefinitionReader, AuthorizerDecl, HttpMethod, RouteAuth, RouteDecl } from '../routeTypes';
import { bodyModels, isRec, requiredParameters, uriTarget, type Rec } from './openApiParts';

const METHODS: Record<string, HttpMethod> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS', 'x-amazon-apigateway-any-method': 'ANY' };
const REST_TIMEOUT_MS = 29_000;
const HTTP_TIMEOUT_MS = 30_000;

type Ctx = Parameters<ApiDefinitionReader['read']>[1];

function schemesOf(doc: Rec): Rec {
  const c = isRec(doc.components) ? doc.components.securitySchemes : undefined;
  return isRec(c) ? c : isRec(doc.securityDefinitions) ? doc.securityDefinitions : {};
}

function authorizers(api: ApiDecl, doc: Rec, ctx: Ctx): AuthorizerDecl[] {
  const out: AuthorizerDecl[] = [];
  for (const [name, scheme] of Object.entries(schemesOf(doc))) {
    const ext = isRec(scheme) ? scheme['x-amazon-apigateway-authorizer'] : undefined;
    if (!isRec(ext) || api.authorizers.some((a) => a.name === name)) continue;
    const decl: AuthorizerDecl = { name, apiId: api.id, origin: 'openapi', properties: ext, source: { logicalId: api.logicalId } };
    const t = uriTarget(ext.authorizerUri, api.stageVariables, ctx.functionNames);
    if (t) decl.functionName = t.functionName;
    out.push(decl);
  }
  return out;
}

/** The route's auth from `security` (operation, else document): the first requirement object decides. */
function securityOf(doc: Rec, op: Rec): RouteAuth | undefined {
  const security = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : undefined;
  if (!security) return undefined;
  if (security.length === 0) return { authorizer: 'NONE' };
  const schemes = schemesOf(doc);
  const auth: RouteAuth = {};
  const first = security[0];
  for (const [name, scopes] of Object.entries(isRec(first) ? first : {})) {
    const s = schemes[name];
    const scheme = isRec(s) ? s : {};
    if (scheme['x-amazon-apigateway-authtype'] === 'awsSigv4' || name === 'sigv4') auth.authorizer = 'AWS_IAM';
    else if (scheme.type === 'apiKey' && !isRec(scheme['x-amazon-apigateway-authorizer']) && String(scheme.name).toLowerCase() === 'x-api-key') auth.apiKeyRequired = true;
    else {
      auth.authorizer = name;
      if (Array.isArray(scopes) && scopes.length) auth.scopes = scopes.filter((x): x is string => typeof x === 'string');
    }
  }
  return Object.keys(auth).length ? auth : undefined;
}

function applyApiExtensions(api: ApiDecl, doc: Rec): void {
  const binary = doc['x-amazon-apigateway-binary-media-types'];
  if (Array.isArray(binary)) api.binaryMediaTypes = [...new Set([...api.binaryMediaTypes, ...binary.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/~1/g, '/'))])];
  const cors = doc['x-amazon-apigateway-cors'];
  if (isRec(cors) && !api.cors) {
    const pascal = Object.fromEntries(Object.entries(cors).map(([k, v]) => [k[0].toUpperCase() + k.slice(1), v]));
    const c = corsFromLists(pascal);
    if (c) api.cors = c;
  }
  const validators = doc['x-amazon-apigateway-request-validators'];
  if (isRec(validators)) {
    for (const [name, v] of Object.entries(validators)) {
      if (isRec(v)) api.requestValidators = { ...api.requestValidators, [name]: { body: v.validateRequestBody === true, params: v.validateRequestParameters === true } };
    }
  }
}

function route(api: ApiDecl, doc: Rec, path: string, item: Rec, op: Rec, method: HttpMethod, ctx: Ctx): RouteDecl | string {
  const integ = op['x-amazon-apigateway-integration'];
  if (!isRec(integ) || String(integ.type).toLowerCase() !== 'aws_proxy') return `${method} ${path} has no aws_proxy x-amazon-apigateway-integration (only Lambda proxy integrations are served locally)`;
  const target = uriTarget(integ.uri, api.stageVariables, ctx.functionNames);
  if (!target) return `${method} ${path} has an integration uri that names no function of this template (${JSON.stringify(integ.uri)})`;
  const isDefault = api.kind === 'http' && path === '/$default';
  const p = isDefault ? '$default' : path.length > 1 ? path.replace(/\/+$/, '') : '/';
  const version = api.kind === 'rest' ? '1.0' : String(integ.payloadFormatVersion) === '2.0' ? '2.0' : '1.0';
  const max = api.kind === 'rest' ? REST_TIMEOUT_MS : HTTP_TIMEOUT_MS;
  const timeoutMs = Number(integ.timeoutInMillis) > 0 ? Math.min(Number(integ.timeoutInMillis), max) : max;
  const r: RouteDecl = {
    apiId: api.id,
    method: isDefault ? 'ANY' : method,
    path: p,
    routeKey: isDefault ? '$default' : `${method} ${p}`,
    isDefault,
    integration: { functionName: target.functionName, ...(target.qualifier ? { qualifier: target.qualifier } : {}), payloadFormatVersion: version, timeoutMs },
    source: { logicalId: api.logicalId },
  };
  const auth = securityOf(doc, op);
  if (auth) r.auth = auth;
  const validator = op['x-amazon-apigateway-request-validator'] ?? doc['x-amazon-apigateway-request-validator'];
  if (typeof validator === 'string') r.requestValidator = validator;
  const models = bodyModels(doc, op);
  if (models) r.requestModels = models;
  const params = requiredParameters(doc, [item.parameters, op.parameters]);
  if (params) r.requestParameters = params;
  return r;
}

export const openApiReader: ApiDefinitionReader = {
  name: 'OpenAPI definition',
  read(api, ctx) {
    const doc = api.properties.DefinitionBody;
    if (!isRec(doc) || !isRec(doc.paths)) return { routes: [] };
    applyApiExtensions(api, doc);
    const taken = new Set(api.routes.map((r) => r.routeKey));
    const routes: RouteDecl[] = [];
    const skipped: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!isRec(item)) continue;
      for (const [key, op] of Object.entries(item)) {
        const method = METHODS[key.toLowerCase()];
        if (!method || !isRec(op)) continue;
        const r = route(api, doc, path, item, op, method, ctx);
        if (typeof r === 'string') skipped.push(r);
        else if (!taken.has(r.routeKey)) {
          taken.add(r.routeKey);
          routes.push(r);
        }
      }
    }
    if (skipped.length) ctx.warn(`API "${api.id}": ${skipped.length} operation(s) of its OpenAPI definition are not served: ${skipped.join('; ')}`);
    return { routes, authorizers: authorizers(api, doc, ctx) };
  },
};
