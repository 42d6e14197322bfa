// Unit: the one event-pattern matcher, table-driven from the examples of EventBridge's "content filtering"
// and "comparison operators" pages and SNS's filter-policy pages: each row is a pattern, an event, and
// whether it matches; then invalid patterns with their coded, worded errors; then SNS's scopes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePattern, type Dialect } from '../../../src/core/events/pattern/compilePattern';
import { attributesEvent, compileFilterPolicy } from '../../../src/core/events/pattern/snsFilterPolicy';

const ec2 = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated', 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.123', FileName: 'image.png', Location: 'New York', Day: 'Monday' },
};

type Row = [name: string, pattern: unknown, event: unknown, matches: boolean];

const rows: Row[] = [
  ['exact source', { source: ['aws.ec2'] }, ec2, true],
  ['exact source, other', { source: ['aws.s3'] }, ec2, false],
  ['list is OR', { source: ['aws.s3', 'aws.ec2'] }, ec2, true],
  ['keys are AND', { source: ['aws.ec2'], 'detail-type': ['nope'] }, ec2, false],
  ['nested detail', { detail: { state: ['terminated'] } }, ec2, true],
  ['nested detail, other', { detail: { state: ['running'] } }, ec2, false],
  ['string does not match number', { detail: { 'c-count': ['5'] } }, ec2, false],
  ['number exact', { detail: { 'c-count': [5] } }, ec2, true],
  ['number exact 5.0', { detail: { 'c-count': [5.0] } }, ec2, true],
  ['null matches null', { detail: { v: [null] } }, { detail: { v: null } }, true],
  ['null does not match absent', { detail: { v: [null] } }, { detail: {} }, false],
  ['empty string', { LastName: [''] }, { LastName: '' }, true],
  ['true matches true', { ok: [true] }, { ok: true }, true],
  ['true does not match "true"', { ok: [true] }, { ok: 'true' }, false],
  ['resources array: any element', { resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'] }, ec2, true],
  ['array in event: any element', { tags: ['b'] }, { tags: ['a', 'b'] }, true],
  ['array in event: none', { tags: ['c'] }, { tags: ['a', 'b'] }, false],
  ['nested pattern into an array of objects', { items: { sku: ['x'] } }, { items: [{ sku: 'y' }, { sku: 'x' }] }, true],
  ['array elements are not combined', { items: { sku: ['x'], n: [2] } }, { items: [{ sku: 'x', n: 1 }, { sku: 'y', n: 2 }] }, false],
  ['array elements, one matches whole', { items: { sku: ['x'], n: [2] } }, { items: [{ sku: 'x', n: 1 }, { sku: 'x', n: 2 }] }, true],
  ['prefix', { time: [{ prefix: '2017-12-22' }] }, ec2, true],
  ['prefix, other', { time: [{ prefix: '2018' }] }, ec2, false],
  ['prefix does not match number', { n: [{ prefix: '1' }] }, { n: 12 }, false],
  ['prefix equals-ignore-case', { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, { detail: { service: 'eventbridge' } }, true],
  ['suffix', { detail: { FileName: [{ suffix: '.png' }] } }, ec2, true],
  ['suffix, other', { detail: { FileName: [{ suffix: '.jpg' }] } }, ec2, false],
  ['suffix equals-ignore-case', { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.PNG' } }] } }, ec2, true],
  ['equals-ignore-case', { detail: { Location: [{ 'equals-ignore-case': 'new york' }] } }, ec2, true],
  ['equals-ignore-case, other', { detail: { Location: [{ 'equals-ignore-case': 'boston' }] } }, ec2, false],
  ['anything-but string', { detail: { state: [{ 'anything-but': 'initializing' }] } }, ec2, true],
  ['anything-but string, excluded', { detail: { state: [{ 'anything-but': 'terminated' }] } }, ec2, false],
  ['anything-but number', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, ec2, true],
  ['anything-but string list', { detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } }, ec2, false],
  ['anything-but number list', { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, ec2, true],
  ['anything-but needs the field', { detail: { missing: [{ 'anything-but': 'x' }] } }, ec2, false],
  ['anything-but prefix', { region: [{ 'anything-but': { prefix: 'us-' } }] }, ec2, false],
  ['anything-but prefix, passes', { region: [{ 'anything-but': { prefix: 'eu-' } }] }, ec2, true],
  ['anything-but suffix', { detail: { FileName: [{ 'anything-but': { suffix: '.png' } }] } }, ec2, false],
  ['anything-but equals-ignore-case', { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['TERMINATED', 'stopped'] } }] } }, ec2, false],
  ['anything-but wildcard', { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: '/usr/lib/x' }, false],
  ['anything-but wildcard list, passes', { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*.tmp'] } }] }, { FilePath: '/usr/bin/x' }, true],
  ['numeric range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, ec2, true],
  ['numeric range, upper exclusive', { detail: { 'c-count': [{ numeric: ['>', 0, '<', 5] }] } }, ec2, false],
  ['numeric lower only', { detail: { 'd-count': [{ numeric: ['<', 10] }] } }, ec2, true],
  ['numeric =', { detail: { 'x-limit': [{ numeric: ['=', 301.8] }] } }, ec2, true],
  ['numeric >= boundary', { detail: { 'd-count': [{ numeric: ['>=', 3] }] } }, ec2, true],
  ['numeric does not match a string', { n: [{ numeric: ['>', 0] }] }, { n: '5' }, false],
  ['exists true', { detail: { state: [{ exists: true }] } }, ec2, true],
  ['exists true, absent', { detail: { nope: [{ exists: true }] } }, ec2, false],
  ['exists false, absent', { detail: { nope: [{ exists: false }] } }, ec2, true],
  ['exists false, present', { detail: { state: [{ exists: false }] } }, ec2, false],
  ['exists true on an object is not a leaf', { detail: [{ exists: true }] }, ec2, false],
  ['exists true, null is a value', { v: [{ exists: true }] }, { v: null }, true],
  ['exists false, empty array', { v: [{ exists: false }] }, { v: [] }, true],
  ['exists false, parent missing', { detail: { x: [{ exists: false }] } }, { source: 'a' }, true],
  ['wildcard', { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] }, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' }, true],
  ['wildcard, other region', { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] }, { EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/default' }, false],
  ['wildcard escaped star', { k: [{ wildcard: 'a\\*b' }] }, { k: 'a*b' }, true],
  ['wildcard escaped star is literal', { k: [{ wildcard: 'a\\*b' }] }, { k: 'axxb' }, false],
  ['wildcard dots are literal', { k: [{ wildcard: 'a.b*' }] }, { k: 'axb' }, false],
  ['cidr IPv4', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, ec2, true],
  ['cidr IPv4, outside', { detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, ec2, false],
  ['cidr IPv4 /0', { ip: [{ cidr: '0.0.0.0/0' }] }, { ip: '192.168.1.1' }, true],
  ['cidr IPv6', { ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db8:85a3::8a2e:370:7334' }, true],
  ['cidr IPv6, outside', { ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db9::1' }, false],
  ['cidr IPv6 does not match IPv4', { ip: [{ cidr: '::/0' }] }, { ip: '10.0.0.1' }, false],
  ['cidr non-IP value', { ip: [{ cidr: '10.0.0.0/8' }] }, { ip: 'ten' }, false],
  ['mixed list: value or prefix', { source: ['aws.s3', { prefix: 'aws.e' }] }, ec2, true],
  ['$or of two', { $or: [{ source: ['aws.s3'] }, { detail: { 'c-count': [{ numeric: ['>', 4] }] } }] }, ec2, true],
  ['$or none', { $or: [{ source: ['aws.s3'] }, { detail: { 'c-count': [{ numeric: ['>', 40] }] } }] }, ec2, false],
  ['$or nested in detail, with AND beside it', { source: ['aws.ec2'], detail: { $or: [{ Location: ['Boston'] }, { Day: ['Monday'] }] } }, ec2, true],
  ['$or fails the AND', { source: ['aws.s3'], $or: [{ detail: { Day: ['Monday'] } }, { region: ['x'] }] }, ec2, false],
  ['empty pattern matches all', {}, ec2, true],
];

for (const [name, pattern, event, want] of rows) {
  test(`pattern: ${name}`, () => {
    assert.equal(compilePattern(pattern)(event), want, JSON.stringify(pattern));
    assert.equal(compilePattern(JSON.stringify(pattern))(event), want, 'the JSON string form agrees');
  });
}

const invalid: [unknown, RegExp, Dialect?][] = [
  ['{"source": ', /^Event pattern is not valid\. Reason: the pattern is not JSON/],
  [[1], /must be a JSON object/],
  [{ source: 'aws.ec2' }, /"source" must be an object or an array of match values, got "aws.ec2" at "source"/],
  [{ source: [] }, /empty arrays are not allowed at "source"/],
  [{ detail: { n: [{ prefixx: 'a' }] } }, /unrecognized match type prefixx at "detail.n"/],
  [{ n: [{ prefix: 'a', suffix: 'b' }] }, /exactly one key/],
  [{ n: [{ prefix: 5 }] }, /prefix match pattern must be a string/],
  [{ n: [{ numeric: ['>', 'x'] }] }, /numeric match value after ">" must be a number/],
  [{ n: [{ numeric: ['<', 5, '>', 1] }] }, /lower bound/],
  [{ n: [{ numeric: ['~', 5] }] }, /unrecognized numeric range operator: "~"/],
  [{ n: [{ numeric: ['>', 1e10] }] }, /out of range/],
  [{ n: [{ numeric: ['=', 1, '<', 4] }] }, /cannot be combined/],
  [{ n: [{ exists: 'yes' }] }, /exists match pattern must be either true or false/],
  [{ n: [{ cidr: '10.0.0.0/33' }] }, /cidr match must be/],
  [{ n: [{ cidr: '300.0.0.0/8' }] }, /cidr match must be/],
  [{ n: [{ wildcard: 'a**b' }] }, /consecutive wildcard characters/],
  [{ n: [{ 'anything-but': ['a', 1] }] }, /only strings or only numbers/],
  [{ n: [{ 'anything-but': { contains: 'a' } }] }, /unsupported anything-but pattern: "contains"/],
  [{ $or: [{ a: ['x'] }] }, /"\$or" must be an array of at least two pattern objects/],
  [{ n: [{ wildcard: 'a*' }] }, /^Invalid parameter: FilterPolicy: unrecognized match type wildcard/, 'sns-attributes'],
  [{ a: { b: ['x'] } }, /cannot nest objects/, 'sns-attributes'],
  [{ a: ['1', '2', '3', '4', '5', '6'], b: ['1', '2', '3', '4', '5'], c: ['1', '2', '3', '4', '5', '6'] }, /180 combinations of values; SNS allows at most 150/, 'sns-attributes'],
];

test('invalid patterns throw INVALID_EVENT_PATTERN in the service\'s words', () => {
  for (const [p, re, dialect] of invalid) {
    assert.throws(
      () => compilePattern(p, { dialect }),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, 'INVALID_EVENT_PATTERN');
        assert.match(e.message, re, JSON.stringify(p));
        return true;
      },
    );
  }
});

test('SNS MessageAttributes scope: String, Number, String.Array, Binary; numeric "=" and anything-but', () => {
  const attrs = {
    store: { DataType: 'String', StringValue: 'example_corp' },
    event: { DataType: 'String', StringValue: 'order_placed' },
    customer_interests: { DataType: 'String.Array', StringValue: '["soccer", "rugby", "hockey"]' },
    price_usd: { DataType: 'Number', StringValue: '210.75' },
    version: { DataType: 'String', StringValue: '5' },
    blob: { DataType: 'Binary', BinaryValue: 'AAE=' },
  };
  assert.deepEqual(attributesEvent(attrs), { store: 'example_corp', event: 'order_placed', customer_interests: ['soccer', 'rugby', 'hockey'], price_usd: 210.75, version: '5' });
  const yes = (policy: unknown) => compileFilterPolicy(policy)('body', attrs);
  assert.equal(yes({ store: ['example_corp'], event: [{ 'anything-but': 'order_cancelled' }], customer_interests: ['rugby', 'football', 'baseball'], price_usd: [{ numeric: ['>=', 100] }] }), true);
  assert.equal(yes({ price_usd: [{ numeric: ['=', 210.75] }] }), true);
  assert.equal(yes({ customer_interests: ['tennis'] }), false);
  // A String attribute holding digits is a string: numeric conditions do not match it (SNS's rule).
  assert.equal(yes({ version: [{ numeric: ['=', 5] }] }), false);
  assert.equal(yes({ blob: [{ exists: true }] }), false);
  assert.equal(yes({ missing: [{ exists: false }] }), true);
  assert.equal(yes({ $or: [{ store: ['other'] }, { event: [{ prefix: 'order_' }] }] }), true);
});

test('SNS MessageBody scope: nested keys of the JSON body; a non-JSON body matches nothing', () => {
  const f = compileFilterPolicy('{"order": {"status": ["paid"], "total": [{"numeric": [">", 10]}]}}', 'MessageBody');
  assert.equal(f('{"order": {"status": "paid", "total": 12}}', {}), true);
  assert.equal(f('{"order": {"status": "paid", "total": 2}}', {}), false);
  assert.equal(f('not json', {}), false);
  assert.equal(f('[1]', {}), false);
});
