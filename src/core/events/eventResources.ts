// core/events: the engine's local resources by ARN. Declarations come from the template (and, for a queue
// only a destination names, from its ARN); each is opened once, through its kind's plugin, on first use.
import { WorkbenchError } from '../common/errors';
import { LocalBus } from './bus/localBus';
import { busArn, LocalEventBridge } from './bus/localEventBridge';
import { LocalQueue } from './queue/localQueue';
import { RESOURCE_PLUGINS } from './resourcePlugins';
import type { LocalResourceDecl, MessageTarget, ResourceContext } from './resourceTypes';
import type { ScheduleInfo } from './schedule/scheduleRunner';
import { LocalTopic } from './topic/localTopic';

type Opened = MessageTarget & { close?(): Promise<void> };

export class EventResources {
  private decls = new Map<string, LocalResourceDecl>();
  private readonly opened = new Map<string, Promise<Opened>>();

  /** Event buses, PutEvents and schedules (bus/localEventBridge.ts). */
  readonly eventBridge: LocalEventBridge;

  constructor(readonly ctx: Omit<ResourceContext, 'target'>) {
    this.eventBridge = new LocalEventBridge(this);
  }

  /** The template's declarations (replacing earlier ones; resources already open stay open, buses take their new rules). */
  declare(decls: readonly LocalResourceDecl[]): void {
    this.decls = new Map(decls.map((d) => [d.arn, d]));
    // EventBridge's default bus always exists.
    const dflt = busArn(this.ctx.region, this.ctx.accountId, 'default');
    if (!this.decls.has(dflt)) this.decls.set(dflt, { kind: 'bus', name: 'default', arn: dflt, rules: [] });
    for (const d of this.decls.values()) {
      if (d.kind === 'bus') void this.opened.get(d.arn)?.then((b) => b instanceof LocalBus && b.redeclare(d), () => undefined);
    }
    if (this.eventBridge.runner.started) void this.eventBridge.refreshSchedules().catch((e: unknown) => this.ctx.warn(`Schedules could not be read: ${(e as Error).message}`));
  }

  declarations(): LocalResourceDecl[] {
    return [...this.decls.values()];
  }

  /** The resource an ARN names, opened; undefined when it is neither declared nor implicit for its kind. */
  target(arn: string): Promise<Opened | undefined> {
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
    if (!decl || !plugin || plugin.kind !== decl.kind) return Promise.resolve(undefined);
    const opening = plugin.open(decl, { ...this.ctx, target: (a) => this.target(a) });
    this.opened.set(arn, opening);
    opening.catch(() => this.opened.delete(arn));
    return opening;
  }

  /** Every declared queue, opened. */
  async queues(): Promise<LocalQueue[]> {
    const out: LocalQueue[] = [];
    for (const d of this.decls.values()) {
      if (d.kind !== 'queue') continue;
      const q = await this.target(d.arn);
      if (q instanceof LocalQueue) out.push(q);
    }
    return out;
  }

  async topics(): Promise<LocalTopic[]> {
    const out: LocalTopic[] = [];
    for (const d of this.decls.values()) {
      const t = d.kind === 'topic' ? await this.target(d.arn) : undefined;
      if (t instanceof LocalTopic) out.push(t);
    }
    return out;
  }

  /** A queue by name, URL or ARN, for the CLI. */
  async queue(nameOrArn: string): Promise<LocalQueue> {
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
