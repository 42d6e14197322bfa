// core/common: coded errors. Every error core throws has a stable code, a message that names the thing
// and says what to do, and an optional cause (ARCHITECTURE.md rule 4).

export type ErrorCode =
  | 'TEMPLATE_NOT_FOUND'
  | 'TEMPLATE_SYNTAX'
  | 'TEMPLATE_INVALID'
  | 'UNRESOLVED_REFERENCE'
  | 'UNSUPPORTED_INTRINSIC'
  | 'UNKNOWN_RUNTIME'
  | 'UNSUPPORTED_RUNTIME'
  | 'RUNTIME_INSTALL_FAILED'
  | 'CODE_URI_NOT_FOUND'
  | 'HANDLER_NOT_FOUND'
  | 'FUNCTION_NOT_FOUND'
  | 'ENV_VARS_FILE'
  | 'CONFIG_FILE'
  | 'PROFILE_NOT_FOUND'
  | 'DEPLOY_FAILED'
  | 'INVALID_PARAMETER'
  | 'REQUEST_TOO_LARGE'
  | 'INVALID_REQUEST_CONTENT'
  | 'INVALID_EVENT_PATTERN'
  | 'RUNTIME_NOT_FOUND'
  | 'ENVIRONMENT_START_FAILED'
  | 'SERVICE_DISPOSED'
  | 'INVOKE_CANCELLED'
  | 'DEBUG_PORT_IN_USE'
  | 'DEBUG_ATTACH_TIMEOUT'
  | 'PACKAGE_TOO_LARGE'
  | 'UNSAFE_ARCHIVE'
  | 'BUILD_FAILED'
  | 'DEPENDENCIES_FAILED'
  | 'GIT_FAILED'
  | 'PRECONDITION_FAILED'
  | 'RESOURCE_CONFLICT'
  | 'STATE_CORRUPT'
  | 'RESOURCE_NOT_FOUND'
  | 'ASYNC_INVOKE_UNAVAILABLE'
  | 'QUEUES_ELSEWHERE'
  | 'UNKNOWN_OPERATION'
  | 'API_PORT_IN_USE'
  | 'RUNTIME_SDK_UNAVAILABLE'
  | 'HISTORY_NOT_FOUND'
  | 'TOO_MANY_REQUESTS'
  | 'PROVISIONED_CONFIG_NOT_FOUND'
  | 'UNKNOWN_SAMPLE_EVENT'
  | 'INVALID_SAMPLE_FLAG'
  | 'BLUEPRINT_NOT_FOUND'
  | 'BLUEPRINT_INVALID'
  | 'BLUEPRINT_NAME_CLASH'
  | 'TARGET_NOT_EMPTY'
  | 'PIPELINE_SOURCE_FAILED'
  | 'BUILDSPEC_NOT_FOUND'
  | 'BUILDSPEC_INVALID'
  | 'PIPELINE_HOOK_EXISTS'
  | 'CREDENTIALS_UNAVAILABLE'
  | 'CONFIRMATION_REQUIRED'
  | 'DEPLOY_CANCELLED'
  | 'ROLE_REQUIRED'
  | 'AWS_ERROR'
  | 'INTERNAL';

/** An error with a stable code; front doors turn these into UI (CLI exit 2, VS Code messages, HTTP errors). */
export class WorkbenchError extends Error {
  override readonly name = 'WorkbenchError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; file?: string; line?: number; column?: number },
  ) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.file = options?.file;
    this.line = options?.line;
    this.column = options?.column;
  }
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export function isWorkbenchError(e: unknown): e is WorkbenchError {
  return e instanceof WorkbenchError;
}
