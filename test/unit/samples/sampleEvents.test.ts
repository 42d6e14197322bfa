// Unit: the built-in sample events (core/samples) are valid JSON with the record shapes of lambda-semantics.md
// §11/§12 and the AWS documentation's examples; every generation has fresh ids and the given time; flags fill
// the common fields; a function's template events pick their matching samples.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { createSample, findSample, generateSampleEvent, SAMPLE_EVENTS, sampleId, sampleServices } from '../../../src/core/samples';
import { samplesForEvents } from '../../../src/core/samples/functionSamples';

const now = new Date('2026-03-12T19:03:58.390Z');
const gen = (id: string): any => JSON.parse(generateSampleEvent(id, { now, region: 'eu-west-1', accountId: '111122223333' }));

test('at least 25 samples over 20 services, each id once, named as sam local generate-event names them', () => {
  const ids = SAMPLE_EVENTS.map(sampleId);
  assert.ok(ids.length >= 25, `${ids.length} samples`);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(sampleServices().size >= 20, `${sampleServices().size} services`);
  for (const id of ['apigateway/aws-proxy', 'apigateway/http-api-proxy', 'apigateway/authorizer', 's3/put', 's3/delete', 'sqs/receive-message', 'sns/notification', 'dynamodb/update', 'kinesis/get-records', 'kinesis/kinesis-firehose', 'cloudwatch/logs', 'cloudwatch/scheduled-event', 'cloudformation/create-request', 'ses/email-receiving', 'codepipeline/job', 'config/item-change-notification', 'stepfunctions/error']) {
    assert.ok(ids.includes(id), id);
  }
});

// Samples whose documented shape has no generated id (the payload is the user's own data).
const STATIC = new Set(['stepfunctions/error', 'iot/rule', 'apigateway/authorizer', 'kafka/self-managed']);

test('every sample is valid JSON and different each time (fresh ids)', () => {
  for (const s of SAMPLE_EVENTS) {
    const a = generateSampleEvent(sampleId(s));
    assert.doesNotThrow(() => JSON.parse(a), sampleId(s));
    if (!STATIC.has(sampleId(s))) assert.notEqual(a, generateSampleEvent(sampleId(s)), `${sampleId(s)} should carry fresh ids`);
    assert.ok(s.label && s.description, sampleId(s));
  }
});

test("earlier releases' ids still name their samples", () => {
  for (const [old, id] of [['apigateway-http-v2', 'apigateway/http-api-proxy'], ['sqs', 'sqs/receive-message'], ['kinesis', 'kinesis/get-records'], ['s3-put', 's3/put']]) assert.equal(sampleId(findSample(old)), id);
  assert.equal(sampleId(findSample('s3 put')), 's3/put', 'SAM\'s "<service> <event>" form');
});

test('HTTP API v2 (§12)', () => {
  const e = gen('apigateway/http-api-proxy');
  assert.equal(e.version, '2.0');
  assert.equal(e.requestContext.http.method, 'GET');
  assert.equal(e.requestContext.time, '12/Mar/2026:19:03:58 +0000');
  assert.equal(e.requestContext.timeEpoch, now.getTime());
  assert.equal(e.requestContext.accountId, '111122223333');
  assert.match(e.requestContext.requestId, /^[0-9a-f-]{36}$/);
  assert.ok(Object.keys(e.headers).every((h) => h === h.toLowerCase()));
});

test('REST v1', () => {
  const e = gen('apigateway/aws-proxy');
  assert.equal(e.httpMethod, 'POST');
  assert.deepEqual(JSON.parse(e.body), { name: 'widget', quantity: 1 });
  assert.equal(e.requestContext.requestTimeEpoch, now.getTime());
});

test('SQS (§11.2): string attributes, md5 of body, ARN in region', () => {
  const [r] = gen('sqs/receive-message').Records;
  assert.equal(r.eventSource, 'aws:sqs');
  assert.equal(r.eventSourceARN, 'arn:aws:sqs:eu-west-1:111122223333:my-queue');
  assert.equal(r.attributes.SentTimestamp, String(now.getTime()));
  assert.ok(Object.values(r.attributes).every((v) => typeof v === 'string'));
  assert.match(r.md5OfBody, /^[0-9a-f]{32}$/);
});

test('SNS, S3, EventBridge schedule', () => {
  assert.equal(gen('sns/notification').Records[0].Sns.Type, 'Notification');
  assert.equal(gen('sns/notification').Records[0].Sns.Timestamp, now.toISOString());
  const s3 = gen('s3/put').Records[0];
  assert.equal(s3.eventName, 'ObjectCreated:Put');
  assert.equal(s3.s3.bucket.arn, 'arn:aws:s3:::example-bucket');
  const ev = gen('cloudwatch/scheduled-event');
  assert.equal(ev['detail-type'], 'Scheduled Event');
  assert.equal(ev.time, '2026-03-12T19:03:58Z');
});

test('DynamoDB Streams (§11.4): DynamoDB JSON images and epoch seconds', () => {
  const [insert, modify, remove] = gen('dynamodb/update').Records;
  assert.equal(insert.eventName, 'INSERT');
  assert.equal(modify.eventName, 'MODIFY');
  assert.deepEqual(insert.dynamodb.Keys, { Id: { N: '101' } });
  assert.equal(insert.dynamodb.ApproximateCreationDateTime, Math.floor(now.getTime() / 1000));
  assert.ok(modify.dynamodb.OldImage && !insert.dynamodb.OldImage);
  assert.match(insert.eventID, /^[0-9a-f]{32}$/);
  assert.equal(remove.eventName, 'REMOVE');
  assert.ok(remove.dynamodb.OldImage && !remove.dynamodb.NewImage);
});

test('Kinesis (§11.3): base64 data, arrival time in epoch seconds, eventID from shard and sequence', () => {
  const [r] = gen('kinesis/get-records').Records;
  assert.equal(Buffer.from(r.kinesis.data, 'base64').toString(), 'Hello, this is a test.');
  assert.equal(r.kinesis.approximateArrivalTimestamp, now.getTime() / 1000);
  assert.equal(r.eventID, `shardId-000000000000:${r.kinesis.sequenceNumber}`);
});

test('an unknown sample names the services, or the events of a known service', () => {
  assert.throws(() => generateSampleEvent('nope'), (e: any) => e.code === 'UNKNOWN_SAMPLE_EVENT' && /Unknown sample event "nope"\. Services: apigateway, /.test(e.message));
  assert.throws(() => generateSampleEvent('s3/copy'), /s3 has s3\/put, s3\/delete\./);
});

test('flags fill the common fields: --body (and its md5), --queue-name, --bucket/--key (URL-encoded), --path/--method', () => {
  const [m] = (createSample('sqs/receive-message', { flags: { body: 'hi', 'queue-name': 'orders' } }) as any).Records;
  assert.equal(m.body, 'hi');
  assert.equal(m.md5OfBody, '49f68a5c8493ec2c0bf489821c21fc3b');
  assert.equal(m.eventSourceARN, 'arn:aws:sqs:us-east-1:123456789012:orders');
  const [o] = (createSample('s3/put', { flags: { bucket: 'photos', key: 'raw/my cat.jpg' }, region: 'eu-west-1' }) as any).Records;
  assert.deepEqual([o.s3.bucket.name, o.s3.object.key, o.awsRegion], ['photos', 'raw/my+cat.jpg', 'eu-west-1']);
  const rest = createSample('apigateway/aws-proxy', { flags: { method: 'get', path: '/items/42?tag=a&tag=b', resource: '/items/{id}', body: '' } }) as any;
  assert.deepEqual([rest.httpMethod, rest.path, rest.resource, rest.body], ['GET', '/items/42', '/items/{id}', null]);
  assert.deepEqual(rest.pathParameters, { id: '42' });
  assert.deepEqual(rest.queryStringParameters, { tag: 'b' });
  assert.deepEqual(rest.multiValueQueryStringParameters, { tag: ['a', 'b'] });
  assert.equal(rest.requestContext.path, '/prod/items/42');
  const http = createSample('apigateway/http-api-proxy', { flags: { method: 'post', path: '/orders/7', route: '/orders/{id}', body: '{"a":1}' } }) as any;
  assert.deepEqual([http.routeKey, http.rawPath, http.body, http.pathParameters.id, http.queryStringParameters], ['POST /orders/{id}', '/orders/7', '{"a":1}', '7', undefined]);
});

test('bad flags are refused with a code: unknown names (the known ones listed), JSON that does not parse', () => {
  assert.throws(() => createSample('sqs/receive-message', { flags: { bucket: 'x' } }), (e: any) => e.code === 'INVALID_SAMPLE_FLAG' && /--body, --queue-name/.test(e.message));
  assert.throws(() => createSample('eventbridge/event', { flags: { detail: '{nope' } }), (e: any) => e.code === 'INVALID_SAMPLE_FLAG');
});

test('CloudWatch Logs: awslogs.data is gzip + base64 of the subscription payload', () => {
  const e = createSample('cloudwatch/logs', { flags: { 'log-group': '/aws/lambda/x' }, now }) as any;
  const data = JSON.parse(gunzipSync(Buffer.from(e.awslogs.data, 'base64')).toString());
  assert.deepEqual([data.messageType, data.logGroup, data.logEvents[0].timestamp], ['DATA_MESSAGE', '/aws/lambda/x', now.getTime()]);
});

test("a function's template events pick their samples, with the event's own path, method, queue, table", () => {
  const picked = samplesForEvents([
    { name: 'GetItem', type: 'Api', properties: { Path: '/items/{id}', Method: 'get' } },
    { name: 'Orders', type: 'SQS', properties: { Queue: 'arn:aws:sqs:us-east-1:123456789012:orders.fifo' } },
    { name: 'Changes', type: 'DynamoDB', properties: { Stream: 'arn:aws:dynamodb:us-east-1:123456789012:table/Users/stream/2026-01-01T00:00:00.000' } },
    { name: 'Placed', type: 'EventBridgeRule', properties: { Pattern: { source: ['shop'], 'detail-type': ['Order Placed'] } } },
    { name: 'Nope', type: 'AlexaSkill', properties: {} },
  ]);
  assert.deepEqual(picked.map((p) => [p.id, p.flags]), [
    ['apigateway/aws-proxy', { method: 'GET', path: '/items/id', resource: '/items/{id}', body: '' }],
    ['sqs/receive-message-fifo', { 'queue-name': 'orders.fifo' }],
    ['dynamodb/update', { table: 'Users' }],
    ['eventbridge/event', { source: 'shop', 'detail-type': 'Order Placed' }],
  ]);
  assert.equal(picked[0].label, 'GET /items/{id} (REST API event GetItem)');
  const ev = createSample(picked[0].id, { flags: picked[0].flags }) as any;
  assert.deepEqual([ev.httpMethod, ev.resource, ev.pathParameters], ['GET', '/items/{id}', { id: 'id' }]);
});
