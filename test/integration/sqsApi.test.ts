// Integration: the local SQS endpoint driven by @aws-sdk/client-sqs (JSON protocol, its MD5 checks on) against
// the real API server and durable queues on a virtual engine clock: queue management, messages with
// attributes, batches with partial errors, visibility timeouts, long polling, FIFO order and deduplication,
// DelaySeconds, redrive to the DLQ after maxReceiveCount and back, and API-created queues after a restart.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  QueueNameExists,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
  EmptyBatchRequest,
  InvalidAttributeName,
  ReceiptHandleIsInvalid,
  MessageNotInflight,
} from '@aws-sdk/client-sqs';
import { VirtualClock } from '../../src/core/common/clock';
import { sqsClient } from './helpers/awsClients';
import { fixtures } from './helpers/engine';
import { startApiEngine, type ApiEngine } from './helpers/lambdaApi';

/** MD5OfMessageAttributes written out independently of the engine, from the SQS developer guide's steps. */
function expectedAttributesMd5(attrs: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>): string {
  const parts: Buffer[] = [];
  const lp = (b: Buffer) => {
    const n = Buffer.alloc(4);
    n.writeUInt32BE(b.length);
    parts.push(n, b);
  };
  for (const name of Object.keys(attrs).sort()) {
    const a = attrs[name];
    lp(Buffer.from(name));
    lp(Buffer.from(a.DataType));
    if (a.BinaryValue) {
      parts.push(Buffer.from([2]));
      lp(Buffer.from(a.BinaryValue));
    } else {
      parts.push(Buffer.from([1]));
      lp(Buffer.from(a.StringValue!));
    }
  }
  return createHash('md5').update(Buffer.concat(parts)).digest('hex');
}

describe('SQS through @aws-sdk/client-sqs', () => {
  let e: ApiEngine;
  let sqs: SQSClient;
  let clock: VirtualClock;
  const url = (name: string) => `${e.api.url}/123456789012/${name}`;
  before(async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1));
    e = await startApiEngine({ engineClock: clock }, join(fixtures, 'queues'));
    sqs = sqsClient(e.api.url);
  });
  after(async () => {
    sqs.destroy();
    await e.dispose();
  });

  test('CreateQueue, GetQueueUrl, ListQueues by prefix, Get/SetQueueAttributes, DeleteQueue, and their errors', async () => {
    const created = await sqs.send(new CreateQueueCommand({ QueueName: 'jobs', Attributes: { VisibilityTimeout: '45', DelaySeconds: '0', MessageRetentionPeriod: '3600' } }));
    assert.equal(created.QueueUrl, url('jobs'));
    assert.equal((await sqs.send(new CreateQueueCommand({ QueueName: 'jobs', Attributes: { VisibilityTimeout: '45' } }))).QueueUrl, url('jobs'), 'the same attributes: the same queue');
    await assert.rejects(sqs.send(new CreateQueueCommand({ QueueName: 'jobs', Attributes: { VisibilityTimeout: '10' } })), QueueNameExists);
    assert.equal((await sqs.send(new GetQueueUrlCommand({ QueueName: 'work-queue' }))).QueueUrl, url('work-queue'));
    await assert.rejects(sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' })), (err: Error) => err instanceof QueueDoesNotExist && (err as QueueDoesNotExist & { Code?: string }).Code === 'AWS.SimpleQueueService.NonExistentQueue');
    const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'work' }));
    assert.deepEqual(listed.QueueUrls, [url('work-dlq'), url('work-queue')]);
    const attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: created.QueueUrl, AttributeNames: ['All'] }))).Attributes!;
    assert.equal(attrs.QueueArn, 'arn:aws:sqs:us-east-1:123456789012:jobs');
    assert.equal(attrs.VisibilityTimeout, '45');
    assert.equal(attrs.MessageRetentionPeriod, '3600');
    assert.equal(attrs.ApproximateNumberOfMessages, '0');
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: created.QueueUrl, Attributes: { VisibilityTimeout: '5', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:work-dlq', maxReceiveCount: 3 }) } }));
    const some = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: created.QueueUrl, AttributeNames: ['VisibilityTimeout', 'RedrivePolicy'] }))).Attributes;
    assert.deepEqual(some, { VisibilityTimeout: '5', RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:work-dlq","maxReceiveCount":3}' });
    await assert.rejects(sqs.send(new GetQueueAttributesCommand({ QueueUrl: created.QueueUrl, AttributeNames: ['Colour' as 'All'] })), InvalidAttributeName);
    const sources = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: url('work-dlq') }));
    assert.deepEqual(sources.queueUrls?.sort(), [url('jobs'), url('work-queue')]);
    await sqs.send(new DeleteQueueCommand({ QueueUrl: created.QueueUrl }));
    await assert.rejects(sqs.send(new GetQueueUrlCommand({ QueueName: 'jobs' })), QueueDoesNotExist);
  });

  test('SendMessage and ReceiveMessage: attributes with their MD5s, system attributes, delete by receipt handle', async () => {
    const q = (await sqs.send(new CreateQueueCommand({ QueueName: 'plain' }))).QueueUrl!;
    const attributes = { kind: { DataType: 'String', StringValue: 'order' }, count: { DataType: 'Number', StringValue: '3' }, blob: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 255]) } };
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'héllo', MessageAttributes: attributes }));
    assert.equal(sent.MD5OfMessageBody, createHash('md5').update('héllo').digest('hex'));
    assert.equal(sent.MD5OfMessageAttributes, expectedAttributesMd5(attributes));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: q, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    assert.equal(got.Messages?.length, 1);
    const m = got.Messages![0];
    assert.equal(m.MessageId, sent.MessageId);
    assert.equal(m.Body, 'héllo');
    assert.equal(m.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.deepEqual(Buffer.from(m.MessageAttributes!.blob.BinaryValue!), Buffer.from([0, 1, 2, 255]));
    assert.equal(m.MessageAttributes!.count.StringValue, '3');
    assert.equal(m.Attributes!.ApproximateReceiveCount, '1');
    assert.equal(m.Attributes!.SentTimestamp, String(clock.now()));
    assert.equal(m.Attributes!.ApproximateFirstReceiveTimestamp, String(clock.now()));
    const onlyKind = await sqs.send(new ReceiveMessageCommand({ QueueUrl: q, VisibilityTimeout: 0 }));
    assert.equal(onlyKind.Messages, undefined, 'in flight for 30 s');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: q, ReceiptHandle: m.ReceiptHandle }));
    await assert.rejects(sqs.send(new DeleteMessageCommand({ QueueUrl: q, ReceiptHandle: 'garbage' })), ReceiptHandleIsInvalid);
    const counts = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: q, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes;
    assert.deepEqual(counts, { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  test('batches answer per entry: Successful and Failed side by side', async () => {
    const q = (await sqs.send(new CreateQueueCommand({ QueueName: 'batches' }))).QueueUrl!;
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: q, Entries: [{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 'two', DelaySeconds: 901 }, { Id: 'c', MessageBody: 'three', MessageAttributes: { n: { DataType: 'Number', StringValue: 'x' } } }] }));
    assert.deepEqual(sent.Successful?.map((s) => s.Id), ['a']);
    assert.deepEqual(sent.Failed?.map((f) => [f.Id, f.Code, f.SenderFault]), [['b', 'InvalidParameterValue', true], ['c', 'InvalidParameterValue', true]]);
    await assert.rejects(sqs.send(new SendMessageBatchCommand({ QueueUrl: q, Entries: [] })), EmptyBatchRequest);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: q, MaxNumberOfMessages: 10 }));
    const del = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: q, Entries: [{ Id: 'ok', ReceiptHandle: got.Messages![0].ReceiptHandle }, { Id: 'bad', ReceiptHandle: 'bm9wZQ==' }] }));
    assert.deepEqual(del.Successful?.map((s) => s.Id), ['ok']);
    assert.deepEqual(del.Failed?.map((f) => [f.Id, f.Code]), [['bad', 'ReceiptHandleIsInvalid']]);
  });

  test('the visibility timeout runs out on the engine clock; ChangeMessageVisibility moves it', async () => {
    const q = (await sqs.send(new CreateQueueCommand({ QueueName: 'visible', Attributes: { VisibilityTimeout: '30' } }))).QueueUrl!;
    await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'again' }));
    const first = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: q }))).Messages![0];
    clock.advance(29_000);
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: q }))).Messages, undefined);
    clock.advance(1_000);
    const second = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: q, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }))).Messages![0];
    assert.equal(second.MessageId, first.MessageId);
    assert.equal(second.Attributes?.ApproximateReceiveCount, '2');
    await assert.rejects(sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: q, ReceiptHandle: first.ReceiptHandle, VisibilityTimeout: 10 })), ReceiptHandleIsInvalid, 'an old receipt handle');
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: q, ReceiptHandle: second.ReceiptHandle, VisibilityTimeout: 0 }));
    const third = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: q }))).Messages![0];
    assert.equal(third.MessageId, first.MessageId, 'visible at once after VisibilityTimeout 0');
    const batch = await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: q, Entries: [{ Id: 'x', ReceiptHandle: third.ReceiptHandle, VisibilityTimeout: 100 }] }));
    assert.deepEqual(batch.Successful?.map((s) => s.Id), ['x']);
    clock.advance(100_000);
    await assert.rejects(sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: q, ReceiptHandle: third.ReceiptHandle, VisibilityTimeout: 10 })), MessageNotInflight);
  });

  test('long polling waits on the engine clock and a send wakes it; an empty wait ends at WaitTimeSeconds', async () => {
    const q = (await sqs.send(new CreateQueueCommand({ QueueName: 'polled' }))).QueueUrl!;
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: q, WaitTimeSeconds: 20 }));
    await new Promise((r) => setTimeout(r, 100));
    await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'wake up' }));
    assert.equal((await waiting).Messages?.[0].Body, 'wake up');
    let done = false;
    const empty = sqs.send(new ReceiveMessageCommand({ QueueUrl: q, WaitTimeSeconds: 5 })).finally(() => (done = true));
    await new Promise((r) => setTimeout(r, 100));
    clock.advance(4_000);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(done, false, 'still waiting after 4 s of engine time');
    clock.advance(1_000);
    assert.equal((await empty).Messages, undefined);
  });

  test('FIFO: order per group, a group waits while one of its messages is in flight, deduplication for 5 minutes', async () => {
    const q = url('orders.fifo');
    const sends = [
      ['a', 'a1'],
      ['b', 'b1'],
      ['a', 'a2'],
      ['a', 'a3'],
    ];
    const ids: string[] = [];
    for (const [g, body] of sends) ids.push((await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: body, MessageGroupId: g }))).SequenceNumber!);
    assert.deepEqual([...ids].sort(), ids, 'sequence numbers increase');
    const dup = await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'a1', MessageGroupId: 'a' }));
    assert.equal(dup.SequenceNumber, ids[0], 'content-based deduplication answers the first message');
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: q, MaxNumberOfMessages: 2, MessageSystemAttributeNames: ['MessageGroupId', 'SequenceNumber'] }));
    assert.deepEqual(first.Messages?.map((m) => m.Body), ['a1', 'b1']);
    assert.equal(first.Messages![0].Attributes?.MessageGroupId, 'a');
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: q, MaxNumberOfMessages: 10 }))).Messages, undefined, 'both groups have a message in flight');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: q, ReceiptHandle: first.Messages![0].ReceiptHandle }));
    const next = await sqs.send(new ReceiveMessageCommand({ QueueUrl: q, MaxNumberOfMessages: 10 }));
    assert.deepEqual(next.Messages?.map((m) => m.Body), ['a2', 'a3']);
    await assert.rejects(sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'x' })), (err: Error) => err.name === 'MissingParameter');
    const explicit = (await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'same', MessageGroupId: 'c', MessageDeduplicationId: 'd-1' }))).MessageId;
    assert.equal((await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'other', MessageGroupId: 'c', MessageDeduplicationId: 'd-1' }))).MessageId, explicit);
    clock.advance(5 * 60_000);
    assert.notEqual((await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'same', MessageGroupId: 'c', MessageDeduplicationId: 'd-1' }))).MessageId, explicit, 'after 5 minutes it is a new message');
    await sqs.send(new PurgeQueueCommand({ QueueUrl: q }));
  });

  test('DelaySeconds hides a message until its time', async () => {
    const q = (await sqs.send(new CreateQueueCommand({ QueueName: 'delayed', Attributes: { DelaySeconds: '10' } }))).QueueUrl!;
    await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'queue delay' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'own delay', DelaySeconds: 20 }));
    const attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: q, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] }))).Attributes;
    assert.equal(attrs?.ApproximateNumberOfMessagesDelayed, '2');
    clock.advance(10_000);
    assert.deepEqual((await sqs.send(new ReceiveMessageCommand({ QueueUrl: q, MaxNumberOfMessages: 10 }))).Messages?.map((m) => m.Body), ['queue delay']);
    clock.advance(10_000);
    assert.deepEqual((await sqs.send(new ReceiveMessageCommand({ QueueUrl: q, MaxNumberOfMessages: 10 }))).Messages?.map((m) => m.Body), ['own delay']);
  });

  test('redrive: after maxReceiveCount receives the message is in the DLQ; StartMessageMoveTask brings it back', async () => {
    const q = url('work-queue');
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) {
      assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: q }))).Messages?.[0].MessageId, sent.MessageId);
      clock.advance(30_000);
    }
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: q }))).Messages, undefined, 'the third receive moves it instead');
    const dead = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url('work-dlq'), MessageSystemAttributeNames: ['DeadLetterQueueSourceArn'], VisibilityTimeout: 0 }))).Messages!;
    assert.equal(dead[0].MessageId, sent.MessageId, 'the same message id');
    assert.equal(dead[0].Attributes?.DeadLetterQueueSourceArn, 'arn:aws:sqs:us-east-1:123456789012:work-queue');
    const task = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: 'arn:aws:sqs:us-east-1:123456789012:work-dlq' }));
    assert.ok(task.TaskHandle);
    const tasks = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: 'arn:aws:sqs:us-east-1:123456789012:work-dlq' }));
    assert.equal(tasks.Results?.[0].Status, 'COMPLETED');
    assert.equal(tasks.Results?.[0].ApproximateNumberOfMessagesMoved, 1);
    const back = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: q, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }))).Messages!;
    assert.equal(back[0].MessageId, sent.MessageId);
    assert.equal(back[0].Attributes?.ApproximateReceiveCount, '1', 'the receive count starts again');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: q, ReceiptHandle: back[0].ReceiptHandle }));
  });

  test('queues the API created are there after a restart, with their messages and attributes', async () => {
    const q = (await sqs.send(new CreateQueueCommand({ QueueName: 'kept', Attributes: { VisibilityTimeout: '7' } }))).QueueUrl!;
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: q, Attributes: { DelaySeconds: '3' } }));
    await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'survives' }));
    // One engine per state directory runs its queues: the first goes, a new one opens the same directory.
    const stateDir = e.stateDir;
    await e.service.dispose();
    sqs.destroy();
    e = await startApiEngine({ engineClock: clock, stateDir }, join(fixtures, 'queues'));
    sqs = sqsClient(e.api.url);
    const listed = (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'kept' }))).QueueUrls;
    assert.deepEqual(listed, [`${e.api.url}/123456789012/kept`]);
    const attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: listed![0], AttributeNames: ['VisibilityTimeout', 'DelaySeconds', 'ApproximateNumberOfMessagesDelayed'] }))).Attributes;
    assert.deepEqual(attrs, { VisibilityTimeout: '7', DelaySeconds: '3', ApproximateNumberOfMessagesDelayed: '1' });
    clock.advance(3_000);
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: listed![0] }))).Messages?.[0].Body, 'survives');
    assert.equal((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'jobs' }))).QueueUrls, undefined, 'a deleted queue stays deleted');
  });
});
