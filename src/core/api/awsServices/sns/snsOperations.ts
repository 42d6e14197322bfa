// core/api/awsServices/sns: the SNS operations on the local topics — CreateTopic, ListTopics, Get/SetTopicAttributes,
// Subscribe (lambda and sqs; RawMessageDelivery, FilterPolicy, FilterPolicyScope stored, not evaluated here),
// Unsubscribe, ListSubscriptions(ByTopic), Get/SetSubscriptionAttributes, Publish, PublishBatch, DeleteTopic —
// taking the query protocol's parameters (nested) and answering plain objects for the XML writer.
import type { EventResources } from '../../../events/eventResources';
import type { MessageAttribute, Subscription } from '../../../events/resourceTypes';
import { LocalTopic } from '../../../events/topic/localTopic';
import { TopicError } from '../../../events/topic/topicErrors';

export interface SnsContext {
  resources: EventResources;
  region: string;
  accountId: string;
}

type In = Record<string, unknown>;
type Out = Record<string, unknown>;
export type SnsOperation = (input: In, c: SnsContext) => Promise<Out>;

function str(input: In, key: string, required = false): string | undefined {
  const v = input[key];
  if (v === undefined || v === '') {
    if (required) throw new TopicError('InvalidParameter', `Invalid parameter: ${key} is required.`);
    return undefined;
  }
  return String(v);
}

/** `X.entry.N.key/value` (or `.Name/.Value`) as a map. */
function entries(input: In, key: string, k = 'key', v = 'value'): Record<string, unknown> {
  const list = (input[key] as { entry?: In[] } | undefined)?.entry;
  return Array.isArray(list) ? Object.fromEntries(list.map((e) => [String(e[k]), e[v]])) : {};
}

function members(input: In, key: string): In[] {
  const list = (input[key] as { member?: In[] } | undefined)?.member;
  return Array.isArray(list) ? list : [];
}

function messageAttributes(input: In): Record<string, MessageAttribute> {
  const out: Record<string, MessageAttribute> = {};
  for (const [name, raw] of Object.entries(entries(input, 'MessageAttributes', 'Name', 'Value') as Record<string, In>)) {
    const type = String(raw?.DataType ?? '');
    if (!/^(String|Number|Binary|String\.Array)(\.[\w.-]+)?$/.test(type)) throw new TopicError('InvalidParameterValue', `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    out[name] = { DataType: type, ...(raw.StringValue !== undefined ? { StringValue: String(raw.StringValue) } : {}), ...(raw.BinaryValue !== undefined ? { BinaryValue: String(raw.BinaryValue) } : {}) };
  }
  return out;
}

async function topicOf(arn: string | undefined, c: SnsContext): Promise<LocalTopic> {
  const name = arn?.split(':').pop() ?? '';
  const t = arn && /^arn:aws[\w-]*:sns:/.test(arn) ? await c.resources.byName('topic', name) : undefined;
  if (!(t instanceof LocalTopic) || t.arn !== arn) throw new TopicError('NotFound', `Topic does not exist: ${arn ?? '(no TopicArn)'}.`);
  return t;
}

async function subscriptionOf(arn: string | undefined, c: SnsContext): Promise<{ topic: LocalTopic; sub: Subscription }> {
  const topic = await topicOf(arn?.slice(0, arn.lastIndexOf(':')), c).catch(() => undefined);
  const sub = topic?.subscriptions().find((e) => e.arn === arn)?.subscription;
  if (!topic || !sub) throw new TopicError('NotFound', `Subscription does not exist: ${arn ?? '(no SubscriptionArn)'}.`);
  return { topic, sub };
}

/** A subscription attribute applied to a subscription (validated). */
function withAttribute(sub: Subscription, name: string, value: string): Subscription {
  switch (name) {
    case 'RawMessageDelivery':
      if (value !== 'true' && value !== 'false') throw new TopicError('InvalidParameter', 'Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [' + value + ']. Must be true or false.');
      return { ...sub, raw: value === 'true' ? true : undefined };
    case 'FilterPolicy': {
      if (value === '') return { ...sub, filterPolicy: undefined };
      let p: unknown;
      try {
        p = JSON.parse(value);
      } catch {
        throw new TopicError('InvalidParameter', `Invalid parameter: FilterPolicy: failed to parse JSON: ${value}`);
      }
      if (!p || typeof p !== 'object' || Array.isArray(p)) throw new TopicError('InvalidParameter', 'Invalid parameter: FilterPolicy: Filter policy must be a JSON object');
      return { ...sub, filterPolicy: p };
    }
    case 'FilterPolicyScope':
      if (value !== 'MessageAttributes' && value !== 'MessageBody') throw new TopicError('InvalidParameter', `Invalid parameter: FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`);
      return { ...sub, filterPolicyScope: value };
    case 'DeliveryPolicy':
    case 'RedrivePolicy':
    case 'SubscriptionRoleArn':
      return sub; // accepted; nothing local depends on them
    default:
      throw new TopicError('InvalidParameter', `Invalid parameter: AttributeName: ${name}`);
  }
}

function subscriptionAttributes(topic: LocalTopic, arn: string, s: Subscription, c: SnsContext): Record<string, string> {
  const out: Record<string, string> = { SubscriptionArn: arn, TopicArn: topic.arn, Owner: c.accountId, Protocol: s.protocol, Endpoint: s.endpoint, ConfirmationWasAuthenticated: 'true', PendingConfirmation: 'false', RawMessageDelivery: String(s.raw === true), SubscriptionPrincipal: `arn:aws:iam::${c.accountId}:user/local` };
  if (s.filterPolicy !== undefined) {
    out.FilterPolicy = JSON.stringify(s.filterPolicy);
    out.FilterPolicyScope = s.filterPolicyScope ?? 'MessageAttributes';
  }
  return out;
}

const TOPIC_ATTRIBUTES = new Set(['DisplayName', 'Policy', 'DeliveryPolicy', 'KmsMasterKeyId', 'ContentBasedDeduplication', 'TracingConfig', 'SignatureVersion', 'ArchivePolicy', 'FifoThroughputScope']);

async function createTopic(input: In, c: SnsContext): Promise<Out> {
  const name = str(input, 'Name', true)!;
  const attrs = Object.fromEntries(Object.entries(entries(input, 'Attributes')).map(([k, v]) => [k, String(v)]));
  const fifo = attrs.FifoTopic === 'true';
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(name.replace(/\.fifo$/, '')) || fifo !== name.endsWith('.fifo')) throw new TopicError('InvalidParameter', `Invalid parameter: Topic Name: "${name}" (1 to 256 of A-Z a-z 0-9 - _; a FIFO topic's name ends in .fifo and sets FifoTopic true).`);
  const bad = Object.keys(attrs).find((k) => k !== 'FifoTopic' && !TOPIC_ATTRIBUTES.has(k));
  if (bad) throw new TopicError('InvalidParameter', `Invalid parameter: Attributes Reason: Unknown attribute ${bad}`);
  const arn = `arn:aws:sns:${c.region}:${c.accountId}:${name}`;
  if (!((await c.resources.byName('topic', name)) instanceof LocalTopic)) await c.resources.create({ kind: 'topic', name, arn, fifo, subscriptions: [] });
  const { FifoTopic: _f, ...rest } = attrs;
  if (Object.keys(rest).length) await (await topicOf(arn, c)).setAttributes(rest);
  return { TopicArn: arn };
}

async function listTopics(_input: In, c: SnsContext): Promise<Out> {
  return { Topics: (await c.resources.topics()).map((t) => ({ TopicArn: t.arn })) };
}

async function getTopicAttributes(input: In, c: SnsContext): Promise<Out> {
  const t = await topicOf(str(input, 'TopicArn', true), c);
  const base: Record<string, string> = { TopicArn: t.arn, Owner: c.accountId, DisplayName: '', SubscriptionsConfirmed: String(t.subscriptions().length), SubscriptionsPending: '0', SubscriptionsDeleted: '0' };
  if (t.decl.fifo) Object.assign(base, { FifoTopic: 'true', ContentBasedDeduplication: 'false' });
  return { Attributes: { ...base, ...t.attributes() } };
}

async function setTopicAttributes(input: In, c: SnsContext): Promise<Out> {
  const t = await topicOf(str(input, 'TopicArn', true), c);
  const name = str(input, 'AttributeName', true)!;
  if (!TOPIC_ATTRIBUTES.has(name)) throw new TopicError('InvalidParameter', `Invalid parameter: AttributeName: ${name}`);
  await t.setAttributes({ [name]: String(input.AttributeValue ?? '') });
  return {};
}

async function subscribe(input: In, c: SnsContext): Promise<Out> {
  const t = await topicOf(str(input, 'TopicArn', true), c);
  const protocol = str(input, 'Protocol', true)!;
  const endpoint = str(input, 'Endpoint', true)!;
  if (protocol !== 'lambda' && protocol !== 'sqs') throw new TopicError('InvalidParameter', `Invalid parameter: Protocol "${protocol}": the local SNS delivers to lambda and sqs subscriptions only.`);
  const service = protocol === 'lambda' ? 'lambda' : 'sqs';
  if (!new RegExp(`^arn:aws[\\w-]*:${service}:`).test(endpoint)) throw new TopicError('InvalidParameter', `Invalid parameter: ${protocol === 'sqs' ? 'SQS endpoint ARN' : 'Lambda endpoint ARN'}: "${endpoint}"`);
  let sub: Subscription = { protocol, endpoint };
  for (const [k, v] of Object.entries(entries(input, 'Attributes'))) sub = withAttribute(sub, k, String(v));
  const arn = await t.subscribe(sub);
  return { SubscriptionArn: arn };
}

async function unsubscribe(input: In, c: SnsContext): Promise<Out> {
  const { topic } = await subscriptionOf(str(input, 'SubscriptionArn', true), c);
  await topic.unsubscribe(str(input, 'SubscriptionArn')!);
  return {};
}

function subscriptionList(topics: LocalTopic[], c: SnsContext): Out {
  return { Subscriptions: topics.flatMap((t) => t.subscriptions().map((e) => ({ SubscriptionArn: e.arn, Owner: c.accountId, Protocol: e.subscription.protocol, Endpoint: e.subscription.endpoint, TopicArn: t.arn }))) };
}

async function listSubscriptions(_input: In, c: SnsContext): Promise<Out> {
  return subscriptionList(await c.resources.topics(), c);
}

async function listSubscriptionsByTopic(input: In, c: SnsContext): Promise<Out> {
  return subscriptionList([await topicOf(str(input, 'TopicArn', true), c)], c);
}

async function getSubscriptionAttributes(input: In, c: SnsContext): Promise<Out> {
  const arn = str(input, 'SubscriptionArn', true)!;
  const { topic, sub } = await subscriptionOf(arn, c);
  return { Attributes: subscriptionAttributes(topic, arn, sub, c) };
}

async function setSubscriptionAttributes(input: In, c: SnsContext): Promise<Out> {
  const arn = str(input, 'SubscriptionArn', true)!;
  const { topic, sub } = await subscriptionOf(arn, c);
  await topic.updateSubscription(arn, withAttribute(sub, str(input, 'AttributeName', true)!, String(input.AttributeValue ?? '')));
  return {};
}

async function publishOne(t: LocalTopic, input: In): Promise<Out> {
  const message = str(input, 'Message', true)!;
  if (Buffer.byteLength(message) > 262_144) throw new TopicError('InvalidParameter', 'Invalid parameter: Message too long (SNS allows 262144 bytes).');
  const structure = str(input, 'MessageStructure');
  if (structure !== undefined && structure !== 'json') throw new TopicError('InvalidParameter', `Invalid parameter: MessageStructure "${structure}" (only json).`);
  const r = await t.publish(message, messageAttributes(input), { subject: str(input, 'Subject'), structure, groupId: str(input, 'MessageGroupId'), dedupId: str(input, 'MessageDeduplicationId') });
  return { MessageId: r.messageId, SequenceNumber: r.sequenceNumber };
}

async function publish(input: In, c: SnsContext): Promise<Out> {
  if (str(input, 'PhoneNumber')) throw new TopicError('InvalidParameter', 'Invalid parameter: PhoneNumber: the local SNS publishes to topics only.');
  return publishOne(await topicOf(str(input, 'TopicArn') ?? str(input, 'TargetArn', true), c), input);
}

async function publishBatch(input: In, c: SnsContext): Promise<Out> {
  const t = await topicOf(str(input, 'TopicArn', true), c);
  const list = members(input, 'PublishBatchRequestEntries');
  if (!list.length) throw new TopicError('EmptyBatchRequest', 'The batch request doesn\'t contain any entries.');
  if (list.length > 10) throw new TopicError('TooManyEntriesInBatchRequest', `The batch request contains more entries than permissible (${list.length} > 10).`);
  const ids = list.map((e) => String(e.Id ?? ''));
  if (new Set(ids).size !== ids.length) throw new TopicError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');
  const Successful: Out[] = [];
  const Failed: Out[] = [];
  for (const [i, e] of list.entries()) {
    try {
      Successful.push({ Id: ids[i], ...(await publishOne(t, e)) });
    } catch (err) {
      Failed.push({ Id: ids[i], Code: err instanceof TopicError ? err.snsError : 'InternalError', Message: (err as Error).message, SenderFault: err instanceof TopicError });
    }
  }
  return { Successful, Failed };
}

async function deleteTopic(input: In, c: SnsContext): Promise<Out> {
  const arn = str(input, 'TopicArn', true)!;
  const t = await topicOf(arn, c).catch(() => undefined);
  if (t) await c.resources.remove(t.arn);
  return {};
}

export const SNS_OPERATIONS: Record<string, SnsOperation> = {
  CreateTopic: createTopic,
  ListTopics: listTopics,
  GetTopicAttributes: getTopicAttributes,
  SetTopicAttributes: setTopicAttributes,
  Subscribe: subscribe,
  Unsubscribe: unsubscribe,
  ListSubscriptions: listSubscriptions,
  ListSubscriptionsByTopic: listSubscriptionsByTopic,
  GetSubscriptionAttributes: getSubscriptionAttributes,
  SetSubscriptionAttributes: setSubscriptionAttributes,
  Publish: publish,
  PublishBatch: publishBatch,
  DeleteTopic: deleteTopic,
};
