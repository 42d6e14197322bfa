// core/deploy: an error from an AWS API call (or another engine's Lambda API) as a coded error that names the
// AWS error code and the resource that failed (issue 20 "errors from AWS are shown with their code").
import { WorkbenchError, isWorkbenchError } from '../common/errors';

/** `ResourceNotFoundException` and friends, by the name the SDK v3 gives the error. */
export function awsErrorName(e: unknown): string | undefined {
  return e instanceof Error ? e.name : undefined;
}

/** AWS_ERROR: "<what> failed: <Code>: <message>"; coded errors of our own pass through unchanged. */
export function awsError(what: string, e: unknown): WorkbenchError {
  if (isWorkbenchError(e)) return e;
  const name = awsErrorName(e) ?? 'Error';
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  return new WorkbenchError('AWS_ERROR', `${what} failed: ${name}: ${message}`, { cause: e });
}

/** Runs one AWS call, turning its failure into AWS_ERROR naming `what`. */
export async function aws<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw awsError(what, e);
  }
}
