// core/runtime: the error payloads the platform itself produces when the runtime cannot answer
// (lambda-semantics.md §2.4), and the exit-reason strings as Lambda's Go code prints them.
import { MAX_BUFFERED_RESPONSE_BYTES } from './runtimeApiServer';

export interface PlatformError {
  errorType: string;
  errorMessage: string;
}

export function timeoutError(requestId: string, timeoutSeconds: number): PlatformError {
  return { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds` };
}

export function exitError(requestId: string, reason: string): PlatformError {
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${reason}` };
}

export function responseTooLargeError(): PlatformError {
  return {
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_BUFFERED_RESPONSE_BYTES} bytes).`,
  };
}

export function invalidResponseModeError(value: string): PlatformError {
  return { errorType: 'Runtime.InvalidResponseModeHeader', errorMessage: `Invalid function response mode header: "${value}"` };
}

/** Go's names for signals, as in "Runtime exited with error: signal: killed". */
const SIGNAL_NAMES: Record<string, string> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted',
  SIGSEGV: 'segmentation fault',
  SIGTERM: 'terminated',
  SIGINT: 'interrupt',
  SIGBUS: 'bus error',
  SIGILL: 'illegal instruction',
  SIGFPE: 'floating point exception',
  SIGHUP: 'hangup',
  SIGPIPE: 'broken pipe',
  SIGTRAP: 'trace/breakpoint trap',
};

/** "Runtime exited with error: exit status 1", "…: signal: killed", or "Runtime exited without providing a reason". */
export function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `Runtime exited with error: signal: ${SIGNAL_NAMES[signal] ?? signal.toLowerCase()}`;
  if (code && code !== 0) return `Runtime exited with error: exit status ${code}`;
  return 'Runtime exited without providing a reason';
}

export function toJsonBuffer(e: PlatformError): Buffer {
  return Buffer.from(JSON.stringify(e));
}

/** The errorType of an error JSON body, if it has one. */
export function parseErrorType(body: Buffer): string | undefined {
  try {
    const v = JSON.parse(body.toString('utf8')) as { errorType?: unknown };
    return typeof v?.errorType === 'string' ? v.errorType : undefined;
  } catch {
    return undefined;
  }
}
