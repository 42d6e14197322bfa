// core/events/bus: the durable hand-off from a rule (or schedule) to its targets. An event and the targets it
// goes to are journalled (fsync) before PutEvents answers; each target then gets it — a function as an
// asynchronous invoke, a queue, topic or bus as a message, each durable on its side — and the delivery is
// marked done. After a crash the journal's unfinished deliveries run again (at least once, like
// EventBridge). A failing delivery is retried on the engine clock with backoff until the target's
// RetryPolicy (EventBridge defaults: 185 attempts, 24 h) runs out, then goes to its dead-letter queue with
// EventBridge's RULE_ARN / TARGET_ARN / ERROR_CODE / ERROR_MESSAGE attributes.
import { randomUUID } from 'node:crypto';
import type { TimerHandle } from '../../common/clock';
import { describeDamage, Journal } from '../../store/journal';
import type { ResourceContext, RuleTarget } from '../resourceTypes';
import { targetInput } from './targetInput';

type Record_ =
  | { k: 'e'; id: string; ruleArn: string; ruleName: string; event: Record<string, unknown>; targets: RuleTarget[]; at: number }
  | { k: 'x'; id: string; i: number };

interface Pending {
  rec: Extract<Record_, { k: 'e' }>;
  left: Set<number>;
  attempts: Map<number, number>;
}

export interface DeliveryStats {
  /** Target deliveries not yet done (waiting, in flight or between retries). */
  pending: number;
  delivered: number;
  failed: number;
  file: string;
}

const DEFAULT_RETRIES = 185;
const DEFAULT_MAX_AGE_S = 86_400;

class Undeliverable extends Error {}

export class Deliveries {
  private readonly pending = new Map<string, Pending>();
  private readonly timers = new Set<TimerHandle>();
  private readonly running = new Set<Promise<void>>();
  private delivered = 0;
  private failed = 0;
  private closed = false;

  private constructor(
    private readonly journal: Journal<Record_>,
    private readonly ctx: ResourceContext,
    private readonly label: string,
  ) {}

  /** Opens the journal; deliveries an earlier engine left unfinished start again. */
  static async open(file: string, ctx: ResourceContext, label: string): Promise<Deliveries> {
    const { journal, records } = await Journal.open<Record_>(file, (d) => ctx.warn(`${label}: ${describeDamage(d)}; the events before it are kept, the damaged bytes are in ${d.file}.corrupt-${d.offset}.`));
    const d = new Deliveries(journal, ctx, label);
    for (const r of records) d.apply(r);
    for (const id of d.pending.keys()) d.start(id);
    return d;
  }

  private apply(r: Record_): void {
    if (r.k === 'e') {
      this.pending.set(r.id, { rec: r, left: new Set(r.targets.map((_, i) => i)), attempts: new Map() });
      return;
    }
    const p = this.pending.get(r.id);
    p?.left.delete(r.i);
    if (p && !p.left.size) this.pending.delete(r.id);
  }

  /** Durably takes an event for these targets (resolves after the fsync), then delivers in the background. */
  async enqueue(ruleArn: string, ruleName: string, event: Record<string, unknown>, targets: RuleTarget[]): Promise<void> {
    if (!targets.length) return;
    const rec: Record_ = { k: 'e', id: randomUUID(), ruleArn, ruleName, event, targets, at: this.ctx.clock.now() };
    this.apply(rec);
    await this.journal.append(rec);
    this.start(rec.id);
  }

  private start(id: string): void {
    const p = this.pending.get(id);
    if (p) for (const i of p.left) this.track(this.attempt(p, i));
  }

  private track(run: Promise<void>): void {
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  private async attempt(p: Pending, i: number): Promise<void> {
    if (this.closed) return;
    const target = p.rec.targets[i];
    const n = (p.attempts.get(i) ?? 0) + 1;
    p.attempts.set(i, n);
    try {
      await this.send(target, targetInput(target, p.rec.event, { ruleArn: p.rec.ruleArn, ruleName: p.rec.ruleName }));
      this.delivered++;
      await this.done(p, i);
    } catch (e) {
      if (this.closed) return;
      const retries = target.retryPolicy?.maximumRetryAttempts ?? DEFAULT_RETRIES;
      const maxAge = (target.retryPolicy?.maximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_S) * 1000;
      const delay = Math.min(1000 * 2 ** (n - 1), 60_000);
      if (!(e instanceof Undeliverable) && n <= retries && this.ctx.clock.now() + delay - p.rec.at <= maxAge) {
        const timer = this.ctx.clock.setTimeout(() => {
          this.timers.delete(timer);
          this.track(this.attempt(p, i));
        }, delay);
        this.timers.add(timer);
        return;
      }
      this.failed++;
      await this.deadLetter(p, target, e as Error);
      await this.done(p, i);
    }
  }

  private async send(target: RuleTarget, payload: string): Promise<void> {
    if (/^arn:aws[\w-]*:lambda:/.test(target.arn)) {
      await this.ctx.invokeAsync(target.arn, payload);
      return;
    }
    const t = await this.ctx.target(target.arn);
    if (!t) throw new Undeliverable(`${target.arn} is not a local function, queue, topic or event bus`);
    await t.send(payload);
  }

  private async deadLetter(p: Pending, target: RuleTarget, e: Error): Promise<void> {
    const why = `${this.label}: the event ${String(p.rec.event.id ?? p.rec.id)} could not be delivered to target "${target.id}" (${target.arn}): ${e.message}`;
    const dlq = target.deadLetterArn ? await this.ctx.target(target.deadLetterArn) : undefined;
    if (!dlq) return this.ctx.warn(`${why}; it is dropped${target.deadLetterArn ? ` (the dead-letter queue ${target.deadLetterArn} is not a local queue)` : ' (the target has no DeadLetterConfig)'}.`);
    const s = (v: string) => ({ DataType: 'String', StringValue: v });
    await dlq.send(JSON.stringify(p.rec.event), { RULE_ARN: s(p.rec.ruleArn), TARGET_ARN: s(target.arn), ERROR_CODE: s(e instanceof Undeliverable ? 'RESOURCE_NOT_FOUND' : 'SDK_CLIENT_ERROR'), ERROR_MESSAGE: s(e.message.slice(0, 1024)) });
    this.ctx.warn(`${why}; it is in the dead-letter queue ${target.deadLetterArn}.`);
  }

  private async done(p: Pending, i: number): Promise<void> {
    const r: Record_ = { k: 'x', id: p.rec.id, i };
    this.apply(r);
    await this.journal.append(r);
    if (this.journal.lines > 200 && this.journal.lines > 4 * this.pending.size) {
      await this.journal.compact(() => [...this.pending.values()].flatMap((x) => [x.rec as Record_, ...x.rec.targets.map((_, j) => j).filter((j) => !x.left.has(j)).map((j): Record_ => ({ k: 'x', id: x.rec.id, i: j }))]));
    }
  }

  /** Resolves when no delivery attempt is running (retries waiting on the clock do not count). */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  stats(): DeliveryStats {
    let pending = 0;
    for (const p of this.pending.values()) pending += p.left.size;
    return { pending, delivered: this.delivered, failed: this.failed, file: this.journal.file };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) t.cancel();
    this.timers.clear();
    await Promise.allSettled([...this.running]);
    await this.journal.close();
  }
}
