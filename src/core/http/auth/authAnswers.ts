// core/http/auth: the gateway responses of the request guards, as API Gateway sends them by default (REST's
// UNAUTHORIZED, ACCESS_DENIED, AUTHORIZER_FAILURE, INVALID_API_KEY, THROTTLED, QUOTA_EXCEEDED, BAD_REQUEST_*;
// HTTP APIs' plainer answers).
import type { ApiKind, GuardDecision } from '../routeTypes';

export type GuardRefusal = 'unauthorized' | 'explicitDeny' | 'notAllowed' | 'authorizerError' | 'forbidden' | 'throttled' | 'quota' | 'badBody' | 'badParams';

/** [status, body, REST x-amzn-ErrorType]. */
const REST: Record<GuardRefusal, [number, string, string]> = {
  unauthorized: [401, '{"message":"Unauthorized"}', 'UnauthorizedException'],
  explicitDeny: [403, '{"Message":"User is not authorized to access this resource with an explicit deny"}', 'AccessDeniedException'],
  notAllowed: [403, '{"Message":"User is not authorized to access this resource"}', 'AccessDeniedException'],
  authorizerError: [500, '{"message": null}', 'AuthorizerConfigurationException'],
  forbidden: [403, '{"message":"Forbidden"}', 'ForbiddenException'],
  throttled: [429, '{"message":"Too Many Requests"}', 'TooManyRequestsException'],
  quota: [429, '{"message":"Limit Exceeded"}', 'LimitExceededException'],
  badBody: [400, '{"message": "Invalid request body"}', 'BadRequestException'],
  badParams: [400, '{"message": "Missing required request parameters: [%s]"}', 'BadRequestException'],
};

const HTTP: Record<GuardRefusal, [number, string]> = {
  unauthorized: [401, '{"message":"Unauthorized"}'],
  explicitDeny: [403, '{"message":"Forbidden"}'],
  notAllowed: [403, '{"message":"Forbidden"}'],
  authorizerError: [500, '{"message":"Internal Server Error"}'],
  forbidden: [403, '{"message":"Forbidden"}'],
  throttled: [429, '{"message":"Too Many Requests"}'],
  quota: [429, '{"message":"Limit Exceeded"}'],
  badBody: [400, '{"message":"Bad Request"}'],
  badParams: [400, '{"message":"Bad Request"}'],
};

/** The refusal for `kind`; `detail` fills REST's `%s` (the missing parameter names). */
export function refuse(kind: ApiKind, why: GuardRefusal, headers: Record<string, string> = {}, detail = ''): GuardDecision {
  if (kind === 'rest') {
    const [status, body, type] = REST[why];
    return { allow: false, status, body: body.replace('%s', detail), headers: { 'x-amzn-ErrorType': type, ...headers } };
  }
  const [status, body] = HTTP[why];
  return { allow: false, status, body, headers };
}
