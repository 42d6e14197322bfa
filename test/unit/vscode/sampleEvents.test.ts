// Unit (plain node, no vscode): the built-in sample events are valid JSON with the record shapes of
// lambda-semantics.md §11/§12, and every generation has fresh ids and the given time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateSampleEvent, SAMPLE_EVENTS } from '../../../src/vscode/events/sampleEvents';

const now = new Date('2026-03-12T19:03:58.390Z');
const gen = (id: string): any => JSON.parse(generateSampleEvent(id, { now, region: 'eu-west-1', accountId: '111122223333' }));

test('there are the eight samples the quick pick offers', () => {
  assert.deepEqual(SAMPLE_EVENTS.map((s) => s.id), ['apigateway-http-v2', 'apigateway-rest-v1', 'sqs', 'sns', 's3-put', 'eventbridge-schedule', 'dynamodb-stream', 'kinesis']);
});

test('every sample is valid JSON and different each time (fresh ids)', () => {
  for (const s of SAMPLE_EVENTS) {
    const a = generateSampleEvent(s.id);
    assert.doesNotThrow(() => JSON.parse(a), s.id);
    assert.notEqual(a, generateSampleEvent(s.id), `${s.id} should carry fresh ids`);
  }
});

test('HTTP API v2 (§12)', () => {
  const e = gen('apigateway-http-v2');
  assert.equal(e.version, '2.0');
  assert.equal(e.requestContext.http.method, 'GET');
  assert.equal(e.requestContext.time, '12/Mar/2026:19:03:58 +0000');
  assert.equal(e.requestContext.timeEpoch, now.getTime());
  assert.equal(e.requestContext.accountId, '111122223333');
  assert.match(e.requestContext.requestId, /^[0-9a-f-]{36}$/);
  assert.ok(Object.keys(e.headers).every((h) => h === h.toLowerCase()));
});

test('REST v1', () => {
  const e = gen('apigateway-rest-v1');
  assert.equal(e.httpMethod, 'POST');
  assert.deepEqual(JSON.parse(e.body), { name: 'widget', quantity: 1 });
  assert.equal(e.requestContext.requestTimeEpoch, now.getTime());
});

test('SQS (§11.2): string attributes, md5 of body, ARN in region', () => {
  const [r] = gen('sqs').Records;
  assert.equal(r.eventSource, 'aws:sqs');
  assert.equal(r.eventSourceARN, 'arn:aws:sqs:eu-west-1:111122223333:my-queue');
  assert.equal(r.attributes.SentTimestamp, String(now.getTime()));
  assert.ok(Object.values(r.attributes).every((v) => typeof v === 'string'));
  assert.match(r.md5OfBody, /^[0-9a-f]{32}$/);
});

test('SNS, S3, EventBridge schedule', () => {
  assert.equal(gen('sns').Records[0].Sns.Type, 'Notification');
  assert.equal(gen('sns').Records[0].Sns.Timestamp, now.toISOString());
  const s3 = gen('s3-put').Records[0];
  assert.equal(s3.eventName, 'ObjectCreated:Put');
  assert.equal(s3.s3.bucket.arn, 'arn:aws:s3:::example-bucket');
  const ev = gen('eventbridge-schedule');
  assert.equal(ev['detail-type'], 'Scheduled Event');
  assert.equal(ev.time, '2026-03-12T19:03:58Z');
});

test('DynamoDB Streams (§11.4): DynamoDB JSON images and epoch seconds', () => {
  const [insert, modify] = gen('dynamodb-stream').Records;
  assert.equal(insert.eventName, 'INSERT');
  assert.equal(modify.eventName, 'MODIFY');
  assert.deepEqual(insert.dynamodb.Keys, { Id: { N: '101' } });
  assert.equal(insert.dynamodb.ApproximateCreationDateTime, Math.floor(now.getTime() / 1000));
  assert.ok(modify.dynamodb.OldImage && !insert.dynamodb.OldImage);
  assert.match(insert.eventID, /^[0-9a-f]{32}$/);
});

test('Kinesis (§11.3): base64 data, arrival time in epoch seconds, eventID from shard and sequence', () => {
  const [r] = gen('kinesis').Records;
  assert.equal(Buffer.from(r.kinesis.data, 'base64').toString(), 'Hello, this is a test.');
  assert.equal(r.kinesis.approximateArrivalTimestamp, now.getTime() / 1000);
  assert.equal(r.eventID, `shardId-000000000000:${r.kinesis.sequenceNumber}`);
});

test('an unknown sample id names the known ones', () => {
  assert.throws(() => generateSampleEvent('nope'), /Unknown sample event "nope"\. Use one of: apigateway-http-v2/);
});
