// core/events/bus: the EventBridge side of the local resources — the buses (the `default` bus always exists),
// PutEvents with EventBridge's per-entry checks, and the schedules (scheduled rules and Scheduler
// schedules) with the runner that fires them on the engine clock.
import { join } from 'node:path';
import { WorkbenchError } from '../../common/errors';
import type { LocalResourceDecl, MessageTarget, ResourceContext, ScheduleDecl } from '../resourceTypes';
import { ScheduleRunner, type ScheduleEntry, type ScheduleInfo } from '../schedule/scheduleRunner';
import { Deliveries } from './deliveries';
import { LocalBus, type PutEventsEntry, type PutEventsResultEntry } from './localBus';

/** What the bus side needs of EventResources. */
export interface BusHost {
  readonly ctx: Omit<ResourceContext, 'target'>;
  target(arn: string): Promise<(MessageTarget & { close?(): Promise<void> }) | undefined>;
  declarations(): LocalResourceDecl[];
}

/** EventBridge's limit on a PutEvents request's entries (sizes as "Calculating PutEvents event entry size"). */
export const MAX_ENTRIES_BYTES = 256 * 1024;
export const MAX_ENTRIES = 10;

export interface PutEventsOutput {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

export function busArn(region: string, accountId: string, name: string): string {
  return `arn:aws:events:${region}:${accountId}:event-bus/${name}`;
}

/** An entry's size as EventBridge counts it: Time 14 bytes, then the UTF-8 bytes of the strings. */
export function entrySize(e: PutEventsEntry): number {
  const b = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(s));
  return (e.Time !== undefined ? 14 : 0) + b(e.Source) + b(e.DetailType) + b(e.Detail) + (e.Resources ?? []).reduce((n, r) => n + b(r), 0);
}

function entryError(e: PutEventsEntry): PutEventsResultEntry | undefined {
  for (const [key, v] of [['Source', e.Source], ['DetailType', e.DetailType], ['Detail', e.Detail]] as const) {
    if (typeof v !== 'string' || !v) return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${key} is not valid. Reason: ${key} is a required argument.` };
  }
  try {
    const d: unknown = JSON.parse(e.Detail!);
    if (typeof d !== 'object' || d === null || Array.isArray(d)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  // EventBridge keeps the "aws." sources for AWS services' own events.
  if (e.Source!.startsWith('aws.')) return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  return undefined;
}

export class LocalEventBridge {
  readonly runner: ScheduleRunner;
  private scheduleDeliveries: Promise<Deliveries> | undefined;

  constructor(private readonly host: BusHost) {
    const c = host.ctx;
    this.runner = new ScheduleRunner({ clock: c.clock, region: c.region, accountId: c.accountId, warn: c.warn, fire: (entry, event) => this.fire(entry, event) });
  }

  busArn(name: string): string {
    return busArn(this.host.ctx.region, this.host.ctx.accountId, name);
  }

  /** Every declared bus (the default one included), opened. */
  async buses(): Promise<LocalBus[]> {
    const out: LocalBus[] = [];
    for (const d of this.host.declarations()) {
      const b = d.kind === 'bus' ? await this.host.target(d.arn) : undefined;
      if (b instanceof LocalBus) out.push(b);
    }
    return out;
  }

  /** A bus by name or ARN (absent: `default`); ResourceNotFound when there is none. */
  async bus(nameOrArn = 'default'): Promise<LocalBus> {
    const arn = nameOrArn.startsWith('arn:') ? nameOrArn : this.busArn(nameOrArn);
    const b = this.host.declarations().some((d) => d.kind === 'bus' && d.arn === arn) ? await this.host.target(arn) : undefined;
    if (!(b instanceof LocalBus)) throw new WorkbenchError('RESOURCE_NOT_FOUND', `Event bus ${nameOrArn} does not exist.`);
    return b;
  }

  /** PutEvents: every entry checked on its own (per-entry errors); the good ones are journalled before this resolves. */
  async putEvents(entries: PutEventsEntry[]): Promise<PutEventsOutput> {
    if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_ENTRIES) throw new WorkbenchError('INVALID_PARAMETER', `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}, got ${Array.isArray(entries) ? entries.length : 0}.`);
    const total = entries.reduce((n, e) => n + entrySize(e), 0);
    if (total > MAX_ENTRIES_BYTES) throw new WorkbenchError('REQUEST_TOO_LARGE', `Total size of the entries in the request is over the limit: ${total} bytes, EventBridge allows ${MAX_ENTRIES_BYTES} (256 KB) per PutEvents request.`);
    const results = await Promise.all(
      entries.map(async (e): Promise<PutEventsResultEntry> => {
        const bad = entryError(e);
        if (bad) return bad;
        let bus: LocalBus;
        try {
          bus = await this.bus(e.EventBusName || 'default');
        } catch (err) {
          return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: (err as Error).message };
        }
        return (await bus.putEntries([e]))[0];
      }),
    );
    return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
  }

  /** Rebuilds the schedule list: the rules with a ScheduleExpression on every bus, and Scheduler schedules. */
  async refreshSchedules(): Promise<void> {
    const entries: ScheduleEntry[] = [];
    for (const b of await this.buses()) {
      for (const r of b.ruleDecls()) if (r.scheduleExpression) entries.push({ name: r.name, arn: r.arn, kind: 'rule', expression: r.scheduleExpression, state: r.state, bus: b.name, targets: r.targets.length });
    }
    for (const d of this.host.declarations()) {
      if (d.kind === 'schedule') entries.push({ name: d.name, arn: d.arn, kind: 'scheduler', expression: d.expression, timezone: d.timezone, state: d.state, group: d.group, targets: 1 });
    }
    this.runner.set(entries);
  }

  /** Starts firing the schedules on the engine clock (an engine that serves: `start`, VS Code). */
  async startSchedules(): Promise<ScheduleInfo[]> {
    await this.refreshSchedules();
    await this.deliveries();
    this.runner.start();
    return this.runner.list();
  }

  /** Scheduler schedules' deliveries (opening it resumes what an earlier engine left unfinished). */
  private deliveries(): Promise<Deliveries> {
    return (this.scheduleDeliveries ??= Deliveries.open(join(this.host.ctx.dir, 'schedules', 'schedules.journal'), { ...this.host.ctx, target: (a) => this.host.target(a) }, 'Schedules'));
  }

  async schedules(): Promise<ScheduleInfo[]> {
    await this.refreshSchedules();
    return this.runner.list();
  }

  async runSchedule(name: string): Promise<ScheduleInfo> {
    await this.refreshSchedules();
    return this.runner.run(name);
  }

  private async fire(entry: ScheduleEntry, event: Record<string, unknown>): Promise<void> {
    if (entry.kind === 'rule') return (await this.bus(entry.bus)).fire(entry.name, event);
    const decl = this.host.declarations().find((d): d is ScheduleDecl => d.kind === 'schedule' && d.arn === entry.arn);
    if (!decl) return;
    const deliveries = await this.deliveries();
    await deliveries.enqueue(entry.arn, entry.name, event, [decl.target]);
  }

  /** Resolves when no schedule fire or bus delivery is under way (tests advance the clock, then wait). */
  async settled(): Promise<void> {
    await this.runner.settled();
    const d = this.scheduleDeliveries ? await this.scheduleDeliveries : undefined;
    await Promise.all([d?.settled(), ...(await this.buses()).map((b) => b.settled())]);
  }

  async dispose(): Promise<void> {
    this.runner.stop();
    await this.runner.settled();
    const d = this.scheduleDeliveries;
    this.scheduleDeliveries = undefined;
    await d?.then((x) => x.close(), () => undefined);
  }
}
