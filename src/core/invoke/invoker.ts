// core/invoke: the synchronous invoke path every caller goes through: validate the request, pick an
// environment from the function's pool, run the invocation, and shape the result as the Invoke API does.
import { randomUUID } from 'node:crypto';
import { WorkbenchError } from '../common/errors';
import { functionArn } from '../model/arn';
import type { FunctionConfig } from '../model/functionConfig';
import type { FunctionRegistry } from '../registry/functionRegistry';
import type { ConcurrencyLimits } from '../scheduler/concurrencyLimits';
import type { EnvironmentPool } from '../scheduler/environmentPool';
import type { PoolManager } from '../scheduler/poolManager';
import type { ExecutionEnvironment } from '../runtime/environment';
import type { InvokeOptions, InvokeResult } from './invokeTypes';
import { validateRequestPayload } from './payloadLimits';
import { runCancellable, throwIfCancelled } from './cancellation';

export interface InvokerDeps {
  registry: FunctionRegistry;
  pools: PoolManager;
  /** Concurrency accounting (§8): an invocation is counted for its function from here until it ends. */
  limits: ConcurrencyLimits;
  region: string;
  accountId: string;
  /** The version (with its own configuration) a qualifier other than `$LATEST` runs; alias routing applied. */
  resolveQualifier(fn: FunctionConfig, qualifier: string): Promise<{ fn: FunctionConfig; executedVersion: string }>;
}

export class Invoker {
  /** Function ARNs by name and qualifier: built once, not per invocation. */
  private readonly arns = new Map<string, string>();

  constructor(private readonly d: InvokerDeps) {}

  private arnOf(functionName: string, qualifier: string | undefined): string {
    const key = qualifier === undefined ? functionName : `${functionName}:${qualifier}`;
    let arn = this.arns.get(key);
    if (arn === undefined) this.arns.set(key, (arn = functionArn(this.d.region, this.d.accountId, functionName, qualifier)));
    return arn;
  }

  async invoke(functionName: string, payload: Buffer | string, options: InvokeOptions = {}): Promise<InvokeResult> {
    const { fn: latest, qualifier } = this.d.registry.resolve(functionName, options.qualifier);
    const body = validateRequestPayload(typeof payload === 'string' ? Buffer.from(payload) : payload);
    let fn = latest;
    let version = '$LATEST';
    const slot = this.d.limits.admit(latest.functionName); // throws ThrottleError past a limit (§8)
    let pool: EnvironmentPool | undefined;
    let env: ExecutionEnvironment | undefined;
    try {
      // Only a qualified invoke resolves a version or alias (§6); the unqualified path stays as it was.
      if (qualifier !== undefined && qualifier !== '$LATEST') ({ fn, executedVersion: version } = await this.d.resolveQualifier(latest, qualifier));
      pool = await this.d.pools.poolFor(fn, version, options.debug, options.environment);
      throwIfCancelled(options.signal, latest.logicalId);
      env = await pool.acquire();
      const input = {
        requestId: randomUUID(),
        payload: body,
        invokedFunctionArn: this.arnOf(fn.functionName, qualifier),
        clientContext: decodeClientContext(options.clientContext),
        traceId: options.traceId,
        tenantId: options.tenantId,
        stream: options.stream,
      };
      const e = env;
      // No signal, no listener: the warm path is as it was.
      const out = await (options.signal ? runCancellable(options.signal, e, latest.logicalId, () => e.invoke(input)) : env.invoke(input));
      return {
        statusCode: 200,
        requestId: out.requestId,
        status: out.status,
        payload: out.payload,
        functionError: out.functionError,
        errorType: out.payloadErrorType,
        platformErrorType: out.errorType,
        contentType: out.contentType,
        streamed: out.streamed,
        durationMs: out.durationMs,
        billedDurationMs: out.billedDurationMs,
        initDurationMs: out.initDurationMs,
        memorySizeMB: out.memorySizeMB,
        maxMemoryUsedMB: out.maxMemoryUsedMB,
        coldStart: out.coldStart,
        logTail: out.logTail,
        logStreamName: out.logStreamName,
        logResult: options.logType === 'Tail' ? Buffer.from(out.logTail, 'utf8').toString('base64') : undefined,
        executedVersion: version,
        environmentId: env.id,
        diagnostic: out.initFailed && out.payloadErrorType ? env.host.diagnoseHandler?.(fn, env.taskRoot, out.payloadErrorType) : undefined,
      };
    } finally {
      if (env) pool!.release(env);
      this.d.limits.leave(slot);
    }
  }
}

function decodeClientContext(b64: string | undefined): string | undefined {
  if (!b64) return undefined;
  const text = Buffer.from(b64, 'base64').toString('utf8');
  try {
    JSON.parse(text);
  } catch {
    throw new WorkbenchError('INVALID_PARAMETER', 'Client context must be base64-encoded JSON (X-Amz-Client-Context).');
  }
  return text;
}
