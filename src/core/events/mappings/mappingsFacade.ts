// core/events/mappings: event source mappings as the service offers them (LambdaService.mappings): the API's
// Create/Get/Update/Delete/List over the registry, Enable/Disable for the CLI and VS Code, the pollers (started
// with `start()` by the engine that runs the state directory's queues), and each mapping's figures and recent
// batches for the views. Pollers invoke synchronously through the service's common invoke path.
import { join } from 'node:path';
import type { Clock } from '../../common/clock';
import type { Event } from '../../common/events';
import type { InvokeOptions, InvokeResult } from '../../invoke/invokeTypes';
import { isThrottleError } from '../../scheduler/concurrencyLimits';
import type { EventResources } from '../eventResources';
import { MappingRegistry, type TemplateMappingDecl } from './mappingRegistry';
import { MappingRunner, type RecentBatch } from './mappingRunner';
import { shapeMapping, type EventSourceMappingConfiguration } from './mappingShape';
import { MappingStore } from './mappingStore';
import type { MappingRecord } from './mappingTypes';
import type { MappingInput } from './mappingValidation';
import type { InvokeOutcome, PollerStats } from './pollerTypes';

export type { TemplateMappingDecl } from './mappingRegistry';
export type { EventSourceMappingConfiguration } from './mappingShape';

export interface MappingsFacadeDeps {
  stateRoot: string;
  /** The engine clock. */
  clock: Clock;
  region: string;
  accountId: string;
  loaded(): Promise<unknown>;
  /** A FunctionName member (name, ARN, partial ARN, `name:qualifier`) → the canonical name and qualifier; FUNCTION_NOT_FOUND otherwise. */
  resolveFunction(functionName: string): { functionName: string; qualifier?: string };
  functionTimeout(functionName: string): number;
  invoke(functionName: string, payload: string, options: InvokeOptions): Promise<InvokeResult>;
  resources(): Promise<EventResources>;
  warn(message: string): void;
}

/** A mapping with what the API shape leaves out: where it came from, its poller's figures, its recent batches. */
export interface MappingDetails {
  config: EventSourceMappingConfiguration;
  origin: MappingRecord['origin'];
  logicalId?: string;
  functionName: string;
  lastProcessingResult: string;
  /** Undefined when no poller runs it in this engine. */
  stats?: PollerStats;
  recent: RecentBatch[];
}

export class MappingsFacade {
  private readonly registry: MappingRegistry;
  private readonly runner: MappingRunner;

  constructor(private readonly d: MappingsFacadeDeps) {
    this.registry = new MappingRegistry({ store: new MappingStore(join(d.stateRoot, 'mappings')), now: () => d.clock.now(), resolveFunction: (n) => d.resolveFunction(n), warn: d.warn });
    this.runner = new MappingRunner({
      registry: this.registry,
      clock: d.clock,
      region: d.region,
      accountId: d.accountId,
      invoke: (fn, qualifier, payload) => this.invoke(fn, qualifier, payload),
      functionTimeout: d.functionTimeout,
      source: async (arn) => (await d.resources()).target(arn),
      sendFailure: async (arn, record) => {
        const target = await (await d.resources()).target(arn);
        if (!target) throw new Error(`the failure destination ${arn} is not a local queue or topic`);
        await target.send(JSON.stringify(record));
      },
      warn: d.warn,
    });
  }

  /** The template's mappings (called on every template load). */
  declare(decls: readonly TemplateMappingDecl[]): void {
    this.registry.declare(decls);
  }

  /** A mapping changed (its UUID): views refresh. */
  get onDidChange(): Event<string> {
    return this.registry.onDidChange;
  }

  /** A poller finished a batch. */
  get onDidReport(): Event<{ uuid: string; batch: RecentBatch }> {
    return this.runner.onDidReport;
  }

  private async ready(): Promise<void> {
    await this.d.loaded();
    await this.registry.ready();
  }

  private shape(r: MappingRecord): EventSourceMappingConfiguration {
    return shapeMapping(r, this.d.region, this.d.accountId);
  }

  /** ListEventSourceMappings: all, or those of a function and/or an event source. */
  async list(filter: { functionName?: string; eventSourceArn?: string } = {}): Promise<EventSourceMappingConfiguration[]> {
    await this.ready();
    const fn = filter.functionName !== undefined ? this.d.resolveFunction(filter.functionName) : undefined;
    return this.registry
      .list()
      .filter((r) => (!fn || (r.settings.functionName === fn.functionName && (fn.qualifier === undefined || r.settings.qualifier === fn.qualifier))) && (!filter.eventSourceArn || r.settings.eventSourceArn === filter.eventSourceArn))
      .map((r) => this.shape(r));
  }

  async get(uuid: string): Promise<EventSourceMappingConfiguration> {
    await this.ready();
    return this.shape(this.registry.get(uuid));
  }

  /** CreateEventSourceMapping: answers State "Creating"; it settles to Enabled (or Disabled) once its poller runs. */
  async create(input: MappingInput): Promise<EventSourceMappingConfiguration> {
    await this.ready();
    return this.shape(await this.registry.create(input));
  }

  async update(uuid: string, input: MappingInput): Promise<EventSourceMappingConfiguration> {
    await this.ready();
    return this.shape(await this.registry.update(uuid, input));
  }

  async delete(uuid: string): Promise<EventSourceMappingConfiguration> {
    await this.ready();
    return this.shape(await this.registry.delete(uuid));
  }

  enable(uuid: string): Promise<EventSourceMappingConfiguration> {
    return this.update(uuid, { Enabled: true });
  }

  disable(uuid: string): Promise<EventSourceMappingConfiguration> {
    return this.update(uuid, { Enabled: false });
  }

  /** Each mapping with its origin, poller figures and recent batches (views, `esm list`). */
  async details(functionName?: string): Promise<MappingDetails[]> {
    await this.ready();
    const fn = functionName !== undefined ? this.d.resolveFunction(functionName).functionName : undefined;
    return this.registry
      .list()
      .filter((r) => !fn || r.settings.functionName === fn)
      .map((r) => ({ config: this.shape(r), origin: r.origin, logicalId: r.logicalId, functionName: r.settings.functionName, lastProcessingResult: r.lastProcessingResult, stats: this.runner.stats(r.uuid), recent: this.runner.recent(r.uuid) }));
  }

  /** Runs the pollers in this engine (only the engine that runs the state directory's queues should). */
  async start(): Promise<void> {
    await this.ready();
    await this.d.resources();
    await this.runner.start();
  }

  get running(): boolean {
    return this.runner.isRunning;
  }

  /** Resolves when every State transition under way has settled. */
  settled(): Promise<void> {
    return this.registry.settled();
  }

  private async invoke(functionName: string, qualifier: string | undefined, payload: string): Promise<InvokeOutcome> {
    try {
      const r = await this.d.invoke(functionName, payload, { qualifier, origin: 'esm' });
      if (r.functionError) return { kind: 'functionError', requestId: r.requestId, payload: r.payload, errorType: r.errorType ?? r.platformErrorType };
      return { kind: 'success', requestId: r.requestId, payload: r.payload };
    } catch (e) {
      if (isThrottleError(e)) return { kind: 'throttled', message: (e as Error).message };
      return { kind: 'failed', message: (e as Error).message };
    }
  }

  async dispose(): Promise<void> {
    await this.runner.dispose();
    await this.registry.settled();
    this.registry.dispose();
  }
}
