// Unit: the append-only journal (real files): group commit (concurrent appends share one fsync), reading
// back after a reopen, a truncated or corrupted line detected with its file and byte offset while every
// good record is kept, and compaction replacing the file atomically.
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeDamage, encodeLine, Journal, type JournalDamage } from '../../../src/core/store/journal';
import { tempDir } from '../../helpers/tempDirs';

const dir = tempDir('lw-journal-');
let n = 0;
const file = () => join(dir, `j${n++}.journal`);

test('concurrent appends share one fsync, and every record is there after a reopen', async () => {
  const f = file();
  const { journal } = await Journal.open<{ i: number }>(f, () => assert.fail('no damage'));
  await Promise.all(Array.from({ length: 50 }, (_, i) => journal.append({ i })));
  assert.equal(journal.syncs, 1, 'one group commit for 50 appends made together');
  await journal.append({ i: 50 });
  assert.equal(journal.syncs, 2);
  await journal.close();
  const { journal: again, records } = await Journal.open<{ i: number }>(f, () => assert.fail('no damage'));
  assert.deepEqual(records.map((r) => r.i), Array.from({ length: 51 }, (_, i) => i));
  await again.close();
});

test('a truncated last record is reported with file and offset; the records before it are kept', async () => {
  const f = file();
  const good = encodeLine({ a: 1 }) + encodeLine({ a: 2 });
  writeFileSync(f, good + encodeLine({ a: 3 }).slice(0, 10));
  const damage: JournalDamage[] = [];
  const { journal, records } = await Journal.open<{ a: number }>(f, (d) => damage.push(d));
  assert.deepEqual(records, [{ a: 1 }, { a: 2 }]);
  assert.deepEqual(damage, [{ file: f, offset: Buffer.byteLength(good), length: 10, reason: 'truncated' }]);
  assert.match(describeDamage(damage[0]), new RegExp(`${f.replace(/[/.]/g, '\\$&')} has a truncated last record .* at byte offset ${Buffer.byteLength(good)} \\(10 bytes\\)`));
  assert.equal(readFileSync(`${f}.corrupt-${Buffer.byteLength(good)}`, 'utf8'), encodeLine({ a: 3 }).slice(0, 10));
  assert.equal(readFileSync(f, 'utf8'), good, 'the file keeps the good records only');
  await journal.append({ a: 4 });
  await journal.close();
  const { journal: j2, records: after } = await Journal.open<{ a: number }>(f, () => assert.fail('repaired'));
  assert.deepEqual(after, [{ a: 1 }, { a: 2 }, { a: 4 }]);
  await j2.close();
});

test('a record whose bytes changed fails its checksum; the records after it are kept too', async () => {
  const f = file();
  const first = encodeLine({ a: 1 });
  writeFileSync(f, first + encodeLine({ a: 2 }).replace('"a":2', '"a":7') + encodeLine({ a: 3 }));
  const damage: JournalDamage[] = [];
  const { journal, records } = await Journal.open<{ a: number }>(f, (d) => damage.push(d));
  assert.deepEqual(records, [{ a: 1 }, { a: 3 }]);
  assert.equal(damage.length, 1);
  assert.equal(damage[0].reason, 'checksum');
  assert.equal(damage[0].offset, Buffer.byteLength(first));
  await journal.close();
});

test('compaction replaces the file with the snapshot; appends made meanwhile land after it', async () => {
  const f = file();
  const { journal } = await Journal.open<{ k: string }>(f, () => undefined);
  for (let i = 0; i < 20; i++) await journal.append({ k: `old${i}` });
  const before = statSync(f).size;
  const compacting = journal.compact(() => [{ k: 'live' }]);
  const later = journal.append({ k: 'after' });
  await Promise.all([compacting, later]);
  assert.ok(statSync(f).size < before);
  await journal.close();
  const { journal: j2, records } = await Journal.open<{ k: string }>(f, () => assert.fail('no damage'));
  assert.deepEqual(records, [{ k: 'live' }, { k: 'after' }]);
  await j2.close();
  assert.ok(!existsSync(`${f}.corrupt-0`));
});

test('an empty file and a missing file both open as empty journals', async () => {
  const f = file();
  appendFileSync(f, '');
  const { journal, records } = await Journal.open(f, () => assert.fail('no damage'));
  assert.deepEqual(records, []);
  await journal.close();
});
