// In-environment Node.js runtime: builds the handler's `context` from the invoke headers and the environment,
// and forwards the X-Ray header to _X_AMZN_TRACE_ID (lambda-semantics.md §1.3, §3.3; RIC src/InvokeContext.js).
import type { IncomingHttpHeaders } from 'node:http';

/** Invocation data read from `GET /next` headers. */
export interface InvokeHeaders {
  requestId: string;
  deadlineMs: number;
  functionArn: string | undefined;
  traceId: string | undefined;
  clientContext: string | undefined;
  cognitoIdentity: string | undefined;
  tenantId: string | undefined;
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** Reads the `Lambda-Runtime-*` headers (node lower-cases them). */
export function readInvokeHeaders(h: IncomingHttpHeaders): InvokeHeaders {
  const requestId = one(h['lambda-runtime-aws-request-id']);
  if (!requestId) throw new Error('invocation id is missing or invalid');
  return {
    requestId,
    deadlineMs: parseInt(one(h['lambda-runtime-deadline-ms']) ?? '', 10),
    functionArn: one(h['lambda-runtime-invoked-function-arn']),
    traceId: one(h['lambda-runtime-trace-id']),
    clientContext: one(h['lambda-runtime-client-context']),
    cognitoIdentity: one(h['lambda-runtime-cognito-identity']),
    tenantId: one(h['lambda-runtime-aws-tenant-id']),
  };
}

function parseJson(text: string | undefined, name: string): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`Cannot parse ${name} as json: ${String(err)}`);
  }
}

/** Environment part of the context, read once: these variables never change within an environment. */
export interface EnvironmentData {
  functionVersion: string | undefined;
  functionName: string | undefined;
  memoryLimitInMB: string | undefined;
  logGroupName: string | undefined;
  logStreamName: string | undefined;
}

export function readEnvironmentData(env: NodeJS.ProcessEnv): EnvironmentData {
  return {
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    // A string, e.g. "128" (§3.3).
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
  };
}

/** The fields every `context` carries (§3.3). */
export interface ContextFields extends EnvironmentData {
  clientContext: unknown;
  identity: unknown;
  invokedFunctionArn: string | undefined;
  awsRequestId: string;
  tenantId: string | undefined;
  getRemainingTimeInMillis(): number;
}

/**
 * InvokeContext.attachEnvironmentData: copies env and header data onto `base` (the callback/streaming part, so
 * JSON.stringify(context) lists callbackWaitsForEmptyEventLoop first, as on Lambda). Throws on malformed
 * client-context/identity JSON; the caller reports that as the invocation's error (§3.3).
 */
export function attachContext<T extends object>(base: T, inv: InvokeHeaders, envData: EnvironmentData): T & ContextFields {
  // Managed runtimes set the trace header per invoke and delete it when absent (§1.3, §2.5).
  // Written only when it changes: a read of process.env costs less than a setenv/unsetenv per warm invoke.
  const trace = process.env._X_AMZN_TRACE_ID;
  if (inv.traceId) {
    if (trace !== inv.traceId) process.env._X_AMZN_TRACE_ID = inv.traceId;
  } else if (trace !== undefined) delete process.env._X_AMZN_TRACE_ID;
  const deadline = inv.deadlineMs;
  return Object.assign(base, envData, {
    clientContext: parseJson(inv.clientContext, 'ClientContext'),
    identity: parseJson(inv.cognitoIdentity, 'CognitoIdentity'),
    invokedFunctionArn: inv.functionArn,
    awsRequestId: inv.requestId,
    tenantId: inv.tenantId,
    // Not clamped: may go negative past the deadline (§3.3).
    getRemainingTimeInMillis: () => deadline - Date.now(),
  });
}
