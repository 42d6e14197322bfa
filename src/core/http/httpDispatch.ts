// core/http: one request through an API or function URL: match the route, answer CORS preflights, read the body,
// run the guards, build the proxy event, invoke the function through the common invoke path (origin `http`), and
// turn its result (or its error, throttle or timeout) into the HTTP response API Gateway would give.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isWorkbenchError } from '../common/errors';
import type { InvokeOptions, InvokeResult } from '../invoke/invokeTypes';
import { isThrottleError } from '../scheduler/concurrencyLimits';
import { preflightHeaders, responseCorsHeaders } from './corsConfig';
import { gatewayAnswer, type GatewayError } from './gatewayResponses';
import { eventV1, eventV2 } from './proxyEvents';
import { convertResponse, type HttpAnswer } from './proxyResponses';
import { isSigV4Signed, newRequestId, PayloadTooLarge, readBody, requestInfo, sigV4AccessKey } from './requestInfo';
import type { RouteMatcher } from './routeMatcher';
import type { ApiDecl, ApiKind, ApiRequestGuard, GuardDecision, HttpRequestInfo, RouteDecl } from './routeTypes';
import { streamToClient } from './streamedResponse';

/** One request, as `start` and the output channel log it. */
export interface HttpRequestLog {
  apiId: string;
  kind: ApiKind;
  method: string;
  path: string;
  routeKey?: string;
  functionName?: string;
  status: number;
  durationMs: number;
  requestId: string;
  /** Why the gateway answered itself (functionError, throttled, timeout, malformed…). */
  gatewayError?: string;
}

export interface DispatchDeps {
  accountId: string;
  invoke(functionName: string, payload: string, options: InvokeOptions): Promise<InvokeResult>;
  guards(): readonly ApiRequestGuard[];
  /** A warning shown once per distinct message. */
  warnOnce(message: string): void;
  log(entry: HttpRequestLog): void;
}

interface Ctx {
  deps: DispatchDeps;
  started: number;
  log: HttpRequestLog;
  origin: string | undefined;
}

function requestIdHeaders(kind: ApiKind, id: string): [string, string][] {
  if (kind === 'http') return [['apigw-requestid', id]];
  if (kind === 'rest') return [['x-amzn-RequestId', id], ['x-amz-apigw-id', id.slice(0, 16)]];
  return [['x-amzn-RequestId', id]];
}

function send(res: ServerResponse, req: IncomingMessage, answer: HttpAnswer, ctx: Ctx): void {
  const headers: [string, string][] = [...answer.headers, ['content-length', String(answer.body.length)]];
  res.writeHead(answer.status, headers.flat());
  res.end(req.method === 'HEAD' ? undefined : answer.body);
  finish(ctx, answer.status);
}

function finish(ctx: Ctx, status: number): void {
  ctx.log.status = status;
  ctx.log.durationMs = performance.now() - ctx.started;
  ctx.deps.log(ctx.log);
}

function gateway(res: ServerResponse, req: IncomingMessage, kind: ApiKind, error: GatewayError, ctx: Ctx, requestId: string, api?: ApiDecl): void {
  ctx.log.gatewayError = error;
  const cors = api?.cors && kind !== 'rest' ? Object.entries(responseCorsHeaders(api.cors, ctx.origin)) : [];
  send(res, req, gatewayAnswer(kind, error, [...requestIdHeaders(kind, requestId), ...cors]), ctx);
}

export async function dispatch(req: IncomingMessage, res: ServerResponse, matcher: RouteMatcher, fallbackKind: ApiKind, deps: DispatchDeps): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const method = req.method ?? 'GET';
  const origin = req.headers.origin;
  const ctx: Ctx = { deps, started: performance.now(), origin, log: { apiId: '-', kind: fallbackKind, method, path: rawPath, status: 0, durationMs: 0, requestId: '' } };
  const preflight = method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'] !== undefined;
  const match = matcher.match(method, rawPath, preflight);
  const kind = match?.api.kind ?? fallbackKind;
  const requestId = newRequestId(kind);
  ctx.log.requestId = requestId;
  if (match) Object.assign(ctx.log, { apiId: match.api.id, kind, routeKey: match.route.routeKey, functionName: match.route.integration.functionName });
  if (preflight && match?.api.cors) {
    // API Gateway answers preflights itself when CORS is configured (HTTP APIs 204; SAM's REST OPTIONS mock 200).
    req.resume();
    const acrh = req.headers['access-control-request-headers'];
    const headers = preflightHeaders(match.api.cors, origin, String(req.headers['access-control-request-method']), typeof acrh === 'string' ? acrh : undefined);
    send(res, req, { status: kind === 'rest' ? 200 : 204, headers: [...Object.entries(headers), ...requestIdHeaders(kind, requestId)], body: Buffer.alloc(0) }, ctx);
    return;
  }
  if (!match || (preflight && match.route.method !== 'OPTIONS' && match.route.method !== 'ANY')) {
    req.resume();
    gateway(res, req, kind, 'notFound', ctx, requestId, match?.api);
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (e) {
    if (!(e instanceof PayloadTooLarge)) throw e;
    gateway(res, req, kind, 'tooLarge', ctx, requestId, match.api);
    return;
  }
  const info = requestInfo(req, rawPath, rawQuery, body, requestId);
  info.path = match.path;
  info.pathParameters = match.pathParameters;
  await integrate(req, res, match.api, match.route, info, ctx);
}

async function runGuards(api: ApiDecl, route: RouteDecl, request: HttpRequestInfo, guards: readonly ApiRequestGuard[]): Promise<GuardDecision | undefined> {
  let grant: GuardDecision | undefined;
  for (const guard of guards) {
    const d = await guard({ api, route, request, granted: grant?.allow ? grant : undefined });
    if (!d.allow) return d;
    if (!grant || !grant.allow) grant = d;
    else {
      const context = grant.context || d.context ? { ...grant.context, ...d.context } : undefined;
      const identity = grant.identity || d.identity ? { ...grant.identity, ...d.identity } : undefined;
      grant = { ...grant, ...d, ...(d.authorizer ?? grant.authorizer ? { authorizer: d.authorizer ?? grant.authorizer } : {}), ...(context ? { context } : {}), ...(identity ? { identity } : {}) };
    }
  }
  return grant;
}

async function integrate(req: IncomingMessage, res: ServerResponse, api: ApiDecl, route: RouteDecl, info: HttpRequestInfo, ctx: Ctx): Promise<void> {
  const { deps } = ctx;
  const kind = api.kind;
  let iamAccessKey: string | undefined;
  if (api.url?.authType === 'AWS_IAM') {
    if (!isSigV4Signed(info)) {
      gateway(res, req, kind, 'forbidden', ctx, info.requestId, api);
      return;
    }
    iamAccessKey = sigV4AccessKey(info) ?? 'LOCAL';
    deps.warnOnce(`Function URL "${api.id}" has AuthType AWS_IAM: any SigV4-signed request is accepted locally (signatures and IAM policies are not checked); unsigned requests get 403.`);
  }
  let grant: GuardDecision | undefined;
  try {
    grant = await runGuards(api, route, info, deps.guards());
  } catch (e) {
    deps.warnOnce(`A request guard failed on ${route.routeKey} of "${api.id}": ${(e as Error).message}`);
    gateway(res, req, kind, 'invokeFailed', ctx, info.requestId, api);
    return;
  }
  if (grant && !grant.allow) {
    ctx.log.gatewayError = 'guard';
    const cors = api.cors && kind !== 'rest' ? Object.entries(responseCorsHeaders(api.cors, ctx.origin)) : [];
    send(res, req, { status: grant.status, headers: [['content-type', 'application/json'], ...Object.entries(grant.headers ?? {}), ...requestIdHeaders(kind, info.requestId), ...cors], body: Buffer.from(grant.body) }, ctx);
    return;
  }
  const input = { api, route, request: info, accountId: deps.accountId, grant: grant?.allow ? grant : undefined, iamAccessKey };
  const event = JSON.stringify(route.integration.payloadFormatVersion === '2.0' ? eventV2(input) : eventV1(input));
  const { functionName, qualifier } = route.integration;
  const extra: [string, string][] = [...requestIdHeaders(kind, info.requestId), ...(api.cors && kind !== 'rest' ? Object.entries(responseCorsHeaders(api.cors, ctx.origin)) : [])];
  if (api.url?.invokeMode === 'RESPONSE_STREAM') {
    await streamToClient(req, res, {
      functionName,
      qualifier,
      event,
      extra,
      invoke: deps.invoke,
      gateway: (error) => gateway(res, req, kind, error, ctx, info.requestId, api),
      onDone: (status) => finish(ctx, status),
      warn: deps.warnOnce,
    });
    return;
  }
  let result: InvokeResult | 'timeout';
  try {
    // While a debugger holds the function (`start -d`), the gateway waits as the function's own timeout does.
    const debugging = { on: false };
    const invoked = deps.invoke(functionName, event, { qualifier, origin: 'http', traceId: info.headers['x-amzn-trace-id']?.[0], onDebug: () => (debugging.on = true) });
    result = await withTimeout(invoked, route.integration.timeoutMs, debugging);
  } catch (e) {
    invokeError(res, req, api, e, ctx, info.requestId);
    return;
  }
  if (result === 'timeout') {
    gateway(res, req, kind, 'timeout', ctx, info.requestId, api);
    return;
  }
  if (result.functionError) {
    gateway(res, req, kind, 'functionError', ctx, info.requestId, api);
    return;
  }
  const answer = convertResponse(route.integration.payloadFormatVersion, result.payload, api, info.headers.accept?.join(','));
  if (!answer) {
    deps.warnOnce(`Function "${functionName}" returned a response API Gateway cannot use (payload format ${route.integration.payloadFormatVersion}); the client gets 502. See lambda-semantics.md §12 for the response shape.`);
    gateway(res, req, kind, 'functionError', ctx, info.requestId, api);
    ctx.log.gatewayError = 'malformed';
    return;
  }
  send(res, req, { ...answer, headers: [...answer.headers, ...extra] }, ctx);
}

function invokeError(res: ServerResponse, req: IncomingMessage, api: ApiDecl, e: unknown, ctx: Ctx, requestId: string): void {
  if (isThrottleError(e)) {
    gateway(res, req, api.kind, 'throttled', ctx, requestId, api);
    return;
  }
  if (isWorkbenchError(e) && e.code === 'REQUEST_TOO_LARGE') {
    gateway(res, req, api.kind, 'tooLarge', ctx, requestId, api);
    return;
  }
  ctx.deps.warnOnce(`${api.kind === 'url' ? 'Function URL' : 'API'} "${api.id}" could not invoke its function: ${(e as Error).message}`);
  gateway(res, req, api.kind, 'invokeFailed', ctx, requestId, api);
}

/**
 * The integration timeout (29 s REST, HTTP API's TimeoutInMillis). A real timer, as function timeouts are: the
 * function keeps running after the gateway gave up, as it does in AWS; its result is dropped. Not while the
 * invocation is held by a debugger (`start -d`): stepping through a handler must not turn into a 504.
 */
function withTimeout<T>(p: Promise<T>, ms: number, debugging: { on: boolean }): Promise<T | 'timeout'> {
  if (!(ms > 0)) return p;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => debugging.on || resolve('timeout'), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}
