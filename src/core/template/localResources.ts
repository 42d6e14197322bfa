// core/template: the local AWS resources the engine emulates, as the template declares them:
// AWS::SQS::Queue, AWS::SNS::Topic (with its inline Subscription list) and AWS::SNS::Subscription, plus SAM
// functions' `Events` of type SNS (a lambda subscription, with its FilterPolicy); buses, rules and schedules
// in eventBusResources.ts, streams and tables in streamResources.ts. Names and ARNs as Ref/Fn::GetAtt give them.
import type { FunctionConfig } from '../model/functionConfig';
import type { LocalResourceDecl, QueueDecl, Subscription, TopicDecl } from '../events/resourceTypes';
import { isRecord, type ResourceEntry, type TemplateContext } from './context';
import type { Resolver } from './intrinsics';
import { readEventBusResources } from './eventBusResources';
import { attrValue } from './physical';
import { readStreamResources } from './streamResources';

function props(ctx: TemplateContext, resolver: Resolver, e: ResourceEntry): Record<string, unknown> {
  const v = resolver.resolve(e.properties, { where: `resource "${e.logicalId}"`, pos: e.line ? { line: e.line, column: 1 } : undefined, lenient: true });
  return isRecord(v) ? v : {};
}

function subscription(protocol: unknown, endpoint: unknown, raw: unknown, p: Record<string, unknown> = {}): Subscription | undefined {
  if (typeof endpoint !== 'string' || (protocol !== 'lambda' && protocol !== 'sqs')) return undefined;
  const s: Subscription = { protocol, endpoint, raw: raw === true || raw === 'true' ? true : undefined };
  if (p.FilterPolicy !== undefined) s.filterPolicy = p.FilterPolicy;
  if (p.FilterPolicyScope === 'MessageBody' || p.FilterPolicyScope === 'MessageAttributes') s.filterPolicyScope = p.FilterPolicyScope;
  return s;
}

/** The other AWS::SQS::Queue properties the local queue honours (those given). */
function queueSettings(p: Record<string, unknown>): Partial<QueueDecl> {
  const n = (v: unknown) => (v === undefined || v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));
  const out: Partial<QueueDecl> = { delaySeconds: n(p.DelaySeconds), retentionPeriod: n(p.MessageRetentionPeriod), receiveWaitTime: n(p.ReceiveMessageWaitTimeSeconds), maximumMessageSize: n(p.MaximumMessageSize) };
  if (p.ContentBasedDeduplication !== undefined) out.contentBasedDeduplication = p.ContentBasedDeduplication === true || p.ContentBasedDeduplication === 'true';
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** The declarations, in template order; functions' SNS events become subscriptions of their topics. */
export function readLocalResources(ctx: TemplateContext, resolver: Resolver, included: readonly ResourceEntry[], functions: readonly FunctionConfig[]): LocalResourceDecl[] {
  const out: LocalResourceDecl[] = [];
  const topics = new Map<string, TopicDecl>();
  const name = (e: ResourceEntry) => resolver.physicalName(e.logicalId, e.type, { where: `resource "${e.logicalId}"` });
  for (const e of included) {
    try {
      if (e.type === 'AWS::SQS::Queue') {
        const p = props(ctx, resolver, e);
        const rp = isRecord(p.RedrivePolicy) ? p.RedrivePolicy : undefined;
        const queueName = name(e);
        const q: QueueDecl = { kind: 'queue', logicalId: e.logicalId, name: queueName, arn: attrValue(ctx.pseudo, e.type, queueName, 'Arn'), fifo: p.FifoQueue === true || p.FifoQueue === 'true', visibilityTimeout: Number(p.VisibilityTimeout ?? 30) || 30 };
        if (rp && typeof rp.deadLetterTargetArn === 'string') q.redrive = { deadLetterTargetArn: rp.deadLetterTargetArn, maxReceiveCount: Number(rp.maxReceiveCount ?? 10) || 10 };
        Object.assign(q, queueSettings(p));
        out.push(q);
      } else if (e.type === 'AWS::SNS::Topic') {
        const p = props(ctx, resolver, e);
        const topicName = name(e);
        const subs = Array.isArray(p.Subscription) ? p.Subscription.flatMap((s) => (isRecord(s) ? [subscription(s.Protocol, s.Endpoint, undefined)] : [])) : [];
        const t: TopicDecl = { kind: 'topic', logicalId: e.logicalId, name: topicName, arn: attrValue(ctx.pseudo, e.type, topicName, 'TopicArn'), fifo: p.FifoTopic === true || p.FifoTopic === 'true', subscriptions: subs.filter((s): s is Subscription => !!s) };
        topics.set(t.arn, t);
        out.push(t);
      } else {
        const s = readStreamResources({ ctx, props: (x) => props(ctx, resolver, x), name }, e);
        if (s) out.push(s);
      }
    } catch (err) {
      ctx.warn(`Resource "${e.logicalId}" (${e.type}) is not emulated locally: ${(err as Error).message}`);
    }
  }
  for (const e of included.filter((x) => x.type === 'AWS::SNS::Subscription')) {
    const p = props(ctx, resolver, e);
    const s = subscription(p.Protocol, p.Endpoint, p.RawMessageDelivery, p);
    const t = typeof p.TopicArn === 'string' ? topics.get(p.TopicArn) : undefined;
    if (s && t) t.subscriptions.push(s);
    else ctx.warn(`Subscription "${e.logicalId}" is not emulated locally: it needs TopicArn of a topic in this template and Protocol lambda or sqs`);
  }
  for (const fn of functions) {
    for (const ev of fn.events.filter((x) => x.type === 'SNS')) {
      const t = typeof ev.properties.Topic === 'string' ? topics.get(ev.properties.Topic) : undefined;
      const fnArn = `arn:aws:lambda:${ctx.pseudo.region}:${ctx.pseudo.accountId}:function:${fn.functionName}`;
      const s = subscription('lambda', fnArn, undefined, ev.properties);
      if (t && s) t.subscriptions.push(s);
    }
  }
  out.push(...readEventBusResources({ ctx, props: (e) => props(ctx, resolver, e), name }, included, functions));
  return out;
}
