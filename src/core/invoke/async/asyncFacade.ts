// core/invoke/async: asynchronous invocation as the service offers it (LambdaService.async): accept `Event`
// invokes, watch and drain the per-function queues, the FunctionEventInvokeConfig operations (§9), and the
// local queues and topics their destinations reach. Wires AsyncInvocations and EventResources. One engine per
// state directory runs the queues (store/engineLock.ts); another engine forwards its `Event` invokes there.
import { join } from 'node:path';
import type { Clock } from '../../common/clock';
import { WorkbenchError } from '../../common/errors';
import { EventResources } from '../../events/eventResources';
import { acquireQueuesLock, holderAlive, type LockHolder } from '../../store/engineLock';
import { forwardEvent } from './forwardEvent';
import type { InvokeOptions, InvokeResult } from '../invokeTypes';
import { AsyncInvocations, type AcceptOptions } from './asyncInvocations';
import type { QueueStatus } from './functionQueue';
import { deleteInvokeConfig, getInvokeConfig, listInvokeConfigs, putInvokeConfig, type FunctionEventInvokeConfig, type InvokeConfigApiDeps } from './invokeConfigApi';

export interface AsyncFacadeDeps {
  /** The state directory's root: the queues live in <root>/async, the local resources in <root>/events. */
  stateRoot: string;
  /** The engine clock (scaled by --time-scale; tests pass a VirtualClock). */
  clock: Clock;
  region: string;
  accountId: string;
  /** How many events of one function run at once (default 4). */
  parallelism?: number;
  /** Resolves once the template is loaded. */
  loaded(): Promise<unknown>;
  /** The canonical name and qualifier an event is queued under; FUNCTION_NOT_FOUND when it cannot run. */
  target(functionName: string, qualifier: string | undefined): Promise<{ functionName: string; qualifier?: string }>;
  invoke(functionName: string, payload: string, options: InvokeOptions): Promise<InvokeResult>;
  reserved(functionName: string): number | undefined;
  templateConfig(functionName: string): Record<string, unknown> | undefined;
  deadLetterArn(functionName: string, qualifier: string | undefined): Promise<string | undefined>;
  warn(message: string): void;
  /** Who drives this engine ('vscode', 'cli'…), written in the queues lock for other engines' messages. */
  origin: string;
  /** Starts a Lambda API listener whose `Event` invokes come here: where other engines forward theirs. */
  listen(): Promise<{ url: string; close(): Promise<void> }>;
}

/** Who runs the queues of this state directory: this engine, or another one (which events are forwarded to). */
export type QueuesOwner = { self: true } | { self: false; holder: LockHolder };

type Ownership = { self: true; release(): Promise<void>; close(): Promise<void> } | { self: false; holder: LockHolder };

export class AsyncFacade {
  private readonly events: EventResources;
  private readonly queues: AsyncInvocations;
  private readonly configs: InvokeConfigApiDeps;
  private lock: Promise<Ownership> | undefined;
  private owned = false;

  constructor(private readonly d: AsyncFacadeDeps) {
    this.events = new EventResources({ dir: join(d.stateRoot, 'events'), clock: d.clock, region: d.region, accountId: d.accountId, warn: d.warn, invokeAsync: (arn, p) => this.queues.acceptArn(arn, p) });
    this.queues = new AsyncInvocations({ ...d, dir: join(d.stateRoot, 'async'), resources: this.events });
    this.configs = { store: this.queues.configs, region: d.region, accountId: d.accountId, now: () => d.clock.now(), target: d.target, templateConfig: d.templateConfig };
  }

  /**
   * Asynchronous (Event) invoke (§9): validated, journalled under the state directory and queued; resolves with
   * the request id once the event is on disk. The queue then runs it (history origin `async`) with §9's retries.
   */
  async invoke(functionName: string, payload: Buffer | string, options?: AcceptOptions): Promise<{ requestId: string }> {
    await this.d.loaded();
    const o = await this.owner();
    if (!o.self) return forwardEvent(o.holder, functionName, payload, options ?? {});
    return this.queues.accept(functionName, payload, options);
  }

  /** Whether this engine runs the state directory's queues (taking them if nobody does), or who does. */
  async owner(): Promise<QueuesOwner> {
    const o = await this.ownership();
    return o.self ? { self: true } : { self: false, holder: o.holder };
  }

  /** Reopens the async queues earlier engines left under the state directory; their events run again. Returns the functions. */
  async resume(): Promise<string[]> {
    await this.d.loaded();
    if (!(await this.owner()).self) return []; // the engine that holds the lock runs (and resumed) them
    return this.queues.resume();
  }

  /** One function's async queue: depth, in flight, next attempt, the journal file. */
  async status(functionName: string): Promise<QueueStatus> {
    await this.d.loaded();
    await this.ownQueues();
    return this.queues.status(functionName);
  }

  /** The async queue of a function (its canonical name, as status gives it) as it is now; undefined when not open. */
  statusNow(functionName: string): QueueStatus | undefined {
    return this.owned ? this.queues.statusNow(functionName) : undefined;
  }

  /** Resolves when the function's async queue is empty (every event delivered or dropped). */
  async drained(functionName: string): Promise<void> {
    await this.d.loaded();
    await this.ownQueues();
    return this.queues.drained((await this.d.target(functionName, undefined)).functionName);
  }

  /** Resolves when no async event runs or is due now (tests advance the engine clock, then wait for this). */
  idle(functionName?: string): Promise<void> {
    return this.owned ? this.queues.idle(functionName) : Promise.resolve();
  }

  /** Put (replace) or, with `patch`, Update a FunctionEventInvokeConfig (§9). */
  async putConfig(functionName: string, qualifier: string | undefined, input: Record<string, unknown>, patch = false): Promise<FunctionEventInvokeConfig> {
    await this.d.loaded();
    return putInvokeConfig(this.configs, functionName, qualifier, input, patch);
  }

  async getConfig(functionName: string, qualifier?: string): Promise<FunctionEventInvokeConfig> {
    await this.d.loaded();
    return getInvokeConfig(this.configs, functionName, qualifier);
  }

  async deleteConfig(functionName: string, qualifier?: string): Promise<void> {
    await this.d.loaded();
    return deleteInvokeConfig(this.configs, functionName, qualifier);
  }

  async listConfigs(functionName: string): Promise<FunctionEventInvokeConfig[]> {
    await this.d.loaded();
    return listInvokeConfigs(this.configs, functionName);
  }

  /** The local queues and topics (template-declared, or created for a destination's ARN). */
  async resources(): Promise<EventResources> {
    await this.d.loaded();
    await this.ownQueues();
    return this.events;
  }

  /** The template's local resources (called on every template load). */
  declare(decls: Parameters<EventResources['declare']>[0]): void {
    this.events.declare(decls);
  }

  /** Every open async queue (after `resume`, also those earlier engines left). */
  async statusAll(): Promise<QueueStatus[]> {
    await this.d.loaded();
    if (!(await this.owner()).self) return [];
    return this.queues.statusAll();
  }

  /** The queues stop first (an attempt still running may yet send to a destination), then the resources. */
  async dispose(): Promise<void> {
    await this.queues.dispose();
    await this.events.dispose();
    const o = await this.lock?.catch(() => undefined);
    if (o?.self) {
      await o.release();
      await o.close();
    }
  }

  /** Throws QUEUES_ELSEWHERE unless this engine runs the queues. */
  private async ownQueues(): Promise<void> {
    const o = await this.owner();
    if (o.self) return;
    const h = o.holder;
    throw new WorkbenchError(
      'QUEUES_ELSEWHERE',
      `The queues of this state directory are run by another engine (${h.origin === 'vscode' ? 'VS Code' : h.origin}, pid ${h.pid}, since ${h.acquiredAt}); ask it instead (--endpoint-url ${h.url}), or stop it first.`,
    );
  }

  /** The lock, taken on first need; a holder that has gone since is replaced (its lock is stale). */
  private async ownership(): Promise<Ownership> {
    for (let pass = 0; ; pass++) {
      const pending = (this.lock ??= this.acquire());
      const o = await pending;
      if (o.self || holderAlive(o.holder) || pass >= 2) return o;
      if (this.lock === pending) this.lock = undefined; // the holder is gone: the next pass takes the lock
    }
  }

  private async acquire(): Promise<Ownership> {
    let listener: { url: string; close(): Promise<void> } | undefined;
    try {
      const r = await acquireQueuesLock(this.d.stateRoot, this.d.origin, async () => (listener = await this.d.listen()).url);
      if (!r.owned) {
        await listener?.close();
        return { self: false, holder: r.holder };
      }
      this.owned = true;
      return { self: true, release: r.release, close: () => listener?.close() ?? Promise.resolve() };
    } catch (e) {
      this.lock = undefined;
      await listener?.close();
      throw e;
    }
  }
}
