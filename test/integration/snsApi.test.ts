// Integration: the local SNS endpoint driven by @aws-sdk/client-sns (query protocol) against the real API
// server: topics, sqs and lambda subscriptions with their attributes (stored; filter policies are another
// module's), Publish (envelope, raw delivery, MessageStructure json, FIFO topics), PublishBatch's per-entry
// answers, and SNS's errors; what subscribers receive is read back through @aws-sdk/client-sqs and the history.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  InvalidParameterException,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  type SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { VirtualClock } from '../../src/core/common/clock';
import { fixtures, waitFor } from './helpers/engine';
import { startApiEngine, type ApiEngine } from './helpers/lambdaApi';
import { snsClient, sqsClient } from './helpers/awsClients';

const ACCOUNT = '123456789012';
const arn = (service: string, name: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${name}`;

describe('SNS through @aws-sdk/client-sns', () => {
  let e: ApiEngine;
  let sns: SNSClient;
  let sqs: SQSClient;
  before(async () => {
    e = await startApiEngine({ engineClock: new VirtualClock(Date.UTC(2026, 0, 1)), runtimeSdk: { mode: 'off' } }, join(fixtures, 'queues'));
    sns = snsClient(e.api.url);
    sqs = sqsClient(e.api.url);
  });
  after(async () => {
    sns.destroy();
    sqs.destroy();
    await e.dispose();
  });

  const receiveAll = async (queue: string) => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${e.api.url}/${ACCOUNT}/${queue}`, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }))).Messages ?? [];

  test('CreateTopic, ListTopics, GetTopicAttributes, Subscribe with attributes, ListSubscriptions, Unsubscribe, DeleteTopic', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'alerts', Attributes: { DisplayName: 'Alerts' } }));
    assert.equal(TopicArn, arn('sns', 'alerts'));
    assert.equal((await sns.send(new CreateTopicCommand({ Name: 'alerts' }))).TopicArn, TopicArn, 'idempotent');
    const topics = (await sns.send(new ListTopicsCommand({}))).Topics?.map((t) => t.TopicArn);
    assert.deepEqual(topics?.sort(), [TopicArn, arn('sns', 'notices')]);
    const attrs = (await sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes!;
    assert.equal(attrs.DisplayName, 'Alerts');
    assert.equal(attrs.TopicArn, TopicArn);
    const policy = { kind: ['order'] };
    const sub = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: arn('sqs', 'work-dlq'), Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify(policy) }, ReturnSubscriptionArn: true }));
    assert.match(sub.SubscriptionArn!, new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    const got = (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: sub.SubscriptionArn }))).Attributes!;
    assert.equal(got.RawMessageDelivery, 'true');
    assert.deepEqual(JSON.parse(got.FilterPolicy), policy);
    assert.equal(got.FilterPolicyScope, 'MessageAttributes');
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: sub.SubscriptionArn, AttributeName: 'FilterPolicyScope', AttributeValue: 'MessageBody' }));
    assert.equal((await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: sub.SubscriptionArn }))).Attributes!.FilterPolicyScope, 'MessageBody');
    await assert.rejects(sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: sub.SubscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: '{not json' })), InvalidParameterException);
    const byTopic = (await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions!;
    assert.deepEqual(byTopic.map((s) => [s.Protocol, s.Endpoint, s.TopicArn]), [['sqs', arn('sqs', 'work-dlq'), TopicArn]]);
    const all = (await sns.send(new ListSubscriptionsCommand({}))).Subscriptions!;
    assert.ok(all.some((s) => s.TopicArn === arn('sns', 'notices') && s.Endpoint === arn('sqs', 'work-queue')), "the template's subscription is listed too");
    await sns.send(new UnsubscribeCommand({ SubscriptionArn: sub.SubscriptionArn }));
    assert.deepEqual((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions, []);
    await sns.send(new DeleteTopicCommand({ TopicArn }));
    await assert.rejects(sns.send(new GetTopicAttributesCommand({ TopicArn })), NotFoundException);
    await assert.rejects(sns.send(new SubscribeCommand({ TopicArn: arn('sns', 'notices'), Protocol: 'email', Endpoint: 'a@example.com' })), InvalidParameterException);
  });

  test('Publish: an sqs subscriber gets the SNS JSON notification, a raw one the message and its attributes, a lambda one Records[].Sns', async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'raw-copy' }));
    const notices = arn('sns', 'notices');
    await sns.send(new SubscribeCommand({ TopicArn: notices, Protocol: 'sqs', Endpoint: arn('sqs', 'raw-copy'), Attributes: { RawMessageDelivery: 'true' } }));
    const lambdaSub = await sns.send(new SubscribeCommand({ TopicArn: notices, Protocol: 'lambda', Endpoint: arn('lambda', 'function:recorder') }));
    const out = await sns.send(new PublishCommand({ TopicArn: notices, Message: 'order 7 shipped', Subject: 'Shipping', MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } } }));
    const [enveloped] = await receiveAll('work-queue');
    const n = JSON.parse(enveloped.Body!);
    assert.equal(n.Type, 'Notification');
    assert.equal(n.MessageId, out.MessageId);
    assert.equal(n.TopicArn, notices);
    assert.equal(n.Subject, 'Shipping');
    assert.equal(n.Message, 'order 7 shipped');
    assert.deepEqual(n.MessageAttributes, { kind: { Type: 'String', Value: 'order' } });
    const [raw] = await receiveAll('raw-copy');
    assert.equal(raw.Body, 'order 7 shipped');
    assert.equal(raw.MessageAttributes?.kind.StringValue, 'order');
    await e.service.async.idle();
    assert.ok(await waitFor(() => e.logs.some((l) => l.message.includes(out.MessageId!)), 5000), 'the recorder logged the SNS event');
    const line = e.logs.find((l) => l.message.includes(out.MessageId!))!.message;
    const logged = JSON.parse(line.slice(line.indexOf('{'))) as { Records: { EventSource: string; EventSubscriptionArn: string; Sns: { Message: string; Subject: string } }[] };
    assert.equal(logged.Records[0].EventSource, 'aws:sns');
    assert.equal(logged.Records[0].EventSubscriptionArn, lambdaSub.SubscriptionArn);
    assert.equal(logged.Records[0].Sns.Message, 'order 7 shipped');
    assert.equal(logged.Records[0].Sns.Subject, 'Shipping');
  });

  test('MessageStructure json: each protocol its own message; a FIFO topic needs a group and deduplicates', async () => {
    await sns.send(new PublishCommand({ TopicArn: arn('sns', 'notices'), MessageStructure: 'json', Message: JSON.stringify({ default: 'plain', sqs: 'for queues' }) }));
    const got = await receiveAll('work-queue');
    assert.equal(JSON.parse(got[0].Body!).Message, 'for queues');
    await assert.rejects(sns.send(new PublishCommand({ TopicArn: arn('sns', 'notices'), MessageStructure: 'json', Message: '{"sqs":"no default"}' })), InvalidParameterException);
    const fifo = (await sns.send(new CreateTopicCommand({ Name: 'orders-topic.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } }))).TopicArn!;
    await sns.send(new SubscribeCommand({ TopicArn: fifo, Protocol: 'sqs', Endpoint: arn('sqs', 'orders.fifo'), Attributes: { RawMessageDelivery: 'true' } }));
    await assert.rejects(sns.send(new PublishCommand({ TopicArn: fifo, Message: 'no group' })), InvalidParameterException);
    const a = await sns.send(new PublishCommand({ TopicArn: fifo, Message: 'first', MessageGroupId: 'g' }));
    const again = await sns.send(new PublishCommand({ TopicArn: fifo, Message: 'first', MessageGroupId: 'g' }));
    assert.equal(again.MessageId, a.MessageId, 'deduplicated by content');
    assert.ok(a.SequenceNumber);
    await sns.send(new PublishCommand({ TopicArn: fifo, Message: 'second', MessageGroupId: 'g' }));
    assert.deepEqual((await receiveAll('orders.fifo')).map((m) => m.Body), ['first', 'second']);
  });

  test('PublishBatch answers per entry; publishing to an unknown topic is NotFound', async () => {
    const out = await sns.send(new PublishBatchCommand({ TopicArn: arn('sns', 'notices'), PublishBatchRequestEntries: [{ Id: 'one', Message: 'batch 1' }, { Id: 'two', Message: 'batch 2', MessageGroupId: 'not-for-standard' }, { Id: 'three', Message: 'batch 3' }] }));
    assert.deepEqual(out.Successful?.map((s) => s.Id), ['one', 'three']);
    assert.deepEqual(out.Failed?.map((f) => [f.Id, f.Code, f.SenderFault]), [['two', 'InvalidParameter', true]]);
    assert.deepEqual((await receiveAll('work-queue')).map((m) => JSON.parse(m.Body!).Message).sort(), ['batch 1', 'batch 3']);
    await assert.rejects(sns.send(new PublishCommand({ TopicArn: arn('sns', 'missing'), Message: 'x' })), NotFoundException);
  });
});
