// cli: `lambda-workbench topics list|publish|subscribe` — the local SNS-like topics (template AWS::SNS::Topic
// and those CreateTopic made), in this process's engine or a running one (--endpoint-url).
import { WorkbenchError } from '../core/common/errors';
import { withCallers, xmlValues, type AwsCallers, type RemoteOptions } from './awsCallers';
import { parseAttributes } from './queueActions';
import type { CliContext } from './session';
import { printTable } from './table';

export interface TopicsCliOptions extends RemoteOptions {
  json?: boolean;
  subject?: string;
  attribute?: string[];
  groupId?: string;
  dedupId?: string;
  protocol?: string;
  raw?: boolean;
  filterPolicy?: string;
}

async function topicArn(c: AwsCallers, topic: string): Promise<string> {
  if (topic.startsWith('arn:')) return topic;
  const arns = xmlValues(await c.sns({ Action: 'ListTopics' }), 'TopicArn');
  const found = arns.find((a) => a.split(':').pop() === topic);
  if (!found) throw new WorkbenchError('RESOURCE_NOT_FOUND', `Topic not found: "${topic}". Topics: ${arns.map((a) => a.split(':').pop()).join(', ') || '(none; declare an AWS::SNS::Topic in the template)'}.`);
  return found;
}

export async function topicsListCommand(opts: TopicsCliOptions, ctx: CliContext): Promise<void> {
  await withCallers(opts, ctx, async (c) => {
    const rows: { name: string; arn: string; subscriptions: { protocol: string; endpoint: string; arn: string }[] }[] = [];
    for (const arn of xmlValues(await c.sns({ Action: 'ListTopics' }), 'TopicArn')) {
      const xml = await c.sns({ Action: 'ListSubscriptionsByTopic', TopicArn: arn });
      const protocols = xmlValues(xml, 'Protocol');
      const endpoints = xmlValues(xml, 'Endpoint');
      const subs = xmlValues(xml, 'SubscriptionArn').map((s, i) => ({ arn: s, protocol: protocols[i], endpoint: endpoints[i] }));
      rows.push({ name: arn.split(':').pop()!, arn, subscriptions: subs });
    }
    if (opts.json) return void ctx.io.out(JSON.stringify(rows, null, 2) + '\n');
    if (!rows.length) return void ctx.io.out('No local topics: declare an AWS::SNS::Topic in the template, or create one with the SNS API.\n');
    printTable(ctx.io, ['TOPIC', 'SUBSCRIPTIONS', 'ARN'], rows.map((r) => [r.name, r.subscriptions.map((s) => `${s.protocol}:${s.endpoint.split(':').pop()}`).join(', ') || '-', r.arn]));
  });
}

export async function topicsPublishCommand(topic: string, message: string, opts: TopicsCliOptions, ctx: CliContext): Promise<void> {
  const attrs = parseAttributes(opts.attribute);
  await withCallers(opts, ctx, async (c) => {
    const params: Record<string, string> = { Action: 'Publish', TopicArn: await topicArn(c, topic), Message: message };
    if (opts.subject) params.Subject = opts.subject;
    if (opts.groupId) params.MessageGroupId = opts.groupId;
    if (opts.dedupId) params.MessageDeduplicationId = opts.dedupId;
    Object.entries(attrs).forEach(([name, a], i) => {
      params[`MessageAttributes.entry.${i + 1}.Name`] = name;
      params[`MessageAttributes.entry.${i + 1}.Value.DataType`] = a.DataType;
      params[`MessageAttributes.entry.${i + 1}.Value.StringValue`] = a.StringValue;
    });
    const xml = await c.sns(params);
    ctx.io.out(JSON.stringify({ MessageId: xmlValues(xml, 'MessageId')[0], SequenceNumber: xmlValues(xml, 'SequenceNumber')[0] }) + '\n');
  });
}

export async function topicsSubscribeCommand(topic: string, endpoint: string, opts: TopicsCliOptions, ctx: CliContext): Promise<void> {
  const protocol = opts.protocol ?? (endpoint.startsWith('arn:') ? endpoint.split(':')[2] : 'sqs');
  if (protocol !== 'sqs' && protocol !== 'lambda') throw new WorkbenchError('INVALID_PARAMETER', `--protocol must be sqs or lambda, got "${protocol}".`);
  if (opts.filterPolicy !== undefined) {
    try {
      JSON.parse(opts.filterPolicy);
    } catch (e) {
      throw new WorkbenchError('INVALID_PARAMETER', `--filter-policy must be JSON: ${(e as Error).message}`);
    }
  }
  await withCallers(opts, ctx, async (c) => {
    const arn = await topicArn(c, topic);
    const [, partition, , region, account] = arn.split(':');
    const target = endpoint.startsWith('arn:') ? endpoint : protocol === 'sqs' ? `arn:${partition}:sqs:${region}:${account}:${endpoint}` : `arn:${partition}:lambda:${region}:${account}:function:${endpoint}`;
    const params: Record<string, string> = { Action: 'Subscribe', TopicArn: arn, Protocol: protocol, Endpoint: target, ReturnSubscriptionArn: 'true' };
    const attrs: [string, string][] = [];
    if (opts.raw) attrs.push(['RawMessageDelivery', 'true']);
    if (opts.filterPolicy !== undefined) attrs.push(['FilterPolicy', opts.filterPolicy]);
    attrs.forEach(([k, v], i) => {
      params[`Attributes.entry.${i + 1}.key`] = k;
      params[`Attributes.entry.${i + 1}.value`] = v;
    });
    ctx.io.out(`${xmlValues(await c.sns(params), 'SubscriptionArn')[0]}\n`);
  });
}
