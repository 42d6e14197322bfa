// core/events/topic: a local SNS-like topic. Publishing fans the message out to its subscriptions — queues
// (durable sends) and functions (durable asynchronous invokes) — and resolves once every subscriber has it
// stored, so the topic itself needs no journal to lose nothing.
import { randomUUID } from 'node:crypto';
import { compileFilterPolicy, type MessageFilter } from '../pattern/snsFilterPolicy';
import type { MessageAttribute, MessageTarget, ResourceContext, Subscription, TopicDecl } from '../resourceTypes';
import { lambdaEvent, sqsEnvelope, type Notification } from './snsMessages';

export interface TopicStats {
  name: string;
  arn: string;
  subscriptions: Subscription[];
  published: number;
}

export class LocalTopic implements MessageTarget {
  private published = 0;
  /** Each subscription's compiled FilterPolicy (undefined: no policy, every message). */
  private readonly filters: (MessageFilter | undefined)[];

  constructor(
    readonly decl: TopicDecl,
    private readonly ctx: ResourceContext,
  ) {
    this.filters = decl.subscriptions.map((s) => {
      if (s.filterPolicy === undefined) return undefined;
      try {
        return compileFilterPolicy(s.filterPolicy, s.filterPolicyScope, `subscription of ${s.endpoint} to topic "${decl.name}"`);
      } catch (e) {
        ctx.warn(`${(e as Error).message}; SNS would refuse this subscription, so it gets no messages.`);
        return () => false;
      }
    });
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
  async publish(message: string, attributes: Record<string, MessageAttribute> = {}, subject?: string): Promise<{ messageId: string }> {
    const n: Notification = { messageId: randomUUID(), topicArn: this.arn, message, subject, timestamp: new Date(this.ctx.clock.now()).toISOString(), attributes };
    this.published++;
    // A message its FilterPolicy does not match is not delivered to that subscription.
    await Promise.all(this.decl.subscriptions.map((s, i) => (this.filters[i] && !this.filters[i](message, attributes) ? undefined : this.deliver(n, s, `${this.arn}:${subscriptionId(this.arn, i)}`))));
    return { messageId: n.messageId };
  }

  private async deliver(n: Notification, s: Subscription, subscriptionArn: string): Promise<void> {
    if (s.protocol === 'lambda') {
      await this.ctx.invokeAsync(s.endpoint, lambdaEvent(n, this.ctx.region, subscriptionArn));
      return;
    }
    const queue = await this.ctx.target(s.endpoint);
    if (!queue) {
      this.ctx.warn(`Topic "${this.name}" has a subscription to ${s.endpoint}, which is not a local queue; that subscriber gets nothing.`);
      return;
    }
    await queue.send(s.raw ? n.message : sqsEnvelope(n, this.ctx.region, subscriptionArn), s.raw ? n.attributes : {});
  }

  stats(): TopicStats {
    return { name: this.name, arn: this.arn, subscriptions: [...this.decl.subscriptions], published: this.published };
  }
}

/** A stable subscription id per topic and position (SNS uses a UUID). */
function subscriptionId(arn: string, i: number): string {
  let h = 0;
  for (const c of arn) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${h.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}
