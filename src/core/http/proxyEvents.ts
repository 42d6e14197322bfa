// core/http: the Lambda proxy events: payload format 2.0 (HTTP APIs, function URLs; lambda-semantics.md §12) and
// 1.0 (REST APIs, HTTP APIs that ask for it), built from the request and the route it matched.
import { isTextContentType, matchesMediaType } from './binaryBodies';
import type { ApiDecl, GuardDecision, HttpRequestInfo, RouteDecl } from './routeTypes';

export interface EventInput {
  api: ApiDecl;
  route: RouteDecl;
  request: HttpRequestInfo;
  accountId: string;
  /** What a guard allowed with (authorizer context, identity), if one ran. */
  grant?: Extract<GuardDecision, { allow: true }>;
  /** Function URLs with AuthType AWS_IAM: the caller's access key. */
  iamAccessKey?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, as requestContext.time / requestTime carry it. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function hostOf(req: HttpRequestInfo): { domainName: string; domainPrefix: string } {
  const domainName = req.headers.host?.[0] ?? '127.0.0.1';
  return { domainName, domainPrefix: domainName.split('.')[0] };
}

function bodyOf(req: HttpRequestInfo, base64: boolean): { body: string; isBase64Encoded: boolean } {
  return base64 ? { body: req.body.toString('base64'), isBase64Encoded: true } : { body: req.body.toString('utf8'), isBase64Encoded: false };
}

/** HTTP APIs and URLs: base64 unless the content type is text (§12 "binary bodies are base64"). */
function v2Binary(req: HttpRequestInfo): boolean {
  return req.body.length > 0 && !isTextContentType(req.headers['content-type']?.[0]);
}

function nonEmpty<T>(o: Record<string, T>): Record<string, T> | undefined {
  return Object.keys(o).length ? o : undefined;
}

/** Payload format 2.0. Optional keys are left out when empty, as API Gateway leaves them out. */
export function eventV2(input: EventInput): Record<string, unknown> {
  const { api, route, request: req } = input;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (k !== 'cookie') headers[k] = v.join(',');
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.query)) query[k] = v.join(',');
  const cookies = (req.headers.cookie ?? []).flatMap((c) => c.split(';')).map((c) => c.trim()).filter(Boolean);
  const { domainName, domainPrefix } = hostOf(req);
  const requestContext: Record<string, unknown> = {
    accountId: input.accountId,
    apiId: api.id,
    domainName,
    domainPrefix,
    http: { method: req.method, path: req.rawPath, protocol: req.protocol, sourceIp: req.sourceIp, userAgent: req.headers['user-agent']?.join(',') ?? '' },
    requestId: req.requestId,
    routeKey: route.routeKey,
    stage: api.stage,
    time: clfTime(req.receivedAt),
    timeEpoch: req.receivedAt,
  };
  const authorizer = v2Authorizer(input);
  if (authorizer) requestContext.authorizer = authorizer;
  if (api.kind === 'url') requestContext.authentication = null;
  const event: Record<string, unknown> = { version: '2.0', routeKey: route.routeKey, rawPath: req.rawPath, rawQueryString: req.rawQueryString };
  if (cookies.length) event.cookies = cookies;
  event.headers = headers;
  const q = nonEmpty(query);
  if (q) event.queryStringParameters = q;
  event.requestContext = requestContext;
  if (req.body.length) Object.assign(event, bodyOf(req, v2Binary(req)));
  const pathParameters = nonEmpty(req.pathParameters);
  if (pathParameters) event.pathParameters = pathParameters;
  event.isBase64Encoded = event.isBase64Encoded ?? false;
  const sv = nonEmpty(api.stageVariables);
  if (sv) event.stageVariables = sv;
  return event;
}

function v2Authorizer(input: EventInput): Record<string, unknown> | undefined {
  if (input.grant?.authorizer) return input.grant.authorizer;
  if (input.grant?.context) return { lambda: input.grant.context };
  if (input.iamAccessKey !== undefined) {
    return { iam: { accessKey: input.iamAccessKey, accountId: input.accountId, callerId: input.iamAccessKey, cognitoIdentity: null, principalOrgId: null, userArn: `arn:aws:iam::${input.accountId}:user/local`, userId: input.iamAccessKey } };
  }
  return undefined;
}

/** Payload format 1.0: REST's proxy event (HTTP APIs add `version` and join repeated values with commas). */
export function eventV1(input: EventInput): Record<string, unknown> {
  const { api, route, request: req } = input;
  const isRest = api.kind === 'rest';
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    const name = isRest ? (req.headerNames[k] ?? k) : k;
    headers[name] = isRest ? v[v.length - 1] : v.join(',');
    multiValueHeaders[name] = v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.query)) query[k] = isRest ? v[v.length - 1] : v.join(',');
  const { domainName, domainPrefix } = hostOf(req);
  const resource = route.isDefault ? '$default' : route.path;
  const identity: Record<string, unknown> = {
    accessKey: null, accountId: null, caller: null, cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null, cognitoIdentityPoolId: null, principalOrgId: null,
    sourceIp: req.sourceIp, user: null, userAgent: req.headers['user-agent']?.join(',') ?? '', userArn: null,
    ...(input.grant?.identity ?? {}),
  };
  const requestContext: Record<string, unknown> = {
    accountId: input.accountId,
    apiId: api.id,
    domainName,
    domainPrefix,
    extendedRequestId: req.requestId,
    httpMethod: req.method,
    identity,
    path: isRest ? `/${api.stage}${req.path === '/' ? '/' : req.path}` : req.rawPath,
    protocol: req.protocol,
    requestId: req.requestId,
    requestTime: clfTime(req.receivedAt),
    requestTimeEpoch: req.receivedAt,
    resourceId: route.routeKey,
    resourcePath: resource,
    stage: api.stage,
  };
  const authorizer = input.grant?.authorizer ?? (input.grant?.context || input.grant?.principalId ? { ...(input.grant.principalId ? { principalId: input.grant.principalId } : {}), ...input.grant.context } : undefined);
  if (authorizer) requestContext.authorizer = authorizer;
  const base64 = req.body.length > 0 && (isRest ? matchesMediaType(api.binaryMediaTypes, req.headers['content-type']?.[0]) : v2Binary(req));
  const event: Record<string, unknown> = {};
  if (!isRest) event.version = '1.0';
  Object.assign(event, {
    resource,
    path: req.path,
    httpMethod: req.method,
    headers,
    multiValueHeaders,
    queryStringParameters: nonEmpty(query) ?? null,
    multiValueQueryStringParameters: nonEmpty(req.query) ?? null,
    pathParameters: nonEmpty(req.pathParameters) ?? null,
    stageVariables: nonEmpty(api.stageVariables) ?? null,
    requestContext,
    body: req.body.length ? bodyOf(req, base64).body : null,
    isBase64Encoded: base64,
  });
  return event;
}
