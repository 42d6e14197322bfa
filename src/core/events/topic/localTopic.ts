// core/events/topic: a local SNS-like topic. Publishing fans the message out to its subscriptions — queues
// (durable sends) and functions (durable asynchronous invokes) — and resolves once every subscriber has it
// stored, so messages need no journal of their own; the topic's journal keeps what the SNS API changes
// (subscriptions beside the template's, their attributes, topic attributes). FIFO topics require a
// MessageGroupId and deduplicate within 5 minutes (in memory: a restart forgets the window).
import { createHash, randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describeDamage, Journal } from '../../store/journal';
import { compileFilterPolicy, type MessageFilter } from '../pattern/snsFilterPolicy';
import { LocalQueue } from '../queue/localQueue';
import type { MessageAttribute, MessageTarget, ResourceContext, Subscription, TopicDecl } from '../resourceTypes';
import { lambdaEvent, sqsEnvelope, type Notification } from './snsMessages';
import { TopicError } from './topicErrors';

export interface TopicStats {
  name: string;
  arn: string;
  subscriptions: Subscription[];
  published: number;
}

export interface SubscriptionEntry {
  arn: string;
  topicArn: string;
  subscription: Subscription;
}

export interface PublishOptions {
  subject?: string;
  /** MessageStructure "json": `message` is an object with a "default" string and optional per-protocol ones. */
  structure?: 'json';
  groupId?: string;
  dedupId?: string;
}

type TopicRecord = { k: 's'; arn: string; sub: Subscription } | { k: 'u'; arn: string } | { k: 'a'; a: Record<string, string> };

const DEDUP_WINDOW_MS = 5 * 60_000;

export class LocalTopic implements MessageTarget {
  private published = 0;
  private readonly subs = new Map<string, Subscription>();
  private attrs: Record<string, string> = {};
  private readonly dedup = new Map<string, { messageId: string; sequenceNumber: string; at: number }>();
  private sequence = 1;
  /** Each subscription's compiled FilterPolicy (undefined: no policy, every message), by subscription. */
  private readonly filters = new WeakMap<Subscription, MessageFilter | undefined>();

  private constructor(
    readonly decl: TopicDecl,
    private readonly journal: Journal<TopicRecord>,
    private readonly ctx: ResourceContext,
  ) {
    decl.subscriptions.forEach((s, i) => this.subs.set(`${this.arn}:${subscriptionId(this.arn, i)}`, s));
  }

  static async open(decl: TopicDecl, ctx: ResourceContext): Promise<LocalTopic> {
    const file = join(ctx.dir, 'topics', `${decl.name}.journal`);
    const { journal, records } = await Journal.open<TopicRecord>(file, (d) => ctx.warn(`Topic "${decl.name}": ${describeDamage(d)}; the subscriptions before it are kept.`));
    const t = new LocalTopic(decl, journal, ctx);
    for (const r of records) t.apply(r);
    return t;
  }

  private apply(r: TopicRecord): void {
    if (r.k === 's') this.subs.set(r.arn, r.sub);
    else if (r.k === 'u') this.subs.delete(r.arn);
    else this.attrs = { ...this.attrs, ...r.a };
  }

  private async write(r: TopicRecord): Promise<void> {
    this.apply(r);
    await this.journal.append(r);
  }

  get arn(): string {
    return this.decl.arn;
  }

  get name(): string {
    return this.decl.name;
  }

  send(body: string, attributes: Record<string, MessageAttribute> = {}): Promise<{ messageId: string }> {
    return this.publish(body, attributes);
  }

  /** Publish: resolves with the message id once each subscriber stored it. */
  async publish(message: string, attributes: Record<string, MessageAttribute> = {}, subjectOrOptions?: string | PublishOptions): Promise<{ messageId: string; sequenceNumber?: string }> {
    const o: PublishOptions = typeof subjectOrOptions === 'string' ? { subject: subjectOrOptions } : (subjectOrOptions ?? {});
    const perProtocol = o.structure === 'json' ? structured(message) : undefined;
    const fifo = this.fifoCheck(perProtocol?.default ?? message, o);
    if (fifo?.duplicate) return { messageId: fifo.duplicate.messageId, sequenceNumber: fifo.duplicate.sequenceNumber };
    const n: Notification = { messageId: randomUUID(), topicArn: this.arn, message: perProtocol?.default ?? message, subject: o.subject, timestamp: new Date(this.ctx.clock.now()).toISOString(), attributes };
    if (fifo) this.dedup.set(fifo.dedupId, { messageId: n.messageId, sequenceNumber: fifo.sequenceNumber, at: this.ctx.clock.now() });
    this.published++;
    // A message its FilterPolicy does not match is not delivered to that subscription.
    await Promise.all(
      this.subscriptions()
        .filter((e) => this.filterOf(e.subscription)?.(message, attributes) ?? true)
        .map((e) => this.deliver(perProtocol ? { ...n, message: perProtocol[e.subscription.protocol] ?? perProtocol.default } : n, e.subscription, e.arn, fifo && { groupId: o.groupId!, dedupId: fifo.dedupId })),
    );
    return { messageId: n.messageId, sequenceNumber: fifo?.sequenceNumber };
  }

  private filterOf(sub: Subscription): MessageFilter | undefined {
    if (sub.filterPolicy === undefined) return undefined;
    if (this.filters.has(sub)) return this.filters.get(sub);
    let f: MessageFilter;
    try {
      f = compileFilterPolicy(sub.filterPolicy, sub.filterPolicyScope, `subscription of ${sub.endpoint} to topic "${this.decl.name}"`);
    } catch (e) {
      this.ctx.warn(`${(e as Error).message}; SNS would refuse this subscription, so it gets no messages.`);
      f = () => false;
    }
    this.filters.set(sub, f);
    return f;
  }

  private fifoCheck(message: string, o: PublishOptions): { dedupId: string; sequenceNumber: string; duplicate?: { messageId: string; sequenceNumber: string } } | undefined {
    if (!this.decl.fifo) {
      if (o.groupId !== undefined || o.dedupId !== undefined) throw new TopicError('InvalidParameter', 'Invalid parameter: The MessageGroupId and MessageDeduplicationId parameters are only for FIFO topics.');
      return undefined;
    }
    if (!o.groupId) throw new TopicError('InvalidParameter', 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
    const dedupId = o.dedupId ?? (this.attrs.ContentBasedDeduplication === 'true' ? createHash('sha256').update(message).digest('hex') : undefined);
    if (!dedupId) throw new TopicError('InvalidParameter', 'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    const seen = this.dedup.get(dedupId);
    if (seen && this.ctx.clock.now() - seen.at < DEDUP_WINDOW_MS) return { dedupId, sequenceNumber: seen.sequenceNumber, duplicate: seen };
    return { dedupId, sequenceNumber: String(this.sequence++).padStart(20, '0') };
  }

  private async deliver(n: Notification, s: Subscription, subscriptionArn: string, fifo?: { groupId: string; dedupId: string }): Promise<void> {
    if (s.protocol === 'lambda') {
      await this.ctx.invokeAsync(s.endpoint, lambdaEvent(n, this.ctx.region, subscriptionArn));
      return;
    }
    const queue = await this.ctx.target(s.endpoint);
    if (!queue) {
      this.ctx.warn(`Topic "${this.name}" has a subscription to ${s.endpoint}, which is not a local queue; that subscriber gets nothing.`);
      return;
    }
    const body = s.raw ? n.message : sqsEnvelope(n, this.ctx.region, subscriptionArn);
    const attributes = s.raw ? n.attributes : {};
    if (queue instanceof LocalQueue) await queue.send(body, attributes, queue.decl.fifo ? (fifo ?? { groupId: this.name, dedupId: n.messageId }) : {});
    else await queue.send(body, attributes);
  }

  /** Every subscription: the template's, then those Subscribe added (minus those Unsubscribe removed). */
  subscriptions(): SubscriptionEntry[] {
    return [...this.subs].map(([arn, subscription]) => ({ arn, topicArn: this.arn, subscription }));
  }

  /** Subscribe: the same protocol and endpoint again answer the existing subscription's ARN. */
  async subscribe(sub: Subscription): Promise<string> {
    for (const [arn, s] of this.subs) if (s.protocol === sub.protocol && s.endpoint === sub.endpoint) return arn;
    const arn = `${this.arn}:${randomUUID()}`;
    await this.write({ k: 's', arn, sub });
    return arn;
  }

  async unsubscribe(arn: string): Promise<boolean> {
    if (!this.subs.has(arn)) return false;
    await this.write({ k: 'u', arn });
    return true;
  }

  /** SetSubscriptionAttributes: a changed subscription (durable). */
  async updateSubscription(arn: string, sub: Subscription): Promise<void> {
    await this.write({ k: 's', arn, sub });
  }

  /** Topic attributes set through the API (DisplayName, ContentBasedDeduplication, Policy…). */
  attributes(): Record<string, string> {
    return { ...this.attrs };
  }

  async setAttributes(a: Record<string, string>): Promise<void> {
    await this.write({ k: 'a', a });
  }

  stats(): TopicStats {
    return { name: this.name, arn: this.arn, subscriptions: [...this.subs.values()], published: this.published };
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  /** DeleteTopic: closes it and removes its journal. */
  async destroy(): Promise<void> {
    await this.close();
    await unlink(this.journal.file).catch(() => undefined);
  }
}

/** MessageStructure json: the per-protocol messages, "default" required. */
function structured(message: string): Record<string, string> & { default: string } {
  let v: unknown;
  try {
    v = JSON.parse(message);
  } catch {
    throw new TopicError('InvalidParameter', 'Invalid parameter: Message Structure - No JSON message body is parseable');
  }
  if (!v || typeof v !== 'object' || typeof (v as { default?: unknown }).default !== 'string') throw new TopicError('InvalidParameter', 'Invalid parameter: Message Structure - No default entry in JSON message body');
  return v as Record<string, string> & { default: string };
}

/** A stable subscription id per topic and position (SNS uses a UUID). */
function subscriptionId(arn: string, i: number): string {
  let h = 0;
  for (const c of arn) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${h.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}
