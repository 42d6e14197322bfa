// In-environment Node.js runtime: the Runtime.* error classes and the error shapes the RIC posts and logs
// (lambda-semantics.md §3.1, §3.2 "Error object posted to /error", §4.3).
import { types } from 'node:util';
import { withColumn } from './syntaxLocation';

/** Body of `/invocation/{id}/error` and `/init/error`: note `trace`, not `stackTrace` (§3.2). */
export interface RapidError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

function runtimeError(name: string): new (message?: unknown) => Error {
  const cls = class extends Error {
    constructor(message?: unknown) {
      // Like the RIC, a wrapped error becomes its String() form: "Error: Cannot find module 'x'…".
      super(message === undefined ? undefined : String(message));
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  cls.prototype.name = `Runtime.${name}`;
  return cls;
}

export const ImportModuleError = runtimeError('ImportModuleError');
export const HandlerNotFound = runtimeError('HandlerNotFound');
export const MalformedHandlerName = runtimeError('MalformedHandlerName');
/**
 * A handler module that does not parse. The stack is the SyntaxError's own, as in the RIC for Node.js 24
 * (src/utils/errors.ts), so its first line names the file and line; `location` supplies those lines in
 * Node's own format when the SyntaxError's stack lacks them (ES modules). The first line also gets the
 * column (`file:line:column`), which Node shows only as the caret, so that links can point at it.
 */
export class UserCodeSyntaxError extends Error {
  constructor(original: Error, location?: string) {
    super(String(original));
    const stack = location ? `${location}\n${original.stack ?? ''}` : (original.stack ?? '');
    this.stack = withColumn(stack.split('\n')).join('\n');
  }
}
UserCodeSyntaxError.prototype.name = 'Runtime.UserCodeSyntaxError';
export const MalformedStreamingHandler = runtimeError('MalformedStreamingHandler');
export const InvalidStreamingOperation = runtimeError('InvalidStreamingOperation');
/** Node.js 24+: callback handlers are rejected at init (RIC src/function/callback-deprecation.ts). */
export const CallbackHandlerDeprecated = runtimeError('CallbackHandlerDeprecated');
/** Node.js 24+ RIC: unserialisable result (≤22 posts a plain `Error`). */
export const JSONStringifyError = runtimeError('JSONStringifyError');

/** An async handler's promise never settled and the event loop drained (§3.2). */
export class NodeJsExit extends Error {
  constructor() {
    super(
      'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
    );
  }
}
NodeJsExit.prototype.name = 'Runtime.NodeJsExit';

/** Wraps the reason of an unhandled rejection; message = String(reason) (§3.2). */
export class UnhandledPromiseRejection extends Error {
  constructor(
    public readonly reason: unknown,
    public readonly promise: unknown,
  ) {
    super(String(reason));
  }
}
UnhandledPromiseRejection.prototype.name = 'Runtime.UnhandledPromiseRejection';

export const CALLBACK_ERROR_NODEJS24 =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

export const CALLBACK_WARNING =
  'AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24. You will need to update this function to use an async handler to use Node.js 24 or later. For more information and to provide feedback on this change, see https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.';

function isErrorLike(v: any): v is Error {
  return Boolean(v && v.name && v.message && v.stack) && typeof v.name === 'string' && typeof v.message === 'string' && typeof v.stack === 'string';
}

const escapeDel = (s: string): string => (s.includes('\x7F') ? s.replace(/\x7F/g, '%7F') : s);

/** Errors.toRapidResponse: Error → {name, message, stack lines}; anything else → {typeof v, String(v), []} (§3.2). */
export function toRapidResponse(error: unknown): RapidError {
  try {
    if (types.isNativeError(error) || isErrorLike(error)) {
      const e = error as Error;
      return { errorType: escapeDel(e.name), errorMessage: escapeDel(e.message), trace: escapeDel(e.stack ?? '').split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/** Errors.intoError: non-Error values become `new Error(value)`. */
export function intoError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

function withEnumerableProperties(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const ret: Record<string, unknown> = Object.assign<Record<string, unknown>, Error>({ errorType: value.name, errorMessage: value.message, code: (value as { code?: unknown }).code }, value);
  if (typeof value.stack === 'string') ret.stack = value.stack.split('\n');
  return ret;
}

/** Errors.toFormatted: the `\t{"errorType":…,"errorMessage":…,"code":…,"stack":[…]}` tail of text-mode error lines (§4.3). */
export function toFormatted(error: unknown): string {
  try {
    return '\t' + JSON.stringify(error, (_k, v: unknown) => withEnumerableProperties(v));
  } catch {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}
