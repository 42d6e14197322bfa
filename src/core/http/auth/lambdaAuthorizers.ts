// core/http/auth: Lambda authorizers: REST TOKEN and REQUEST, HTTP API REQUEST (payload 1.0/2.0, simple or IAM
// responses). Identity sources are checked first (401 without invoking when one is missing), the function is
// invoked through the common invoke path, and its answer is cached by TTL on the identity values; a cached IAM
// policy is evaluated again for each request's ARN, as API Gateway does.
import { eventV1, eventV2 } from '../proxyEvents';
import type { GuardDecision } from '../routeTypes';
import { refuse } from './authAnswers';
import type { AuthorizeInput, AuthorizerKind } from './authorizerKind';
import { evaluatePolicy, executeApiArn, isPolicyDocument } from './iamPolicy';
import { identityValues } from './identitySources';

interface Outcome {
  policy?: { Statement: unknown };
  isAuthorized?: boolean;
  principalId?: string;
  context?: Record<string, unknown>;
  /** REST APIs with ApiKeySourceType AUTHORIZER: the API key the authorizer names. */
  usageIdentifierKey?: string;
}

interface Flavor {
  event(input: AuthorizeInput, values: string[], arn: string): unknown;
  /** The authorizer's answer, or a reason it is unusable (API Gateway's AUTHORIZER_CONFIGURATION_ERROR). */
  interpret(answer: unknown, input: AuthorizeInput): Outcome | string;
}

const isRec = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** REST passes context values to the backend as strings; objects and arrays are refused (API Gateway's authorizer output rules). */
function restContext(v: unknown): Record<string, unknown> | string | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRec(v)) return 'context is not an object';
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'object' && x !== null) return `context.${k} is an object or array; only strings, numbers and booleans are allowed`;
    out[k] = x === null ? null : String(x);
  }
  return out;
}

function policyOutcome(a: unknown, rest: boolean): Outcome | string {
  if (!isRec(a)) return 'the answer is not a JSON object';
  if (!isPolicyDocument(a.policyDocument)) return 'the answer has no policyDocument with a Statement';
  const context = rest ? restContext(a.context) : isRec(a.context) ? a.context : undefined;
  if (typeof context === 'string') return context;
  return { policy: a.policyDocument, principalId: typeof a.principalId === 'string' ? a.principalId : undefined, context, ...(typeof a.usageIdentifierKey === 'string' ? { usageIdentifierKey: a.usageIdentifierKey } : {}) };
}

function proxyInput(input: AuthorizeInput) {
  return { api: input.ctx.api, route: input.ctx.route, request: { ...input.ctx.request, body: Buffer.alloc(0) }, accountId: input.deps.accountId };
}

function pick(from: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

const REST_FIELDS = ['resource', 'path', 'httpMethod', 'headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'stageVariables', 'requestContext'];

const FLAVORS: Record<'TOKEN' | 'REQUEST' | 'HTTP_REQUEST', Flavor> = {
  TOKEN: {
    event: (_input, values, arn) => ({ type: 'TOKEN', methodArn: arn, authorizationToken: values[0] }),
    interpret: (a) => policyOutcome(a, true),
  },
  REQUEST: {
    event: (input, _values, arn) => ({ type: 'REQUEST', methodArn: arn, ...pick(eventV1(proxyInput(input)), REST_FIELDS) }),
    interpret: (a) => policyOutcome(a, true),
  },
  HTTP_REQUEST: {
    event: (input, values, arn) => {
      if (input.spec.payloadVersion === '1.0') {
        const v1 = eventV1(proxyInput(input));
        return { version: '1.0', type: 'REQUEST', methodArn: arn, identitySource: values.join(','), authorizationToken: values.join(','), ...pick(v1, ['resource', 'path', 'httpMethod', 'headers', 'queryStringParameters', 'pathParameters', 'stageVariables', 'requestContext']) };
      }
      const v2 = eventV2(proxyInput(input));
      return { version: '2.0', type: 'REQUEST', routeArn: arn, identitySource: values, ...pick(v2, ['routeKey', 'rawPath', 'rawQueryString', 'cookies', 'headers', 'queryStringParameters', 'requestContext', 'pathParameters', 'stageVariables']) };
    },
    interpret: (a, input) => {
      if (input.spec.payloadVersion === '2.0' && input.spec.simpleResponses) {
        if (!isRec(a) || typeof a.isAuthorized !== 'boolean') return 'a simple response needs "isAuthorized": true or false';
        return { isAuthorized: a.isAuthorized, context: isRec(a.context) ? a.context : undefined };
      }
      return policyOutcome(a, false);
    },
  },
};

/** ApiKeySourceType AUTHORIZER: the authorizer's usageIdentifierKey is the request's API key. */
function ctxApiKeySource(input: AuthorizeInput): boolean {
  return String(input.ctx.api.properties.ApiKeySourceType ?? '').toUpperCase() === 'AUTHORIZER';
}

function decide(outcome: Outcome, input: AuthorizeInput, arn: string, latencyMs: number): GuardDecision {
  const kind = input.ctx.api.kind;
  if (outcome.isAuthorized === false) return refuse(kind, 'explicitDeny');
  if (outcome.policy) {
    const verdict = evaluatePolicy(outcome.policy, arn);
    if (verdict === 'deny') return refuse(kind, 'explicitDeny');
    if (verdict === 'none') return refuse(kind, 'notAllowed');
  }
  if (kind === 'rest') {
    const authorizer = { ...(outcome.principalId !== undefined ? { principalId: outcome.principalId } : {}), integrationLatency: latencyMs, ...(outcome.context ?? {}) };
    const fromAuthorizer = ctxApiKeySource(input) && outcome.usageIdentifierKey !== undefined;
    return { allow: true, authorizer, principalId: outcome.principalId, context: outcome.context, ...(fromAuthorizer ? { identity: { apiKey: outcome.usageIdentifierKey } } : {}) };
  }
  return { allow: true, authorizer: { lambda: outcome.context ?? null }, context: outcome.context };
}

function lambdaKind(flavor: Flavor): AuthorizerKind {
  return {
    async authorize(input) {
      const { spec, ctx, deps, cache } = input;
      const kind = ctx.api.kind;
      const values = identityValues(spec.identity, ctx.api, ctx.route, ctx.request);
      // A missing identity source is refused before the function runs (401), as is a token the validation expression rejects.
      if (values.some((v) => v === undefined) || (spec.kind === 'TOKEN' && values.length === 0)) return refuse(kind, 'unauthorized');
      const present = values as string[];
      if (spec.validation && !spec.validation.test(present[0] ?? '')) return refuse(kind, 'unauthorized');
      if (!spec.functionName) {
        deps.warn(`Authorizer "${spec.name}" of API "${ctx.api.id}" does not name a function of this template; requests that need it get 500.`);
        return refuse(kind, 'authorizerError');
      }
      const arn = executeApiArn(deps.region, deps.accountId, ctx.api.id, ctx.api.stage, ctx.request.method, ctx.request.path);
      const key = spec.ttlSeconds > 0 && present.length ? JSON.stringify([ctx.api.id, spec.name, spec.functionName, ...present]) : undefined;
      const cached = key ? (cache.get(key, deps.now()) as Outcome | undefined) : undefined;
      if (cached) return decide(cached, input, arn, 0);
      const started = performance.now();
      const r = await deps.invoke(spec.functionName, undefined, flavor.event(input, present, arn));
      const latency = Math.round(performance.now() - started);
      let answer: unknown;
      try {
        answer = JSON.parse(r.payload.toString('utf8'));
      } catch {
        answer = undefined;
      }
      if (r.functionError) {
        // `throw new Error('Unauthorized')` / `callback('Unauthorized')` is how an authorizer says 401.
        if (isRec(answer) && answer.errorMessage === 'Unauthorized') return refuse(kind, 'unauthorized');
        deps.warn(`Authorizer function "${spec.functionName}" (authorizer "${spec.name}") failed: ${isRec(answer) ? String(answer.errorMessage) : r.functionError}; the client gets 500.`);
        return refuse(kind, 'authorizerError');
      }
      const outcome = flavor.interpret(answer, input);
      if (typeof outcome === 'string') {
        deps.warn(`Authorizer function "${spec.functionName}" (authorizer "${spec.name}") gave an answer API Gateway cannot use: ${outcome}; the client gets 500.`);
        return refuse(kind, 'authorizerError');
      }
      if (key) cache.set(key, outcome, deps.now() + spec.ttlSeconds * 1000);
      return decide(outcome, input, arn, latency);
    },
  };
}

export const TOKEN_AUTHORIZER = lambdaKind(FLAVORS.TOKEN);
export const REQUEST_AUTHORIZER = lambdaKind(FLAVORS.REQUEST);
export const HTTP_REQUEST_AUTHORIZER = lambdaKind(FLAVORS.HTTP_REQUEST);
