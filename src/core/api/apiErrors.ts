// core/api: errors on the Lambda API's wire (lambda-semantics.md §5.4): a status, `x-amzn-ErrorType`, and a
// JSON body with `Type` and `message` or `Message` as the service model has it for that exception.
import { isWorkbenchError, WorkbenchError } from '../common/errors';
import { isThrottleError } from '../scheduler/concurrencyLimits';

/** Exceptions we send: HTTP status and the casing of the message key in the model's shape (§5.4). */
const EXCEPTIONS = {
  InvalidParameterValueException: [400, 'message', 'User'],
  InvalidRequestContentException: [400, 'message', 'User'],
  ResourceNotFoundException: [404, 'Message', 'User'],
  ResourceConflictException: [409, 'message', 'User'],
  PreconditionFailedException: [412, 'message', 'User'],
  RequestTooLargeException: [413, 'message', 'User'],
  UnsupportedMediaTypeException: [415, 'message', 'User'],
  TooManyRequestsException: [429, 'message', 'User'],
  ProvisionedConcurrencyConfigNotFoundException: [404, 'message', 'User'],
  ServiceException: [500, 'Message', 'Service'],
  // Not in the Lambda model: what AWS front ends answer for a path no operation has.
  UnknownOperationException: [404, 'message', 'User'],
} as const satisfies Record<string, readonly [number, 'message' | 'Message', 'User' | 'Service']>;

export type LambdaExceptionName = keyof typeof EXCEPTIONS;

/** An error meant for an API caller: the exception to send, its message, and any extra body members. */
export class LambdaApiError extends WorkbenchError {
  constructor(
    readonly exception: LambdaExceptionName,
    message: string,
    code: WorkbenchError['code'] = 'INVALID_PARAMETER',
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code, message);
  }
}

/** Which exception a core error code becomes on the wire. */
const BY_CODE: Partial<Record<string, LambdaExceptionName>> = {
  FUNCTION_NOT_FOUND: 'ResourceNotFoundException',
  RESOURCE_NOT_FOUND: 'ResourceNotFoundException',
  INVALID_PARAMETER: 'InvalidParameterValueException',
  INVALID_REQUEST_CONTENT: 'InvalidRequestContentException',
  REQUEST_TOO_LARGE: 'RequestTooLargeException',
  RESOURCE_CONFLICT: 'ResourceConflictException',
  PRECONDITION_FAILED: 'PreconditionFailedException',
  ASYNC_INVOKE_UNAVAILABLE: 'InvalidParameterValueException',
  UNSAFE_ARCHIVE: 'InvalidParameterValueException',
  PACKAGE_TOO_LARGE: 'InvalidParameterValueException',
  UNKNOWN_RUNTIME: 'InvalidParameterValueException',
  UNKNOWN_OPERATION: 'UnknownOperationException',
  TOO_MANY_REQUESTS: 'TooManyRequestsException',
  PROVISIONED_CONFIG_NOT_FOUND: 'ProvisionedConcurrencyConfigNotFoundException',
};

export interface WireError {
  status: number;
  type: LambdaExceptionName;
  body: Record<string, unknown>;
  /** Extra response headers (Retry-After of a throttle). */
  headers?: Record<string, string>;
}

/** The wire form of anything an operation threw. */
export function toWireError(e: unknown): WireError {
  let type: LambdaExceptionName = 'ServiceException';
  let extra: Record<string, unknown> = {};
  if (e instanceof LambdaApiError) {
    type = e.exception;
    extra = e.extra;
  } else if (isWorkbenchError(e)) {
    type = BY_CODE[e.code] ?? 'ServiceException';
  }
  const [status, key, kind] = EXCEPTIONS[type];
  if (isThrottleError(e)) {
    // §5.4: 429 {"Reason":…,"Type":"User","message":"Rate Exceeded."} with the model's Retry-After header.
    return { status, type, body: { Reason: e.reason, Type: kind, [key]: 'Rate Exceeded.' }, headers: { 'Retry-After': String(e.retryAfterSeconds) } };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { status, type, body: { ...extra, Type: kind, [key]: message } };
}

export function invalidParameter(message: string): LambdaApiError {
  return new LambdaApiError('InvalidParameterValueException', message);
}
