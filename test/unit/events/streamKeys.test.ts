// Unit: the stream arithmetic — shard hash-key ranges (even split of 0…2^128−1, contiguous), MD5 hash keys
// against the documented rule, ExplicitHashKey validation, sequence-number order and parsing — and DynamoDB's
// item sizes (the rules SizeBytes follows) and JSON detection/conversion, table-driven.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { counterOf, hashKeyOf, HASH_KEY_MAX, sequenceNumber, shardFor, shardRanges } from '../../../src/core/events/stream/hashKeys';
import { isDynamoItem, itemSize, toItem } from '../../../src/core/events/table/dynamoJson';

describe('stream hash keys and sequence numbers', () => {
  for (const n of [1, 2, 3, 4, 7, 500]) {
    test(`${n} shards cover the key space without gaps`, () => {
      const r = shardRanges(n);
      assert.equal(r.length, n);
      assert.equal(r[0].start, 0n);
      assert.equal(r[n - 1].end, HASH_KEY_MAX);
      for (let i = 1; i < n; i++) assert.equal(r[i].start, r[i - 1].end + 1n);
      assert.equal(shardFor(r, 0n), 0);
      assert.equal(shardFor(r, HASH_KEY_MAX), n - 1);
    });
  }

  const KEYS: [string, string][] = [
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['user-1', createHash('md5').update('user-1').digest('hex')],
  ];
  for (const [pk, md5] of KEYS) test(`hash key of "${pk}" is its MD5 as an unsigned 128-bit number`, () => assert.equal(hashKeyOf(pk), BigInt(`0x${md5}`)));

  test('ExplicitHashKey wins and is validated', () => {
    assert.equal(hashKeyOf('ignored', '42'), 42n);
    assert.equal(hashKeyOf('x', HASH_KEY_MAX.toString()), HASH_KEY_MAX);
    for (const bad of ['-1', 'abc', (HASH_KEY_MAX + 1n).toString(), '1.5', '']) assert.throws(() => hashKeyOf('x', bad), /ExplicitHashKey/, bad);
  });

  test('sequence numbers: 56 digits, ordered as strings and as numbers, counter recoverable', () => {
    const seqs = [0, 1, 9, 10, 12345, 10 ** 12].map((n) => sequenceNumber(n, 3));
    for (const s of seqs) assert.match(s, /^\d{56}$/);
    assert.deepEqual([...seqs].sort(), seqs);
    assert.deepEqual(seqs.map(counterOf), [0, 1, 9, 10, 12345, 10 ** 12]);
    assert.equal(counterOf('123'), undefined);
  });
});

describe('DynamoDB item sizes and JSON', () => {
  const SIZES: [string, Record<string, any>, number][] = [
    ['docs sample keys', { Id: { N: '101' } }, 5],
    ['docs sample new image', { Message: { S: 'New item!' }, Id: { N: '101' } }, 21],
    ['number: trailing zeros do not count', { n: { N: '1000' } }, 1 + 2],
    ['utf-8 string', { s: { S: 'é' } }, 1 + 2],
    ['binary', { b: { B: Buffer.from('abc').toString('base64') } }, 1 + 3],
    ['bool and null', { t: { BOOL: true }, z: { NULL: true } }, 2 + 2],
    ['list', { l: { L: [{ S: 'a' }, { N: '1' }] } }, 1 + 3 + (1 + 1) + (1 + 2)],
    ['map', { m: { M: { k: { S: 'v' } } } }, 1 + 3 + 1 + 1 + 1],
  ];
  for (const [what, item, size] of SIZES) test(`size: ${what}`, () => assert.equal(itemSize(item), size));

  test('DynamoDB JSON is recognised and kept; plain JSON is converted; other values are refused', () => {
    assert.equal(isDynamoItem({ id: { S: '1' } }), true);
    assert.equal(isDynamoItem({ id: '1' }), false);
    assert.equal(isDynamoItem({ id: { S: '1', N: '2' } }), false);
    assert.deepEqual(toItem({ id: '1', n: 2, ok: true, none: null, tags: ['a'], m: { x: 1 } }), { id: { S: '1' }, n: { N: '2' }, ok: { BOOL: true }, none: { NULL: true }, tags: { L: [{ S: 'a' }] }, m: { M: { x: { N: '1' } } } });
    for (const bad of [[], 'x', null, 1]) assert.throws(() => toItem(bad), /JSON object/);
  });
});
