// core/events/mappings: every event source mapping of the engine — the template's (SAM Events SQS/Kinesis/
// DynamoDB, AWS::Lambda::EventSourceMapping) and those created through the API or CLI (durable, mappingStore.ts)
// — with Create/Update/Delete and their State transitions (§11): the change is stored, the API answers the
// transitional state (Creating, Enabling, Disabling, Updating, Deleting), and once the runner has started or
// stopped the poller the state settles (Enabled, Disabled, or gone).
import { createHash, randomUUID } from 'node:crypto';
import { WorkbenchError } from '../../common/errors';
import { Emitter, type Event } from '../../common/events';
import { MappingStore, type StoredMapping } from './mappingStore';
import type { MappingRecord, MappingSettings } from './mappingTypes';
import { validateMapping, type FunctionResolver, type MappingInput } from './mappingValidation';

/** A mapping the template declares: its logical id and the API members it amounts to (FunctionName canonical). */
export interface TemplateMappingDecl {
  logicalId: string;
  input: MappingInput;
}

export interface MappingRegistryDeps {
  store: MappingStore;
  /** Engine-clock epoch ms. */
  now(): number;
  resolveFunction: FunctionResolver;
  warn(message: string): void;
}

const NO_RECORDS = 'No records processed';

function templateUuid(logicalId: string, arn: string): string {
  const h = createHash('sha256').update(`template|${logicalId}|${arn}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function notFound(uuid: string): WorkbenchError {
  return new WorkbenchError('RESOURCE_NOT_FOUND', `The resource you requested does not exist. (Event source mapping ${uuid}; list them with ListEventSourceMappings or "lambda-workbench esm list".)`);
}

export class MappingRegistry {
  private records = new Map<string, MappingRecord>();
  private stored = new Map<string, StoredMapping>();
  /** Template mappings' settings as the template gives them, by UUID. */
  private templateBase = new Map<string, MappingSettings>();
  private decls: readonly TemplateMappingDecl[] = [];
  private loading: Promise<void> | undefined;
  private readonly changed = new Emitter<string>();
  private readonly pending = new Set<Promise<void>>();
  /** Set by the runner: starts, restarts or stops the poller of a mapping after a change. */
  applier: ((uuid: string) => Promise<void>) | undefined;

  /** A mapping changed (created, updated, settled, deleted, a new processing result): its UUID. */
  readonly onDidChange: Event<string> = this.changed.event;

  constructor(private readonly d: MappingRegistryDeps) {}

  /** The template's mappings (each template load). */
  declare(decls: readonly TemplateMappingDecl[]): void {
    this.decls = decls;
    if (this.loading) this.loading = this.loading.then(() => this.merge());
  }

  ready(): Promise<void> {
    return (this.loading ??= this.d.store.load().then(async (stored) => {
      this.stored = new Map(stored.map((s) => [s.record.uuid, s]));
      // A transition cut off by a crash completes now.
      for (const s of stored) {
        if (s.record.transition === 'Deleting') await this.forget(s.record.uuid);
        else if (s.record.transition) {
          delete s.record.transition;
          await this.d.store.put(s);
        }
      }
      this.merge();
    }));
  }

  private merge(): void {
    const next = new Map<string, MappingRecord>();
    this.templateBase.clear();
    for (const decl of this.decls) {
      let settings: MappingSettings;
      try {
        settings = validateMapping(decl.input, this.d.resolveFunction);
      } catch (e) {
        this.d.warn(`Event source mapping "${decl.logicalId}" of the template is not run locally: ${(e as Error).message}`);
        continue;
      }
      const uuid = templateUuid(decl.logicalId, settings.eventSourceArn);
      this.templateBase.set(uuid, settings);
      const s = this.stored.get(uuid);
      // Compared as stored (JSON): the API's change holds while the template says what it said then.
      if (s && JSON.stringify(s.base) === JSON.stringify(settings)) {
        if (!s.deleted) next.set(uuid, this.records.get(uuid) ?? s.record);
        continue;
      }
      const old = this.records.get(uuid);
      next.set(uuid, { uuid, origin: 'template', logicalId: decl.logicalId, settings, lastModified: old?.lastModified ?? this.d.now(), lastProcessingResult: old?.lastProcessingResult ?? NO_RECORDS, stateTransitionReason: 'USER_INITIATED' });
    }
    for (const [uuid, s] of this.stored) if (s.record.origin === 'api') next.set(uuid, this.records.get(uuid) ?? s.record);
    const before = new Set(this.records.keys());
    this.records = next;
    for (const uuid of new Set([...before, ...next.keys()])) this.changed.fire(uuid);
  }

  list(): MappingRecord[] {
    return [...this.records.values()];
  }

  get(uuid: string): MappingRecord {
    const r = this.records.get(uuid);
    if (!r) throw notFound(uuid);
    return r;
  }

  async create(input: MappingInput): Promise<MappingRecord> {
    await this.ready();
    const settings = validateMapping(input, this.d.resolveFunction, undefined, this.d.now());
    const dup = this.list().find((r) => r.settings.eventSourceArn === settings.eventSourceArn && r.settings.functionName === settings.functionName && r.settings.qualifier === settings.qualifier);
    if (dup) {
      const kind = settings.kind === 'sqs' ? 'SQS' : settings.kind === 'kinesis' ? 'Kinesis' : 'DynamoDB';
      throw new WorkbenchError('RESOURCE_CONFLICT', `An event source mapping with ${kind} arn (" ${settings.eventSourceArn} ") and function (" ${settings.functionName} ") already exists. Please update or delete the existing mapping with UUID ${dup.uuid}`);
    }
    const r: MappingRecord = { uuid: randomUUID(), origin: 'api', settings, transition: 'Creating', lastModified: this.d.now(), lastProcessingResult: NO_RECORDS, stateTransitionReason: 'USER_INITIATED' };
    return this.change(r);
  }

  async update(uuid: string, input: MappingInput): Promise<MappingRecord> {
    await this.ready();
    const old = this.get(uuid);
    if (old.transition) throw new WorkbenchError('RESOURCE_CONFLICT', `The operation cannot be performed at this time. The event source mapping ${uuid} is ${old.transition}; try again shortly.`);
    const settings = validateMapping(input, this.d.resolveFunction, old.settings, this.d.now());
    const transition = settings.enabled === old.settings.enabled ? 'Updating' : settings.enabled ? 'Enabling' : 'Disabling';
    return this.change({ ...old, settings, transition, lastModified: this.d.now() });
  }

  async delete(uuid: string): Promise<MappingRecord> {
    await this.ready();
    const old = this.get(uuid);
    return this.change({ ...old, transition: 'Deleting', lastModified: this.d.now() });
  }

  /** A batch's result (kept in memory; stored when the text changes, so a restart shows the last one). */
  setResult(uuid: string, result: string): void {
    const r = this.records.get(uuid);
    if (!r || r.lastProcessingResult === result) return;
    r.lastProcessingResult = result;
    if (this.stored.has(uuid)) void this.persist(r).catch((e: unknown) => this.d.warn(`Event source mapping ${uuid}: could not store its processing result: ${(e as Error).message}`));
    this.changed.fire(uuid);
  }

  /** Stores the change, tells the runner, answers the transitional state; the state settles once the runner is done. */
  private async change(r: MappingRecord): Promise<MappingRecord> {
    await this.persist(r);
    this.records.set(r.uuid, r);
    const answer = structuredClone(r);
    this.changed.fire(r.uuid);
    const settling = this.settle(r.uuid).catch((e: unknown) => this.d.warn(`Event source mapping ${r.uuid}: ${(e as Error).message}`));
    this.pending.add(settling);
    void settling.finally(() => this.pending.delete(settling));
    return answer;
  }

  private async settle(uuid: string): Promise<void> {
    await this.applier?.(uuid);
    const r = this.records.get(uuid);
    if (!r?.transition) return;
    if (r.transition === 'Deleting') {
      await this.forget(uuid);
      this.records.delete(uuid);
    } else {
      delete r.transition;
      await this.persist(r);
    }
    this.changed.fire(uuid);
  }

  /** Awaits the transitions under way (tests, and the CLI before it exits). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private async persist(r: MappingRecord): Promise<void> {
    const s: StoredMapping = { version: 1, record: r };
    if (r.origin === 'template') s.base = this.templateBase.get(r.uuid);
    await this.d.store.put(s);
    this.stored.set(r.uuid, s);
  }

  private async forget(uuid: string): Promise<void> {
    const s = this.stored.get(uuid);
    const base = this.templateBase.get(uuid) ?? s?.base;
    if (s?.record.origin === 'template' || (this.records.get(uuid)?.origin === 'template' && base)) {
      const tomb: StoredMapping = { version: 1, record: { ...(s?.record ?? this.records.get(uuid)!), transition: undefined }, base, deleted: true };
      delete tomb.record.transition;
      await this.d.store.put(tomb);
      this.stored.set(uuid, tomb);
      return;
    }
    await this.d.store.remove(uuid);
    this.stored.delete(uuid);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
