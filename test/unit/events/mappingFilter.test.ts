// Unit: FilterCriteria (lambda-semantics.md §11.5) on the shared matcher — the documented examples, the SQS
// body-format matrix, Kinesis data decoding, DynamoDB's `dynamodb` key, ORed filters, and the validation errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileFilterCriteria, validateFilterCriteria } from '../../../src/core/events/mappings/recordFilter';
import type { SourceKind } from '../../../src/core/events/mappings/mappingTypes';

const sqs = (body: string, extra: Record<string, unknown> = {}) => ({ messageId: 'm', body, attributes: { ApproximateReceiveCount: '1' }, messageAttributes: {}, eventSource: 'aws:sqs', awsRegion: 'us-east-1', ...extra });
const filter = (kind: SourceKind, ...patterns: unknown[]) => compileFilterCriteria(validateFilterCriteria({ Filters: patterns.map((p) => ({ Pattern: typeof p === 'string' ? p : JSON.stringify(p) })) }, kind), kind)!;

test('SQS body-format matrix: JSON pattern on JSON body filters; on a plain body it drops; plain pattern on JSON drops', () => {
  const json = filter('sqs', { body: { RequestCode: ['BBBB'] } });
  const plain = filter('sqs', { body: ['hello'] });
  const MATRIX: [string, (r: Record<string, unknown>) => boolean, string, boolean][] = [
    ['JSON pattern, JSON body, matching', json, '{"RequestCode":"BBBB"}', true],
    ['JSON pattern, JSON body, not matching', json, '{"RequestCode":"AAAA"}', false],
    ['JSON pattern, plain-string body', json, 'RequestCode BBBB', false],
    ['plain pattern, plain body, matching', plain, 'hello', true],
    ['plain pattern, plain body, not matching', plain, 'goodbye', false],
    ['plain pattern, JSON body', plain, '{"hello":1}', false],
  ];
  for (const [name, f, body, want] of MATRIX) assert.equal(f(sqs(body)), want, name);
});

test('SQS: a pattern without body filters on metadata only, whatever the body is', () => {
  const f = filter('sqs', { attributes: { ApproximateReceiveCount: ['1'] }, eventSource: ['aws:sqs'] });
  assert.equal(f(sqs('plain')), true);
  assert.equal(f(sqs('{"a":1}')), true);
  assert.equal(f(sqs('x', { attributes: { ApproximateReceiveCount: '2' } })), false);
});

test('documented operators: numeric range, prefix, anything-but, exists, null, empty string, $or-free OR across filters', () => {
  const f = filter('sqs', { body: { Temperature: [{ numeric: ['>', 50, '<=', 60] }], Location: [{ prefix: 'New' }] } }, { body: { Kind: [{ 'anything-but': ['noise'] }], Extra: [{ exists: false }] } });
  assert.equal(f(sqs('{"Temperature":55,"Location":"New York"}')), true);
  assert.equal(f(sqs('{"Temperature":65,"Location":"New York"}')), false);
  assert.equal(f(sqs('{"Kind":"order"}')), true, 'second filter (OR)');
  assert.equal(f(sqs('{"Kind":"noise"}')), false);
  assert.equal(f(sqs('{"Kind":"order","Extra":1}')), false);
  const n = filter('sqs', { body: { a: [null], b: [''] } });
  assert.equal(n(sqs('{"a":null,"b":""}')), true);
  assert.equal(n(sqs('{"a":1,"b":""}')), false);
});

test('Kinesis: data is base64-decoded and matched as JSON; non-JSON data is dropped', () => {
  const f = filter('kinesis', { data: { RequestCode: ['AAAA'] } });
  const rec = (text: string) => ({ kinesis: { partitionKey: '1', data: Buffer.from(text).toString('base64') }, eventSource: 'aws:kinesis' });
  assert.equal(f(rec('{"RequestCode":"AAAA"}')), true);
  assert.equal(f(rec('{"RequestCode":"BBBB"}')), false);
  assert.equal(f(rec('RequestCode AAAA')), false);
  assert.throws(() => filter('kinesis', { data: ['AAAA'] }), /Invalid filter pattern definition\..*JSON object pattern/);
});

test('DynamoDB: the dynamodb key as the record has it', () => {
  const f = filter('dynamodb', { eventName: ['INSERT'], dynamodb: { NewImage: { status: { S: ['open'] } } } });
  assert.equal(f({ eventName: 'INSERT', dynamodb: { NewImage: { status: { S: 'open' } } } }), true);
  assert.equal(f({ eventName: 'MODIFY', dynamodb: { NewImage: { status: { S: 'open' } } } }), false);
});

test('validation: at most 5 filters, patterns are JSON objects of at most 4096 characters, operators checked', () => {
  const many = Array.from({ length: 6 }, () => ({ Pattern: '{"body":["x"]}' }));
  assert.throws(() => validateFilterCriteria({ Filters: many }, 'sqs'), /exceeds the limit of 5/);
  assert.throws(() => validateFilterCriteria({ Filters: [{ Pattern: 'not json' }] }, 'sqs'), /Invalid filter pattern definition\. The pattern is not JSON/);
  assert.throws(() => validateFilterCriteria({ Filters: [{ Pattern: `{"body":["${'x'.repeat(4100)}"]}` }] }, 'sqs'), /at most 4096/);
  assert.throws(() => validateFilterCriteria({ Filters: [{ Pattern: '{"body":{"n":[{"numeric":[">"]}]}}' }] }, 'sqs'), /Invalid filter pattern definition\./);
  assert.throws(() => validateFilterCriteria({ Filters: [{}] }, 'sqs'), /needs a Pattern/);
  assert.equal(validateFilterCriteria(undefined, 'sqs'), undefined);
  assert.equal(compileFilterCriteria({ Filters: [] }, 'sqs'), undefined);
});
