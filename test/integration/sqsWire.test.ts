// Integration: the other ways in to the local SQS and SNS — the query protocol (form bodies, XML answers and
// errors, as older SDKs send it), the AWS CLI (`aws sqs …`, `aws sns publish` against --endpoint-url), and a
// real function whose own runtime-SDK SQS client reaches the engine through AWS_ENDPOINT_URL_SQS.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { findOnPath } from '../../src/core/runtimes/findExecutable';
import { tempDir } from '../helpers/tempDirs';
import { sqsClient } from './helpers/awsClients';
import { fixtures, json } from './helpers/engine';
import { startApiEngine, type ApiEngine } from './helpers/lambdaApi';

const run = promisify(execFile);
const ACCOUNT = '123456789012';

async function query(base: string, path: string, params: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams({ Version: '2012-11-05', ...params }) });
  return { status: res.status, text: await res.text() };
}

const tag = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);

describe('SQS and SNS: query protocol, the AWS CLI, and a function’s own SDK', () => {
  let e: ApiEngine;
  let sqs: SQSClient;
  before(async () => {
    const stateDir = tempDir('lwb-sqs-wire-');
    e = await startApiEngine({ stateDir, runtimeSdk: { dir: join(stateDir, 'runtime-sdk'), nodeClients: ['@aws-sdk/client-sqs'] } }, join(fixtures, 'queues'));
    sqs = sqsClient(e.api.url);
  });
  after(async () => {
    sqs.destroy();
    await e.dispose();
  });

  test('query protocol: CreateQueue, SendMessage with attributes to the queue URL path, ReceiveMessage XML, XML errors', async () => {
    const created = await query(e.api.url, '/', { Action: 'CreateQueue', QueueName: 'legacy', 'Attribute.1.Name': 'VisibilityTimeout', 'Attribute.1.Value': '12' });
    assert.equal(created.status, 200);
    assert.deepEqual(tag(created.text, 'QueueUrl'), [`${e.api.url}/${ACCOUNT}/legacy`]);
    const sent = await query(e.api.url, `/${ACCOUNT}/legacy`, { Action: 'SendMessage', MessageBody: 'a <b> & c', 'MessageAttribute.1.Name': 'kind', 'MessageAttribute.1.Value.DataType': 'String', 'MessageAttribute.1.Value.StringValue': 'old' });
    assert.equal(sent.status, 200, sent.text);
    assert.match(sent.text, /^<\?xml version="1.0"\?><SendMessageResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/"><SendMessageResult><MessageId>[0-9a-f-]{36}<\/MessageId><MD5OfMessageBody>[0-9a-f]{32}<\/MD5OfMessageBody><MD5OfMessageAttributes>[0-9a-f]{32}<\/MD5OfMessageAttributes><\/SendMessageResult><ResponseMetadata><RequestId>/);
    const got = await query(e.api.url, '/', { Action: 'ReceiveMessage', QueueUrl: `${e.api.url}/${ACCOUNT}/legacy`, 'AttributeName.1': 'All', 'MessageAttributeName.1': 'All' });
    assert.deepEqual(tag(got.text, 'Body'), ['a &lt;b&gt; &amp; c']);
    assert.deepEqual(tag(got.text, 'MessageId'), tag(sent.text, 'MessageId'));
    assert.match(got.text, /<Attribute><Name>ApproximateReceiveCount<\/Name><Value>1<\/Value><\/Attribute>/);
    assert.match(got.text, /<MessageAttribute><Name>kind<\/Name><Value><DataType>String<\/DataType><StringValue>old<\/StringValue><\/Value><\/MessageAttribute>/);
    const attrs = await query(e.api.url, '/', { Action: 'GetQueueAttributes', QueueUrl: `${e.api.url}/${ACCOUNT}/legacy`, 'AttributeName.1': 'VisibilityTimeout' });
    assert.match(attrs.text, /<GetQueueAttributesResult><Attribute><Name>VisibilityTimeout<\/Name><Value>12<\/Value><\/Attribute><\/GetQueueAttributesResult>/);
    const missing = await query(e.api.url, '/', { Action: 'GetQueueUrl', QueueName: 'nope' });
    assert.equal(missing.status, 400);
    assert.match(missing.text, /<ErrorResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/"><Error><Type>Sender<\/Type><Code>AWS.SimpleQueueService.NonExistentQueue<\/Code><Message>The specified queue does not exist: &quot;nope&quot;.<\/Message><Detail\/><\/Error><RequestId>/);
    const batch = await query(e.api.url, '/', { Action: 'SendMessageBatch', QueueUrl: `${e.api.url}/${ACCOUNT}/legacy`, 'SendMessageBatchRequestEntry.1.Id': 'ok', 'SendMessageBatchRequestEntry.1.MessageBody': 'fine', 'SendMessageBatchRequestEntry.2.Id': 'late', 'SendMessageBatchRequestEntry.2.MessageBody': 'x', 'SendMessageBatchRequestEntry.2.DelaySeconds': '1000' });
    assert.match(batch.text, /<SendMessageBatchResultEntry><Id>ok<\/Id><MessageId>/);
    assert.match(batch.text, /<BatchResultErrorEntry><Id>late<\/Id><SenderFault>true<\/SenderFault><Code>InvalidParameterValue<\/Code>/);
  });

  test('the AWS CLI: aws sqs create-queue / send-message / receive-message and aws sns publish', async (t) => {
    const aws = await findOnPath('aws');
    if (!aws) return t.skip('no aws CLI on PATH');
    const dir = tempDir('lwb-aws-cli-');
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local', AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_PAGER: '' };
    const cli = async (...args: string[]) => JSON.parse((await run(aws, [...args, '--endpoint-url', e.api.url, '--output', 'json'], { env })).stdout || '{}') as Record<string, any>;
    const { QueueUrl } = await cli('sqs', 'create-queue', '--queue-name', 'from-cli');
    assert.equal(QueueUrl, `${e.api.url}/${ACCOUNT}/from-cli`);
    const sent = await cli('sqs', 'send-message', '--queue-url', QueueUrl, '--message-body', 'hello from the CLI', '--message-attributes', '{"who":{"DataType":"String","StringValue":"aws"}}');
    assert.match(sent.MessageId, /^[0-9a-f-]{36}$/);
    const got = await cli('sqs', 'receive-message', '--queue-url', QueueUrl, '--attribute-names', 'All', '--message-attribute-names', 'All');
    assert.equal(got.Messages[0].Body, 'hello from the CLI');
    assert.equal(got.Messages[0].MessageAttributes.who.StringValue, 'aws');
    assert.equal(got.Messages[0].MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    const published = await cli('sns', 'publish', '--topic-arn', `arn:aws:sns:us-east-1:${ACCOUNT}:notices`, '--message', 'via aws sns');
    assert.match(published.MessageId, /^[0-9a-f-]{36}$/);
    const delivered = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${e.api.url}/${ACCOUNT}/work-queue` }))).Messages!;
    assert.equal(JSON.parse(delivered[0].Body!).Message, 'via aws sns');
  });

  test("a function's own SDK call (the runtime SDK, AWS_ENDPOINT_URL_SQS) sends a message the test then receives", async () => {
    const out = await e.service.invoke('sender', JSON.stringify({ queue: 'work-dlq', body: 'sent by a function' }));
    assert.equal(out.functionError, undefined, out.payload.toString());
    const r = json(out.payload) as { messageId: string; endpoint: string };
    assert.equal(r.endpoint, e.api.url);
    const got = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${e.api.url}/${ACCOUNT}/work-dlq`, MessageAttributeNames: ['All'] }))).Messages!;
    assert.equal(got[0].MessageId, r.messageId);
    assert.equal(got[0].Body, 'sent by a function');
    assert.equal(got[0].MessageAttributes?.from.StringValue, 'sender');
  });
});
