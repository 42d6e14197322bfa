// core/invoke/async: the engine's asynchronous invocation (lambda-semantics.md §9): `Event` invokes from
// every front door are validated, journalled per function under <state>/async/ and answered with a request
// id; each function's queue runs them through the one invoke path (history origin `async`) with §9's
// retries, then hands them to their destinations and dead-letter target (§10).
import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../common/clock';
import { isWorkbenchError, WorkbenchError } from '../../common/errors';
import { Emitter, type Event } from '../../common/events';
import type { EventResources } from '../../events/eventResources';
import { functionArn } from '../../model/arn';
import { isThrottleError } from '../../scheduler/concurrencyLimits';
import type { InvokeOptions, InvokeResult } from '../invokeTypes';
import { validateRequestPayload } from '../payloadLimits';
import { RESPONSE_KEEP_BYTES, type AsyncEvent, type EffectiveInvokeConfig } from './asyncTypes';
import { Destinations } from './destinations';
import { effective, InvokeConfigStore, templateInvokeConfig } from './eventInvokeConfigs';
import { FunctionQueue, type AttemptResult, type QueueStatus } from './functionQueue';
import { deadLetterAttributes, invocationRecord, type Condition } from './invocationRecord';

/** §5.3 / §2.3: asynchronous requests up to 1 MB (256 KB before Oct 2025). */
export const MAX_ASYNC_REQUEST_BYTES = 1024 * 1024;

const JOURNAL_SUFFIX = '.events.journal';

/** The functions with an async journal in `dir` (<state>/async): what resume() would open, read without opening anything. */
export async function journalledFunctions(dir: string): Promise<string[]> {
  try {
    return (await fsp.readdir(dir)).filter((n) => n.endsWith(JOURNAL_SUFFIX)).map((n) => n.slice(0, -JOURNAL_SUFFIX.length));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

export interface AsyncInvocationsDeps {
  /** <state>/async */
  dir: string;
  clock: Clock;
  region: string;
  accountId: string;
  /** Events of one function that run at once (default 4). */
  parallelism?: number;
  /** The function's canonical name and qualifier; throws FUNCTION_NOT_FOUND for an unknown function or qualifier. */
  target(functionName: string, qualifier: string | undefined): Promise<{ functionName: string; qualifier?: string }>;
  invoke(functionName: string, payload: string, options: InvokeOptions): Promise<InvokeResult>;
  reserved(functionName: string): number | undefined;
  /** The template's EventInvokeConfig of the function (applies to every qualifier without an API config). */
  templateConfigs(functionName: string): Record<string, Record<string, unknown>> | undefined;
  deadLetterArn(functionName: string, qualifier: string | undefined): Promise<string | undefined>;
  resources: EventResources;
  warn(message: string): void;
}

/** An event left its queue: how (§10's condition) and where it was sent (for the UI's "event ended" message). */
export interface AsyncEventFinished {
  functionName: string;
  requestId: string;
  condition: Condition;
  attempts: number;
  /** The on-success / on-failure destination it went to. */
  destination?: string;
  /** The dead-letter queue or topic it went to. */
  deadLetter?: string;
  /** Why the last attempt failed, when it failed. */
  lastError?: string;
}

export interface AcceptOptions {
  qualifier?: string;
  /** Base64 JSON (X-Amz-Client-Context). */
  clientContext?: string;
}

export class AsyncInvocations {
  private readonly queues = new Map<string, Promise<FunctionQueue>>();
  private readonly open = new Map<string, FunctionQueue>();
  readonly configs: InvokeConfigStore;
  private readonly destinations: Destinations;
  private disposed = false;
  private readonly changes = new Emitter<string>();
  private readonly finishes = new Emitter<AsyncEventFinished>();
  /** A function's queue changed (accepted, started, rescheduled, finished, discarded); fires with its name, often. */
  readonly onDidChange: Event<string> = this.changes.event;
  /** An event finished (after its destination or dead-letter target stored it). */
  readonly onDidFinish: Event<AsyncEventFinished> = this.finishes.event;

  constructor(private readonly d: AsyncInvocationsDeps) {
    this.configs = new InvokeConfigStore(d.dir);
    this.destinations = new Destinations({ dir: d.dir, resources: d.resources, invokeAsync: (arn, p) => this.acceptArn(arn, p), warn: d.warn });
  }

  /** Validates and journals an `Event` invoke; resolves with its request id once it is on disk (then send the 202). */
  async accept(functionName: string, payload: Buffer | string, options: AcceptOptions = {}): Promise<{ requestId: string }> {
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (body.length > MAX_ASYNC_REQUEST_BYTES) {
      // Lambda's message for the async limit is not documented word for word ([U]); it names the limit and the operation.
      throw new WorkbenchError('REQUEST_TOO_LARGE', `Request must be smaller than ${MAX_ASYNC_REQUEST_BYTES} bytes for the InvokeAsync operation (got ${body.length} bytes; asynchronous invocations take at most 1 MB).`);
    }
    const event = validateRequestPayload(body).toString('utf8');
    const t = await this.d.target(functionName, options.qualifier);
    const queue = await this.queue(t.functionName);
    const now = this.d.clock.now();
    const requestId = randomUUID();
    await queue.accept({ requestId, functionName: t.functionName, qualifier: t.qualifier, payload: event, clientContext: options.clientContext, acceptedAt: now, dueAt: now, delayMs: 0, attempts: 0, setbacks: 0 });
    return { requestId };
  }

  /** A function ARN (a destination, a topic subscription) as an asynchronous invoke. */
  acceptArn(arn: string, payload: string): Promise<{ requestId: string }> {
    const m = /:function:([^:]+)(?::([^:]+))?$/.exec(arn);
    if (!m) throw new WorkbenchError('INVALID_PARAMETER', `Not a function ARN: ${arn}`);
    return this.accept(m[1], payload, { qualifier: m[2] });
  }

  /** Opens every journal under the state directory, so events an earlier engine accepted run again. */
  async resume(): Promise<string[]> {
    const names = await journalledFunctions(this.d.dir);
    await Promise.all(names.map((n) => this.queue(n)));
    return names;
  }

  private queue(functionName: string): Promise<FunctionQueue> {
    if (this.disposed) throw new WorkbenchError('SERVICE_DISPOSED', 'The Lambda service has been shut down; create a new one.');
    let q = this.queues.get(functionName);
    if (!q) {
      q = FunctionQueue.open(functionName, join(this.d.dir, `${functionName}${JOURNAL_SUFFIX}`), {
        clock: this.d.clock,
        parallelism: this.d.parallelism ?? 4,
        config: (e) => this.effectiveConfig(e.functionName, e.qualifier),
        reservedZero: (fn) => this.d.reserved(fn) === 0,
        attempt: (e) => this.attempt(e),
        finish: (e, c, config) => this.finish(e, c, config),
        warn: this.d.warn,
        changed: () => this.changes.fire(functionName),
      }).then((fq) => {
        this.open.set(functionName, fq);
        fq.pump();
        return fq;
      });
      this.queues.set(functionName, q);
      q.catch(() => this.queues.delete(functionName));
    }
    return q;
  }

  /** The config an event runs with: the API's for its qualifier, else the template's, else the defaults. */
  async effectiveConfig(functionName: string, qualifier: string | undefined): Promise<EffectiveInvokeConfig> {
    const api = await this.configs.get(functionName, qualifier ?? '$LATEST');
    const dlq = await this.d.deadLetterArn(functionName, qualifier).catch(() => undefined);
    return effective(api ?? templateInvokeConfig(this.d.templateConfigs(functionName)?.[qualifier ?? '$LATEST']), dlq);
  }

  private async attempt(e: AsyncEvent): Promise<AttemptResult> {
    try {
      const r = await this.d.invoke(e.functionName, e.payload, { qualifier: e.qualifier, clientContext: e.clientContext, requestId: e.requestId, origin: 'async' });
      const payload = r.payload.subarray(0, RESPONSE_KEEP_BYTES).toString('utf8');
      return { outcome: { kind: r.functionError ? 'function-error' : 'success' }, last: { statusCode: 200, executedVersion: r.executedVersion, functionError: r.functionError, payload } };
    } catch (err) {
      if (this.disposed || (isWorkbenchError(err) && (err.code === 'SERVICE_DISPOSED' || err.code === 'INVOKE_CANCELLED'))) return { outcome: 'abandoned' };
      if (isThrottleError(err)) return { outcome: { kind: 'throttle' }, last: { statusCode: 429, errorCode: 429, errorMessage: 'Rate Exceeded.' } };
      const message = err instanceof Error ? err.message : String(err);
      if (isWorkbenchError(err) && (err.code === 'FUNCTION_NOT_FOUND' || err.code === 'RESOURCE_NOT_FOUND')) return { outcome: { kind: 'gone' }, last: { statusCode: 404, errorCode: 404, errorMessage: message } };
      this.d.warn(`Async event ${e.requestId} of "${e.functionName}" hit a system error and goes back to the queue: ${message}`);
      return { outcome: { kind: 'system-error' }, last: { statusCode: 500, errorCode: 500, errorMessage: message } };
    }
  }

  private async finish(e: AsyncEvent, condition: Condition, config: EffectiveInvokeConfig): Promise<void> {
    const arn = functionArn(this.d.region, this.d.accountId, e.functionName, e.qualifier ?? '$LATEST');
    const record = invocationRecord(e, condition, arn, this.d.clock.now());
    const target = condition === 'Success' ? config.onSuccess : config.onFailure;
    const work: Promise<void>[] = [];
    if (target) work.push(this.destinations.record(target, record, e));
    if (condition !== 'Success' && config.deadLetterArn) work.push(this.destinations.deadLetter(config.deadLetterArn, e, deadLetterAttributes(e)));
    if (condition !== 'Success' && !target && !config.deadLetterArn) {
      this.d.warn(`Async event ${e.requestId} of "${e.functionName}" is dropped (${condition}, ${e.attempts} attempt${e.attempts === 1 ? '' : 's'}): the function has no OnFailure destination or dead-letter queue.`);
    }
    await Promise.all(work);
    const lastError = e.last?.errorMessage ?? (e.last?.functionError ? e.last.payload?.slice(0, 1024) : undefined);
    this.finishes.fire({
      functionName: e.functionName, requestId: e.requestId, condition, attempts: e.attempts, destination: target,
      deadLetter: condition !== 'Success' ? config.deadLetterArn : undefined, ...(lastError ? { lastError } : {}),
    });
  }

  /** Replay: a queued event of the function runs now (RESOURCE_NOT_FOUND when it has finished, RESOURCE_CONFLICT while it runs). */
  async requeueNow(functionName: string, requestId: string): Promise<void> {
    await (await this.queue(functionName)).requeueNow(requestId);
  }

  /** Discard: a queued event leaves the queue without a destination or dead-letter delivery. */
  async discard(functionName: string, requestId: string): Promise<void> {
    await (await this.queue(functionName)).discard(requestId);
  }

  /** Every open queue's status right now (queues still opening are left out). */
  statusesNow(): QueueStatus[] {
    return [...this.open.values()].map((q) => q.status());
  }

  /** The engine clock's now (epoch ms; runs timeScale times faster): what dueAt and acceptedAt are measured in. */
  now(): number {
    return this.d.clock.now();
  }

  async status(functionName: string): Promise<QueueStatus> {
    const { functionName: name } = await this.d.target(functionName, undefined);
    return (await this.queue(name)).status();
  }

  /** The status of an open queue right now, without waiting (what a stopping CLI reports). */
  statusNow(functionName: string): QueueStatus | undefined {
    return this.open.get(functionName)?.status();
  }

  /** Every open queue's status. */
  async statusAll(): Promise<QueueStatus[]> {
    return Promise.all([...this.queues.values()].map(async (q) => (await q).status()));
  }

  /** Resolves when no event runs and none is due now, for one function or all open queues. */
  async idle(functionName?: string): Promise<void> {
    for (;;) {
      const qs = functionName ? [await this.queue(functionName)] : await Promise.all(this.queues.values());
      const busy = qs.filter((q) => !q.isIdle());
      // Done only when one pass finds every queue idle: a destination may have queued an event for another meanwhile.
      if (!busy.length) return;
      await Promise.all(busy.map((q) => q.idle()));
    }
  }

  /** Resolves when the function's queue is empty. */
  async drained(functionName: string): Promise<void> {
    await (await this.queue(functionName)).drained();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const qs = [...this.queues.values()];
    this.queues.clear();
    for (const q of qs) await q.then((x) => x.close(), () => undefined);
    await this.destinations.dispose();
    this.changes.dispose();
    this.finishes.dispose();
  }
}
