// core/events: the engine's local resources by ARN. Declarations come from the template (and, for a queue
// only a destination names, from its ARN) and from the SQS/SNS APIs (durable, createdResources.ts); each is
// opened once, through its kind's plugin, on first use.
import { WorkbenchError } from '../common/errors';
import { LocalBus } from './bus/localBus';
import { busArn, LocalEventBridge } from './bus/localEventBridge';
import { CreatedResources } from './createdResources';
import { LocalQueue } from './queue/localQueue';
import { RESOURCE_PLUGINS } from './resourcePlugins';
import type { LocalResourceDecl, MessageTarget, ResourceContext } from './resourceTypes';
import type { ScheduleInfo } from './schedule/scheduleRunner';
import { LocalTopic } from './topic/localTopic';

type Opened = MessageTarget & { close?(): Promise<void> };

export class EventResources {
  private decls = new Map<string, LocalResourceDecl>();
  private templateDecls: readonly LocalResourceDecl[] = [];
  private readonly opened = new Map<string, Promise<Opened>>();
  /** Queues and topics the SQS/SNS APIs created. */
  readonly created: CreatedResources;
  private loaded: Promise<void> | undefined;

  /** Event buses, PutEvents and schedules (bus/localEventBridge.ts). */
  readonly eventBridge: LocalEventBridge;

  constructor(readonly ctx: Omit<ResourceContext, 'target'>) {
    this.created = new CreatedResources(ctx.dir);
    this.eventBridge = new LocalEventBridge(this);
  }

  /** The template's declarations (replacing earlier ones; resources already open stay open, buses take their new rules). */
  declare(decls: readonly LocalResourceDecl[]): void {
    this.templateDecls = decls;
    this.decls = new Map(decls.map((d) => [d.arn, d]));
    this.loaded = undefined;
    // EventBridge's default bus always exists.
    const dflt = busArn(this.ctx.region, this.ctx.accountId, 'default');
    if (!this.decls.has(dflt)) this.decls.set(dflt, { kind: 'bus', name: 'default', arn: dflt, rules: [] });
    for (const d of this.decls.values()) {
      if (d.kind === 'bus') void this.opened.get(d.arn)?.then((b) => b instanceof LocalBus && b.redeclare(d), () => undefined);
    }
    if (this.eventBridge.runner.started) void this.eventBridge.refreshSchedules().catch((e: unknown) => this.ctx.warn(`Schedules could not be read: ${(e as Error).message}`));
  }

  /** The template's declarations merged with those the APIs created or deleted. */
  private ready(): Promise<void> {
    return (this.loaded ??= this.created.load().then((r) => {
      const implicit = [...this.decls.values()].filter((d) => !this.templateDecls.includes(d));
      this.decls = new Map([...this.templateDecls, ...implicit, ...r.resources].filter((d) => !r.removed.includes(d.arn)).map((d) => [d.arn, d]));
    }));
  }

  declarations(): LocalResourceDecl[] {
    return [...this.decls.values()];
  }

  /** Adds a resource made through an API (CreateQueue, CreateTopic); durable when this resolves. */
  async create(decl: LocalResourceDecl): Promise<void> {
    await this.ready();
    await this.created.put(decl);
    this.decls.set(decl.arn, decl);
  }

  /** DeleteQueue / DeleteTopic: closes the resource, removes its data and forgets it (durably). */
  async remove(arn: string): Promise<void> {
    await this.ready();
    const open = this.opened.get(arn);
    this.opened.delete(arn);
    const r = await open?.catch(() => undefined);
    if (r && 'destroy' in r && typeof r.destroy === 'function') await (r.destroy as () => Promise<void>)();
    else await r?.close?.();
    await this.created.remove(arn, this.templateDecls.some((d) => d.arn === arn));
    this.decls.delete(arn);
  }

  /** The resource an ARN names, opened; undefined when it is neither declared nor implicit for its kind. */
  async target(arn: string): Promise<Opened | undefined> {
    await this.ready();
    // A table stream's ARN names its table (the stream pollers' EventSourceArn).
    const table = /:dynamodb:.*\/stream\//.test(arn) ? [...this.decls.values()].find((d) => d.kind === 'table' && d.streamArn === arn) : undefined;
    if (table) arn = table.arn;
    const running = this.opened.get(arn);
    if (running) return running;
    const m = /^arn:aws[\w-]*:(\w+):([\w-]+):(\d{12}):(.+)$/.exec(arn);
    const plugin = m ? RESOURCE_PLUGINS.find((p) => p.service === m[1]) : undefined;
    let decl = this.decls.get(arn);
    if (!decl && plugin?.implicit && m) {
      decl = plugin.implicit(arn, m[4]);
      if (decl) this.ctx.warn(`${arn} is not declared in the template; a local ${decl.kind} "${decl.name}" is created for it.`);
      if (decl) this.decls.set(arn, decl);
    }
    if (!decl || !plugin || plugin.kind !== decl.kind) return undefined;
    const opening = plugin.open(decl, { ...this.ctx, target: (a) => this.target(a) });
    this.opened.set(arn, opening);
    opening.catch(() => this.opened.delete(arn));
    return opening;
  }

  /** A queue or topic by name (the SQS and SNS APIs), opened; undefined when there is none. */
  async byName(kind: LocalResourceDecl['kind'], name: string): Promise<Opened | undefined> {
    await this.ready();
    const d = [...this.decls.values()].find((x) => x.kind === kind && x.name === name);
    return d ? this.target(d.arn) : undefined;
  }

  /** Every declared resource of a kind, opened (streams, tables for the CLI and the pollers). */
  async ofKind(kind: LocalResourceDecl['kind']): Promise<Opened[]> {
    await this.ready();
    const out: Opened[] = [];
    for (const d of [...this.decls.values()].filter((x) => x.kind === kind)) {
      const r = await this.target(d.arn);
      if (r) out.push(r);
    }
    return out;
  }

  /** The declaration a name, logical id or ARN (a table's stream ARN included) names, of one kind. */
  async find(kind: LocalResourceDecl['kind'], nameOrArn: string): Promise<LocalResourceDecl | undefined> {
    await this.ready();
    return [...this.decls.values()].find((d) => d.kind === kind && (d.arn === nameOrArn || d.name === nameOrArn || d.logicalId === nameOrArn || (d.kind === 'table' && d.streamArn === nameOrArn)));
  }

  /** Every declared queue, opened. */
  async queues(): Promise<LocalQueue[]> {
    await this.ready();
    const out: LocalQueue[] = [];
    for (const d of this.decls.values()) {
      if (d.kind !== 'queue') continue;
      const q = await this.target(d.arn);
      if (q instanceof LocalQueue) out.push(q);
    }
    return out;
  }

  async topics(): Promise<LocalTopic[]> {
    await this.ready();
    const out: LocalTopic[] = [];
    for (const d of this.decls.values()) {
      const t = d.kind === 'topic' ? await this.target(d.arn) : undefined;
      if (t instanceof LocalTopic) out.push(t);
    }
    return out;
  }

  /** A queue by name, URL or ARN, for the CLI. */
  async queue(nameOrArn: string): Promise<LocalQueue> {
    await this.ready();
    const d = [...this.decls.values()].find((x) => x.kind === 'queue' && (x.arn === nameOrArn || x.name === nameOrArn || x.logicalId === nameOrArn || nameOrArn.endsWith(`/${x.name}`)));
    const q = d ? await this.target(d.arn) : undefined;
    if (!(q instanceof LocalQueue)) {
      const known = [...this.decls.values()].filter((x) => x.kind === 'queue').map((x) => x.name);
      throw new WorkbenchError('RESOURCE_NOT_FOUND', `Queue not found: "${nameOrArn}". Local queues: ${known.join(', ') || '(none; declare an AWS::SQS::Queue in the template)'}.`);
    }
    return q;
  }

  /** Every event bus (the default one included) with its rules, counts and deliveries (for the tree). */
  async buses(): Promise<ReturnType<LocalBus['stats']>[]> {
    return (await this.eventBridge.buses()).map((b) => b.stats());
  }

  /** Every schedule (scheduled rules, Scheduler schedules) with its next fire time. */
  schedules(): Promise<ScheduleInfo[]> {
    return this.eventBridge.schedules();
  }

  async dispose(): Promise<void> {
    await this.eventBridge.dispose();
    const all = [...this.opened.values()];
    this.opened.clear();
    for (const p of all) await p.then((r) => r.close?.(), () => undefined);
  }
}
