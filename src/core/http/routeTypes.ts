// core/http: the route model shared by the template readers, the HTTP front doors (API Gateway REST and HTTP APIs,
// function URLs) and the request guards (authorizers, API keys, validators) that plug in before the integration.
// Keep this file stable: other branches build on it. Change it only in commits whose message starts "http: route model".
import type { WorkbenchError } from '../common/errors';

/** `http`: API Gateway HTTP API (v2); `rest`: API Gateway REST API (v1); `url`: a Lambda function URL. */
export type ApiKind = 'http' | 'rest' | 'url';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

/** The Lambda proxy event format: 1.0 (REST, or HTTP APIs that ask for it) or 2.0 (HTTP APIs, function URLs). */
export type PayloadFormatVersion = '1.0' | '2.0';

/** CORS as SAM's `Cors` (REST), `CorsConfiguration` (HTTP API) or a function URL's `Cors` declare it, normalised. */
export interface CorsConfig {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  allowCredentials: boolean;
  /** Seconds; absent = no Access-Control-Max-Age header. */
  maxAge?: number;
}

/** Where a declaration came from in the template, for the route table and for errors. */
export interface DeclSource {
  /** The resource's logical id (a function for SAM events, else the API/route/method/URL resource). */
  logicalId: string;
  /** The SAM event's key under `Events`, when the route came from one. */
  eventName?: string;
  templateLine?: number;
}

/**
 * An authorizer as the template declares it: SAM `Auth.Authorizers.<name>` of an Api/HttpApi,
 * `AWS::ApiGateway::Authorizer` or `AWS::ApiGatewayV2::Authorizer`. The resolved properties are kept raw;
 * the auth plug-in (src/core/http/auth/) interprets them.
 */
export interface AuthorizerDecl {
  /** The name routes use (`Auth.Authorizer: <name>`), or the logical id of an AWS::ApiGateway(V2)::Authorizer. */
  name: string;
  /** The API it belongs to (ApiDecl.id). */
  apiId: string;
  origin: 'sam' | 'apigateway' | 'apigatewayv2' | 'openapi';
  /** Resolved properties as written (intrinsics resolved where possible, unresolvable ones left as written). */
  properties: Record<string, unknown>;
  /** The Lambda function behind a Lambda authorizer, when it names a function of this template. */
  functionName?: string;
  source: DeclSource;
}

/** How the route reaches Lambda (AWS_PROXY / Lambda proxy integration). */
export interface RouteIntegration {
  /** The function's name in the registry (FunctionName, else the logical id). */
  functionName: string;
  /** A version or alias from the integration URI / URL Qualifier; absent = $LATEST. */
  qualifier?: string;
  payloadFormatVersion: PayloadFormatVersion;
  /** Integration timeout: 29 000 ms for REST (API Gateway's default), HTTP API's TimeoutInMillis (≤ 30 000). */
  timeoutMs: number;
}

export interface RouteAuth {
  /** An authorizer name of the API (AuthorizerDecl.name); 'NONE' turns a default authorizer off; 'AWS_IAM' for IAM auth. */
  authorizer?: string;
  apiKeyRequired?: boolean;
  /** JWT/OAuth scopes (HTTP API AuthorizationScopes, REST AuthorizationScopes). */
  scopes?: string[];
}

/** One route of an API. Function URLs have a single `$default` route with method ANY. */
export interface RouteDecl {
  /** ApiDecl.id of the API it belongs to. */
  apiId: string;
  method: HttpMethod;
  /** Path template without the stage: `/pets/{id}`, `/files/{proxy+}`, `/`; `$default` for a default route. */
  path: string;
  /** HTTP API route key: `GET /pets/{id}`, `ANY /{proxy+}`, `$default`; for REST `METHOD /resource`. */
  routeKey: string;
  /** The HTTP API `$default` route (or a function URL): matches what no other route matches. */
  isDefault: boolean;
  integration: RouteIntegration;
  auth?: RouteAuth;
  /** REST: the request validator's name or logical id, with the body models per content type (part B reads these). */
  requestValidator?: string;
  requestModels?: Record<string, unknown>;
  /** REST: the RequestParameters map of the method/event, kept raw for validators. */
  requestParameters?: unknown;
  source: DeclSource;
}

/** Function URL settings (FunctionUrlConfig / AWS::Lambda::Url). */
export interface FunctionUrlSettings {
  authType: 'NONE' | 'AWS_IAM';
  invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
  functionName: string;
  qualifier?: string;
}

/** A usage plan's limits (AWS::ApiGateway::UsagePlan, SAM `Auth.UsagePlan`). */
export interface UsagePlanDecl {
  name: string;
  /** Steady requests per second and bucket size, per API key. */
  throttle?: { rateLimit?: number; burstLimit?: number };
  /** Requests per key per period. */
  quota?: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' };
}

/** An API key valid on a REST API (AWS::ApiGateway::ApiKey), with the usage plan that includes this API. */
export interface ApiKeyDecl {
  /** The key resource's logical id (requestContext.identity.apiKeyId). */
  id: string;
  /** The key's value; absent when the template leaves it to API Gateway (use LAMBDA_WORKBENCH_API_KEYS then). */
  value?: string;
  enabled: boolean;
  plan?: UsagePlanDecl;
}

/** A REST request validator (AWS::ApiGateway::RequestValidator, x-amazon-apigateway-request-validators). */
export interface RequestValidatorDecl {
  body: boolean;
  params: boolean;
}

/** An API (or function URL) with its routes. */
export interface ApiDecl {
  kind: ApiKind;
  /**
   * A stable local id, used as `requestContext.apiId` and to keep ports across reloads: the logical id of the
   * API resource, `ServerlessRestApi` / `ServerlessHttpApi` for SAM's implicit APIs, `<Function>Url` for URLs.
   */
  id: string;
  logicalId: string;
  /** Display name (the Name property, else the logical id). */
  name: string;
  /** REST stage name (SAM default `Prod`), HTTP API `$default` unless StageName says otherwise; URLs `$default`. */
  stage: string;
  stageVariables: Record<string, string>;
  cors?: CorsConfig;
  /** REST BinaryMediaTypes (`image/png`, `*\/*`…), with SAM's `~1` escapes decoded. */
  binaryMediaTypes: string[];
  /** The API's default authorizer name (SAM `Auth.DefaultAuthorizer`). */
  defaultAuthorizer?: string;
  /** REST `Auth.ApiKeyRequired` default for every method. */
  apiKeyRequired?: boolean;
  authorizers: AuthorizerDecl[];
  routes: RouteDecl[];
  /** Function URLs only. */
  url?: FunctionUrlSettings;
  /** REST: the template's API keys valid on this API. */
  apiKeys?: ApiKeyDecl[];
  /** REST: the plan keys from LAMBDA_WORKBENCH_API_KEYS fall under (SAM `Auth.UsagePlan`, or the API's only plan). */
  usagePlan?: UsagePlanDecl;
  /** REST: body models by name or logical id (AWS::ApiGateway::Model, SAM `Models`, OpenAPI schemas). */
  models?: Record<string, unknown>;
  /** REST: request validators by name or logical id. */
  requestValidators?: Record<string, RequestValidatorDecl>;
  /** True for SAM's implicit ServerlessRestApi / ServerlessHttpApi. */
  implicit: boolean;
  /** The resolved properties of the API resource (DefinitionBody, Auth, Models, …) for the plug-ins; {} for implicit APIs. */
  properties: Record<string, unknown>;
  source: DeclSource;
}

/** An API, route or URL declaration that could not be read; the others are served without it. */
export interface BrokenHttpDecl {
  logicalId: string;
  resourceType: string;
  /** A coded error (TEMPLATE_INVALID…) naming the resource, with the template line in its message. */
  error: WorkbenchError;
}

/** What the template readers produce. */
export interface HttpModel {
  apis: ApiDecl[];
  broken: BrokenHttpDecl[];
}

/** An API as served: the port it got and how its paths are reached. */
export interface ServedApi {
  api: ApiDecl;
  port: number;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** REST: paths are served both without and with the `/<stage>` prefix (SAM's start-api serves without). */
  stagePrefix: 'none' | 'optional';
}

/** One line of the route table (`lambda-workbench routes`, `start`). */
export interface RouteTableRow {
  apiId: string;
  kind: ApiKind;
  method: HttpMethod;
  /** Full URL of the route on the local server (`http://127.0.0.1:3000/pets/{id}`), or the path when not served. */
  url: string;
  path: string;
  functionName: string;
  qualifier?: string;
  payloadFormatVersion: PayloadFormatVersion;
  /** `NONE`, an authorizer name, `AWS_IAM (any SigV4 accepted locally)`, `API key`… */
  auth: string;
  /** Extra notes: `also /Prod/pets`, `RESPONSE_STREAM`… */
  notes: string[];
}

/** The request as the front door received it, before it becomes an event. */
export interface HttpRequestInfo {
  method: string;
  /** The path as received, percent-encoding kept, without the query string. */
  rawPath: string;
  /** The path the routes matched: rawPath without a REST stage prefix, decoded. */
  path: string;
  /** Everything after `?`, as received. */
  rawQueryString: string;
  /** Lower-case names → every value, in the order received. */
  headers: Record<string, string[]>;
  /** Header names as the client wrote them (lower-case name → original case), for the v1 event. */
  headerNames: Record<string, string>;
  /** Query parameters, decoded, every value in order. */
  query: Record<string, string[]>;
  /** Path parameters of the matched route (`{id}`, `{proxy+}` → `proxy`). */
  pathParameters: Record<string, string>;
  body: Buffer;
  sourceIp: string;
  protocol: string;
  /** API Gateway's request id for this request. */
  requestId: string;
  /** Epoch milliseconds when the request arrived. */
  receivedAt: number;
}

/** What a guard (authorizer, API key check, validator) decides. */
export type GuardDecision =
  | {
      allow: true;
      /** Authorizer context: REST puts it in requestContext.authorizer (with principalId), HTTP API under authorizer.lambda. */
      context?: Record<string, unknown>;
      principalId?: string;
      /** When set, replaces requestContext.authorizer in the event as is (e.g. `{ jwt: { claims, scopes } }`). */
      authorizer?: Record<string, unknown>;
      /** Merged into the v1 event's requestContext.identity (e.g. `apiKey`, `apiKeyId`). */
      identity?: Record<string, unknown>;
    }
  | { allow: false; status: number; body: string; headers?: Record<string, string> };

export interface GuardContext {
  api: ApiDecl;
  route: RouteDecl;
  request: HttpRequestInfo;
  /** What the guards before this one allowed with (merged), e.g. an authorizer's identity for the API key stage. */
  granted?: Extract<GuardDecision, { allow: true }>;
}

/** Called before the integration, in table order; the first `allow: false` answers the request. */
export type ApiRequestGuard = (ctx: GuardContext) => Promise<GuardDecision>;

/** What a guard may use from the engine: the common invoke path (for Lambda authorizers) and warnings. */
export interface GuardDeps {
  /** Invokes a function synchronously through the common invoke path; resolves with the payload and whether it failed. */
  invoke(functionName: string, qualifier: string | undefined, event: unknown): Promise<{ payload: Buffer; functionError?: string }>;
  /** A warning shown once per message to the user (CLI stderr, VS Code output). */
  warn(message: string): void;
  /** The template's folder (local JWKS files and the like are relative to it). */
  templateDir: string;
  /** Epoch milliseconds (the engine clock). */
  now(): number;
  /** For the execute-api ARNs (methodArn, routeArn) authorizers receive. */
  accountId: string;
  region: string;
}

/** One row of the guard table: builds a guard for the served APIs (it may keep caches, e.g. authorizer TTLs). */
export interface ApiRequestGuardFactory {
  name: string;
  create(deps: GuardDeps): ApiRequestGuard;
}

/** Reads routes an API defines in its own body (OpenAPI DefinitionBody/DefinitionUri), for the openapi plug-in. */
export interface ApiDefinitionReader {
  name: string;
  /** Routes (and authorizers) from the API's properties; `[]` when it has no definition this reader understands. */
  read(api: ApiDecl, ctx: { templateDir: string; functionNames: ReadonlyMap<string, string>; warn(message: string): void }): { routes: RouteDecl[]; authorizers?: AuthorizerDecl[] };
}
