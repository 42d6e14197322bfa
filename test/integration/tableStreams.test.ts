// Integration: local tables and their DynamoDB-Streams-like streams (§11.4) through service.streams, on a
// virtual engine clock and real journals: INSERT / MODIFY / REMOVE with Keys / NewImage / OldImage per
// StreamViewType, SizeBytes as the DynamoDB docs' sample records give it, no record for an unchanged put or a
// delete of a missing item, key validation, plain JSON items converted, 24-hour retention, and everything
// there again after the engine restarts on the same state directory.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { VirtualClock } from '../../src/core/common/clock';
import { LambdaService } from '../../src/core/service';
import { fixtures, repoRoot, startEngine, type TestEngine } from './helpers/engine';

const T0 = Date.UTC(2026, 0, 1);

describe('table streams', () => {
  let e: TestEngine;
  let clock: VirtualClock;
  before(() => {
    clock = new VirtualClock(T0);
    e = startEngine(join(fixtures, 'streams'), { engineClock: clock });
  });
  after(() => e.dispose());

  const records = async (table: string) => {
    const t = await e.service.streams.table(table);
    return t.readAfter(t.shardIds()[0], -1, 100).map((r) => ({ eventName: r.eventName, eventID: r.eventID, dynamodb: t.dynamodbOf(r) }));
  };

  test('the docs sample (NEW_AND_OLD_IMAGES): INSERT 26 bytes, MODIFY 59, REMOVE 38, with the images and increasing sequence numbers', async () => {
    const t = await e.service.streams.createTable('docs-sample', [{ name: 'Id', type: 'HASH' }], 'NEW_AND_OLD_IMAGES');
    assert.match(t.arn, /^arn:aws:dynamodb:us-east-1:123456789012:table\/docs-sample\/stream\/2026-01-01T00:00:00\.000$/);
    assert.deepEqual(await e.service.streams.putItem('docs-sample', { Id: { N: '101' }, Message: { S: 'New item!' } }), { eventName: 'INSERT', sequenceNumber: '100000000000000000000' });
    clock.advance(1500);
    await e.service.streams.putItem('docs-sample', { Id: { N: '101' }, Message: { S: 'This item has changed' } });
    await e.service.streams.deleteItem('docs-sample', { Id: { N: '101' } });
    const rs = await records('docs-sample');
    assert.deepEqual(
      rs.map((r) => [r.eventName, r.dynamodb.SizeBytes]),
      [
        ['INSERT', 26],
        ['MODIFY', 59],
        ['REMOVE', 38],
      ],
    );
    assert.deepEqual(rs[1].dynamodb, {
      ApproximateCreationDateTime: Math.floor((T0 + 1500) / 1000),
      Keys: { Id: { N: '101' } },
      NewImage: { Id: { N: '101' }, Message: { S: 'This item has changed' } },
      OldImage: { Id: { N: '101' }, Message: { S: 'New item!' } },
      SequenceNumber: '100000000000000000001',
      SizeBytes: 59,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    assert.deepEqual(Object.keys(rs[2].dynamodb), ['ApproximateCreationDateTime', 'Keys', 'OldImage', 'SequenceNumber', 'SizeBytes', 'StreamViewType']);
    for (const r of rs) assert.match(r.eventID, /^[0-9a-f]{32}$/);
    assert.equal(new Set(rs.map((r) => r.eventID)).size, 3);
  });

  const VIEWS: { table: string; insert: string[]; modify: string[]; remove: string[] }[] = [
    { table: 'keys-only', insert: ['Keys'], modify: ['Keys'], remove: ['Keys'] },
    { table: 'new-image', insert: ['Keys', 'NewImage'], modify: ['Keys', 'NewImage'], remove: ['Keys'] },
    { table: 'old-image', insert: ['Keys'], modify: ['Keys', 'OldImage'], remove: ['Keys', 'OldImage'] },
  ];
  for (const v of VIEWS) {
    test(`${v.table}: the images each change carries`, async () => {
      await e.service.streams.putItem(v.table, { Id: 'a', n: 1 });
      await e.service.streams.putItem(v.table, { Id: 'a', n: 2 });
      await e.service.streams.deleteItem(v.table, { Id: 'a' });
      const rs = await records(v.table);
      const parts = (d: Record<string, unknown>) => Object.keys(d).filter((k) => ['Keys', 'NewImage', 'OldImage'].includes(k));
      assert.deepEqual(
        rs.map((r) => [r.eventName, parts(r.dynamodb)]),
        [
          ['INSERT', v.insert],
          ['MODIFY', v.modify],
          ['REMOVE', v.remove],
        ],
      );
      assert.deepEqual(rs[0].dynamodb.Keys, { Id: { S: 'a' } }, 'plain JSON is stored as DynamoDB JSON');
    });
  }

  test('a composite key; an unchanged put and a delete of a missing item make no record; a missing key is refused', async () => {
    await e.service.streams.putItem('orders', { pk: { S: 'o#1' }, sk: { N: '1' }, total: { N: '10' } });
    assert.deepEqual(await e.service.streams.putItem('orders', { total: { N: '10' }, sk: { N: '1' }, pk: { S: 'o#1' } }), {});
    assert.deepEqual(await e.service.streams.deleteItem('orders', { pk: { S: 'o#1' }, sk: { N: '2' } }), {});
    await assert.rejects(e.service.streams.putItem('orders', { pk: { S: 'o#2' } }), /range key "sk"/);
    await assert.rejects(e.service.streams.putItem('orders', { pk: { BOOL: true }, sk: { N: '1' } }), /hash key "pk"/);
    const rs = await records('orders');
    assert.deepEqual(rs.map((r) => r.eventName), ['INSERT']);
    assert.deepEqual(rs[0].dynamodb.Keys, { pk: { S: 'o#1' }, sk: { N: '1' } });
    // A table without a stream keeps items and has no shard.
    await e.service.streams.putItem('plain', { Id: 'x' });
    assert.deepEqual((await e.service.streams.table('plain')).shardIds(), []);
    assert.deepEqual(await e.service.streams.getItem('plain', { Id: 'x' }), { Id: { S: 'x' } });
  });

  test('stream records live 24 hours; items stay', async () => {
    await e.service.streams.createTable('ttl-test', [{ name: 'Id', type: 'HASH' }], 'KEYS_ONLY');
    await e.service.streams.putItem('ttl-test', { Id: 'old' });
    clock.advance(23 * 3_600_000);
    await e.service.streams.putItem('ttl-test', { Id: 'new' });
    clock.advance(2 * 3_600_000);
    assert.deepEqual((await records('ttl-test')).map((r) => r.dynamodb.Keys), [{ Id: { S: 'new' } }]);
    assert.equal((await e.service.streams.table('ttl-test')).itemCount(), 2);
  });

  test('after a restart on the same state directory: items, records, sequence numbers and API-made tables are kept', async () => {
    const before = await records('docs-sample');
    await e.service.dispose();
    const again = new LambdaService({ cwd: join(fixtures, 'streams'), stateDir: e.stateDir, runtimesDir: join(repoRoot, 'dist', 'runtimes'), engineClock: clock });
    try {
      const t = await again.streams.table('docs-sample');
      assert.deepEqual(t.readAfter(t.shardIds()[0], -1, 100).map((r) => t.dynamodbOf(r)), before.map((r) => r.dynamodb));
      assert.equal((await again.streams.putItem('docs-sample', { Id: { N: '7' } })).sequenceNumber, '100000000000000000003');
      assert.deepEqual(await again.streams.getItem('orders', { pk: { S: 'o#1' }, sk: { N: '1' } }), { pk: { S: 'o#1' }, sk: { N: '1' }, total: { N: '10' } });
    } finally {
      await again.dispose();
    }
  });
});
