// core/events/bus: a local EventBridge-like event bus. An event put on it gets EventBridge's envelope
// (version "0", id, detail-type, source, account, time, region, resources, detail) and goes to the targets of
// every enabled rule whose pattern matches, through the bus's durable deliveries journal. Rules come from the
// template and from PutRule/PutTargets (those are kept in <bus>.rules.json, atomically replaced).
import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../common/errors';
import { writeJsonAtomic } from '../../store/atomicJson';
import { compilePattern, type Matcher } from '../pattern/compilePattern';
import type { BusDecl, MessageTarget, ResourceContext, RuleDecl, RuleTarget } from '../resourceTypes';
import { Deliveries, type DeliveryStats } from './deliveries';

/** One PutEvents entry, as the API and the CLI give it. */
export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
  /** Epoch ms, epoch seconds, or an ISO string. */
  Time?: number | string | Date;
  EventBusName?: string;
  TraceHeader?: string;
}

export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

export interface RuleStats {
  name: string;
  arn: string;
  state: RuleDecl['state'];
  eventPattern?: string;
  scheduleExpression?: string;
  targets: RuleTarget[];
  /** Events that matched since this engine started. */
  matched: number;
  origin: 'template' | 'api';
}

export interface BusStats {
  name: string;
  arn: string;
  rules: RuleStats[];
  /** Events put since this engine started. */
  put: number;
  deliveries: DeliveryStats;
}

interface LiveRule {
  decl: RuleDecl;
  match?: Matcher;
  matched: number;
}

/** EventBridge's `time`: RFC 3339 without fractions of a second. */
export function eventTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export class LocalBus implements MessageTarget {
  private readonly rules = new Map<string, LiveRule>();
  private put = 0;

  private constructor(
    private decl: BusDecl,
    private readonly ctx: ResourceContext,
    private readonly deliveries: Deliveries,
    private readonly rulesFile: string,
    apiRules: RuleDecl[],
  ) {
    this.setRules([...decl.rules.filter((d) => !apiRules.some((a) => a.name === d.name)), ...apiRules]);
  }

  get arn(): string {
    return this.decl.arn;
  }

  get name(): string {
    return this.decl.name;
  }

  static async open(decl: BusDecl, ctx: ResourceContext): Promise<LocalBus> {
    const dir = join(ctx.dir, 'buses');
    const rulesFile = join(dir, `${decl.name}.rules.json`);
    let apiRules: RuleDecl[] = [];
    try {
      apiRules = (JSON.parse(await fsp.readFile(rulesFile, 'utf8')) as { rules: RuleDecl[] }).rules;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') ctx.warn(`Event bus "${decl.name}": the rules in ${rulesFile} could not be read (${(e as Error).message}); only the template's rules apply.`);
    }
    const deliveries = await Deliveries.open(join(dir, `${decl.name}.journal`), ctx, `Event bus "${decl.name}"`);
    return new LocalBus(decl, ctx, deliveries, rulesFile, apiRules);
  }

  private setRules(decls: RuleDecl[]): void {
    const old = new Map(this.rules);
    this.rules.clear();
    for (const d of decls) {
      let match: Matcher | undefined;
      try {
        match = d.eventPattern === undefined ? undefined : compilePattern(d.eventPattern, { what: `rule "${d.name}"` });
      } catch (e) {
        this.ctx.warn(`${(e as Error).message}; the rule matches nothing.`);
        match = () => false;
      }
      this.rules.set(d.name, { decl: d, match, matched: old.get(d.name)?.matched ?? 0 });
    }
  }

  /** The template changed: its rules are replaced, the API's stay. */
  redeclare(decl: BusDecl): void {
    this.decl = decl;
    const api = this.apiRules();
    this.setRules([...decl.rules.filter((d) => !api.some((a) => a.name === d.name)), ...api]);
  }

  private apiRules(): RuleDecl[] {
    return [...this.rules.values()].map((r) => r.decl).filter((d) => d.origin === 'api');
  }

  /** Puts validated entries (the facade checked them) on the bus; each is journalled before this resolves. */
  async putEntries(entries: PutEventsEntry[]): Promise<PutEventsResultEntry[]> {
    const out: PutEventsResultEntry[] = [];
    for (const e of entries) {
      const at = e.Time === undefined ? this.ctx.clock.now() : toMs(e.Time);
      const event: Record<string, unknown> = {
        version: '0',
        id: randomUUID(),
        'detail-type': e.DetailType,
        source: e.Source,
        account: this.ctx.accountId,
        time: eventTime(at),
        region: this.ctx.region,
        resources: e.Resources ?? [],
        detail: JSON.parse(e.Detail ?? '{}') as unknown,
      };
      await this.route(event);
      out.push({ EventId: event.id as string });
    }
    return out;
  }

  /** A bus as a target (another bus's rule, a destination): an EventBridge event is routed here as it is. */
  async send(body: string): Promise<{ messageId: string }> {
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(body) as Record<string, unknown>;
    } catch {
      event = {};
    }
    if (typeof event !== 'object' || event === null || typeof event.source !== 'string' || typeof event['detail-type'] !== 'string') {
      throw new WorkbenchError('INVALID_PARAMETER', `Event bus "${this.name}" takes EventBridge events (with source, detail-type and detail); got ${body.slice(0, 80)}`);
    }
    await this.route(event);
    return { messageId: String(event.id) };
  }

  private async route(event: Record<string, unknown>): Promise<void> {
    this.put++;
    const writes: Promise<void>[] = [];
    for (const r of this.rules.values()) {
      if (r.decl.state !== 'ENABLED' || !r.match || !r.match(event)) continue;
      r.matched++;
      writes.push(this.deliveries.enqueue(r.decl.arn, r.decl.name, event, r.decl.targets));
    }
    await Promise.all(writes);
  }

  /** A scheduled rule's fire: the scheduled event goes to that rule's targets only. */
  async fire(ruleName: string, event: Record<string, unknown>): Promise<void> {
    const r = this.rules.get(ruleName);
    if (!r) throw new WorkbenchError('RESOURCE_NOT_FOUND', `Rule "${ruleName}" does not exist on event bus "${this.name}".`);
    r.matched++;
    await this.deliveries.enqueue(r.decl.arn, r.decl.name, event, r.decl.targets);
  }

  rule(name: string): RuleDecl {
    const r = this.rules.get(name);
    if (!r) throw new WorkbenchError('RESOURCE_NOT_FOUND', `Rule ${name} does not exist on EventBus ${this.name}.`);
    return r.decl;
  }

  ruleDecls(): RuleDecl[] {
    return [...this.rules.values()].map((r) => r.decl);
  }

  /**
   * PutRule / PutTargets / RemoveTargets / DeleteRule: replace (or with undefined remove) a rule; kept on disk.
   * A template rule changed through the API becomes an API rule, which overrides the template's from then on.
   */
  async saveRule(name: string, decl: RuleDecl | undefined): Promise<void> {
    const decls = this.ruleDecls().filter((d) => d.name !== name);
    if (decl) decls.push(decl);
    this.setRules(decls);
    await writeJsonAtomic(this.rulesFile, { rules: this.apiRules() });
  }

  stats(): BusStats {
    const rules = [...this.rules.values()].map(
      (r): RuleStats => ({ name: r.decl.name, arn: r.decl.arn, state: r.decl.state, eventPattern: r.decl.eventPattern === undefined ? undefined : JSON.stringify(r.decl.eventPattern), scheduleExpression: r.decl.scheduleExpression, targets: r.decl.targets, matched: r.matched, origin: r.decl.origin ?? 'template' }),
    );
    return { name: this.name, arn: this.arn, rules, put: this.put, deliveries: this.deliveries.stats() };
  }

  /** Resolves when no delivery attempt runs (tests). */
  settled(): Promise<void> {
    return this.deliveries.settled();
  }

  close(): Promise<void> {
    return this.deliveries.close();
  }
}

function toMs(t: number | string | Date): number {
  if (t instanceof Date) return t.getTime();
  if (typeof t === 'number') return t < 1e11 ? t * 1000 : t;
  const n = Date.parse(t);
  return Number.isNaN(n) ? Date.now() : n;
}
