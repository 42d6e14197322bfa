// core/http: the answers the front door gives itself, without the function's say: API Gateway's gateway responses
// (REST, HTTP API) and a function URL's, for errors, throttles, timeouts, oversized requests and unknown routes.
import type { ApiKind } from './routeTypes';
import type { HttpAnswer } from './proxyResponses';

export type GatewayError = 'notFound' | 'functionError' | 'throttled' | 'timeout' | 'tooLarge' | 'invokeFailed' | 'forbidden';

const JSON_TYPE: [string, string] = ['content-type', 'application/json'];

/** [status, body, REST x-amzn-ErrorType]. */
const REST: Record<GatewayError, [number, string, string]> = {
  notFound: [403, '{"message":"Missing Authentication Token"}', 'MissingAuthenticationTokenException'],
  functionError: [502, '{"message": "Internal server error"}', 'InternalServerErrorException'],
  throttled: [429, '{"message":"Too Many Requests"}', 'TooManyRequestsException'],
  timeout: [504, '{"message": "Endpoint request timed out"}', 'IntegrationTimeoutException'],
  tooLarge: [413, '{"message":"Request Too Long"}', 'RequestTooLongException'],
  invokeFailed: [500, '{"message": "Internal server error"}', 'InternalServerErrorException'],
  forbidden: [403, '{"message":"Forbidden"}', 'AccessDeniedException'],
};

const HTTP: Record<GatewayError, [number, string]> = {
  notFound: [404, '{"message":"Not Found"}'],
  functionError: [502, '{"message":"Internal Server Error"}'],
  throttled: [429, '{"message":"Too Many Requests"}'],
  // HTTP APIs answer an integration timeout with 503 Service Unavailable (REST: 504).
  timeout: [503, '{"message":"Service Unavailable"}'],
  tooLarge: [413, '{"message":"Request Entity Too Large"}'],
  invokeFailed: [500, '{"message":"Internal Server Error"}'],
  forbidden: [403, '{"message":"Forbidden"}'],
};

const URL: Record<GatewayError, [number, string]> = {
  notFound: [404, '{"Message":"Not Found"}'],
  functionError: [502, 'Internal Server Error'],
  throttled: [429, '{"Message":"Too Many Requests"}'],
  timeout: [502, 'Internal Server Error'],
  tooLarge: [413, '{"Message":"Request Entity Too Large"}'],
  invokeFailed: [500, '{"Message":"Internal Server Error"}'],
  forbidden: [403, '{"Message":"Forbidden"}'],
};

export function gatewayAnswer(kind: ApiKind, error: GatewayError, extra: [string, string][] = []): HttpAnswer {
  if (kind === 'rest') {
    const [status, body, type] = REST[error];
    return { status, headers: [JSON_TYPE, ['x-amzn-ErrorType', type], ...extra], body: Buffer.from(body) };
  }
  const [status, body] = (kind === 'url' ? URL : HTTP)[error];
  return { status, headers: [body.startsWith('{') ? JSON_TYPE : ['content-type', 'text/plain'], ...extra], body: Buffer.from(body) };
}
