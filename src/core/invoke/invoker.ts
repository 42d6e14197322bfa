// core/invoke: the synchronous invoke path every caller goes through: validate the request, pick an
// environment from the function's pool, run the invocation, and shape the result as the Invoke API does.
import { randomUUID } from 'node:crypto';
import { WorkbenchError } from '../common/errors';
import { functionArn } from '../model/arn';
import type { FunctionConfig } from '../model/functionConfig';
import type { FunctionRegistry } from '../registry/functionRegistry';
import { isThrottleError, type ConcurrencyLimits, type FunctionConcurrency } from '../scheduler/concurrencyLimits';
import type { Metrics, MetricSeries } from '../scheduler/metrics';
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
  /** Per-minute metrics of functions and their versions/aliases (counters only on this path). */
  metrics: Metrics;
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
    const name = latest.functionName;
    const fnSeries = this.d.metrics.series(name);
    const qSeries = qualifier !== undefined ? this.d.metrics.series(name, qualifier) : undefined;
    const qualified = qualifier !== undefined && qualifier !== '$LATEST';
    let fn = latest;
    let version = '$LATEST';
    // The unqualified path is counted first (throws ThrottleError past a limit, §8); a qualified one once it
    // is known whether a provisioned environment serves it (never throttled) or it spills over to on-demand.
    let slot: FunctionConcurrency | undefined = qualified ? undefined : this.admit(name, fnSeries, qSeries);
    let provisioned = false;
    let running = false;
    let pool: EnvironmentPool | undefined;
    let env: ExecutionEnvironment | undefined;
    try {
      // Only a qualified invoke resolves a version or alias (§6); the unqualified path stays as it was.
      if (qualified) ({ fn, executedVersion: version } = await this.d.resolveQualifier(latest, qualifier));
      options.onExecutedVersion?.(version);
      pool = await this.d.pools.poolFor(fn, version, options.debug, options.environment);
      throwIfCancelled(options.signal, latest.logicalId);
      if (qualified) {
        env = options.debug || options.environment ? undefined : pool.takeProvisioned();
        provisioned = env !== undefined;
        slot = provisioned ? this.d.limits.admitProvisioned(name) : this.admit(name, fnSeries, qSeries);
      }
      env ??= await pool.acquire();
      const spillover = !provisioned && pool.provisioned.requested > 0;
      fnSeries.started(provisioned, spillover);
      qSeries?.started(provisioned, spillover);
      running = true;
      const input = {
        requestId: options.requestId ?? randomUUID(),
        payload: body,
        invokedFunctionArn: this.arnOf(fn.functionName, qualifier),
        clientContext: decodeClientContext(options.clientContext),
        traceId: options.traceId,
        tenantId: options.tenantId,
        stream: options.stream,
      };
      const e = env;
      // No signal, no listener: the warm path is as it was.
      const out = await (options.signal ? runCancellable(options.signal, e, latest.logicalId, () => e.invoke(input)) : e.invoke(input));
      running = false;
      fnSeries.finished(out.durationMs, out.functionError !== undefined, provisioned);
      qSeries?.finished(out.durationMs, out.functionError !== undefined, provisioned);
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
    } catch (e) {
      if (isThrottleError(e) && slot !== undefined) {
        // The scaling rate refused a new environment (§8): a throttle, not an invocation.
        fnSeries.throttled();
        qSeries?.throttled();
      }
      throw e;
    } finally {
      if (running) {
        fnSeries.abandoned(provisioned);
        qSeries?.abandoned(provisioned);
      }
      if (env) pool!.release(env);
      if (slot) this.d.limits.leave(slot, provisioned);
    }
  }

  /** Admission of an on-demand invocation; a throttle is counted in the metrics before it is thrown. */
  private admit(name: string, fnSeries: MetricSeries, qSeries: MetricSeries | undefined): FunctionConcurrency {
    try {
      return this.d.limits.admit(name);
    } catch (e) {
      fnSeries.throttled();
      qSeries?.throttled();
      throw e;
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
