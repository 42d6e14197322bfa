// core/http: CORS as the template declares it (SAM REST `Cors`, HTTP API `CorsConfiguration`, function URL `Cors`)
// normalised to one CorsConfig, and what it answers: preflight responses and the headers added to responses.
import type { CorsConfig } from './routeTypes';

const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** SAM REST values are quoted header values (`"'*'"`, `"'GET,POST'"`); lists split on commas. */
function unquote(v: unknown): string | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v).trim();
  return s.length >= 2 && s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1) : s;
}

function csv(v: unknown): string[] {
  const s = unquote(v);
  return s ? s.split(',').map((x) => x.trim()).filter(Boolean) : [];
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? csv(v) : [];
}

function seconds(v: unknown): number | undefined {
  const n = Number(unquote(v));
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** SAM `AWS::Serverless::Api` `Cors`: a quoted origin string, or AllowOrigin/AllowMethods/AllowHeaders/MaxAge/AllowCredentials. */
export function corsFromSamRest(v: unknown): CorsConfig | undefined {
  if (v === undefined || v === null || v === false) return undefined;
  if (!isRecord(v)) return { allowOrigins: csv(v), allowMethods: ALL_METHODS, allowHeaders: [], exposeHeaders: [], allowCredentials: false };
  const cors: CorsConfig = {
    allowOrigins: csv(v.AllowOrigin),
    allowMethods: v.AllowMethods === undefined ? ALL_METHODS : csv(v.AllowMethods),
    allowHeaders: csv(v.AllowHeaders),
    exposeHeaders: [],
    allowCredentials: v.AllowCredentials === true || v.AllowCredentials === 'true',
  };
  const maxAge = seconds(v.MaxAge);
  if (maxAge !== undefined) cors.maxAge = maxAge;
  return cors;
}

/** HTTP API `CorsConfiguration` (SAM: `true` allows every origin, method and header) and function URL `Cors`. */
export function corsFromLists(v: unknown): CorsConfig | undefined {
  if (v === true || v === 'true') return { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'], exposeHeaders: [], allowCredentials: false };
  if (!isRecord(v)) return undefined;
  const cors: CorsConfig = {
    allowOrigins: list(v.AllowOrigins),
    allowMethods: list(v.AllowMethods),
    allowHeaders: list(v.AllowHeaders),
    exposeHeaders: list(v.ExposeHeaders),
    allowCredentials: v.AllowCredentials === true || v.AllowCredentials === 'true',
  };
  const maxAge = seconds(v.MaxAge);
  if (maxAge !== undefined) cors.maxAge = maxAge;
  return cors;
}

/** The Access-Control-Allow-Origin value for `origin`, or undefined when the origin is not allowed. */
export function allowedOrigin(cors: CorsConfig, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  for (const o of cors.allowOrigins) {
    if (o === '*') return cors.allowCredentials ? origin : '*';
    if (o.toLowerCase() === origin.toLowerCase()) return origin;
    // HTTP APIs accept one wildcard in an origin, e.g. https://*.example.com.
    if (o.includes('*')) {
      const [head, tail] = o.split('*', 2);
      if (origin.startsWith(head) && origin.endsWith(tail ?? '') && origin.length >= o.length - 1) return origin;
    }
  }
  return undefined;
}

/** The answer to a preflight `OPTIONS` (Origin + Access-Control-Request-Method); headers only when allowed. */
export function preflightHeaders(cors: CorsConfig, origin: string | undefined, requestMethod: string | undefined, requestHeaders: string | undefined): Record<string, string> {
  const allow = allowedOrigin(cors, origin);
  if (!allow) return {};
  const out: Record<string, string> = { 'access-control-allow-origin': allow };
  const methods = cors.allowMethods.includes('*') ? (requestMethod ?? ALL_METHODS.join(',')) : cors.allowMethods.join(',');
  if (methods) out['access-control-allow-methods'] = methods;
  const headers = cors.allowHeaders.includes('*') ? (requestHeaders ?? '*') : cors.allowHeaders.join(',');
  if (headers) out['access-control-allow-headers'] = headers;
  if (cors.allowCredentials) out['access-control-allow-credentials'] = 'true';
  if (cors.maxAge !== undefined) out['access-control-max-age'] = String(cors.maxAge);
  if (allow !== '*') out.vary = 'Origin';
  return out;
}

/** Headers added to an actual (non-preflight) response for an allowed origin. */
export function responseCorsHeaders(cors: CorsConfig, origin: string | undefined): Record<string, string> {
  const allow = allowedOrigin(cors, origin);
  if (!allow) return {};
  const out: Record<string, string> = { 'access-control-allow-origin': allow };
  if (cors.exposeHeaders.length) out['access-control-expose-headers'] = cors.exposeHeaders.join(',');
  if (cors.allowCredentials) out['access-control-allow-credentials'] = 'true';
  if (allow !== '*') out.vary = 'Origin';
  return out;
}
