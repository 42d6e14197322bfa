// core/deploy: an AWS SDK error as a coded WorkbenchError that names the call, AWS's error code and its message
// (issue 20: "errors from AWS are shown with their code"). Credentials never appear in SDK messages.
import { WorkbenchError } from '../common/errors';

interface SdkError {
  name?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** AWS's error code of `e` (NoSuchKey, ValidationError…), or undefined for a non-SDK error. */
export function awsErrorCode(e: unknown): string | undefined {
  const err = e as SdkError;
  return err?.Code ?? (err?.$metadata ? err.name : undefined);
}

/** The HTTP status of an SDK error, when it has one. */
export function awsStatus(e: unknown): number | undefined {
  return (e as SdkError)?.$metadata?.httpStatusCode;
}

/** `DEPLOY_FAILED: <call> failed: [Code] message`, keeping the SDK error as the cause. */
export function awsFailure(call: string, e: unknown): WorkbenchError {
  if (e instanceof WorkbenchError) return e;
  const code = awsErrorCode(e) ?? (e as Error)?.name ?? 'Error';
  const message = (e as Error)?.message || `HTTP ${awsStatus(e) ?? '?'}`;
  return new WorkbenchError('DEPLOY_FAILED', `${call} failed: [${code}] ${message}`, { cause: e });
}
