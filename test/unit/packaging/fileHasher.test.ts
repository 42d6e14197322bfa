// Unit: the content-hash table and its journal — a later process trusts what an earlier one hashed while a
// file's stat is unchanged, reads what changed, survives a torn line, and rewrites the journal when stale.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FileHasher } from '../../../src/core/packaging/fileHasher';
import { removeDir, tempDir } from './helpers';

const root = tempDir('lw-hasher-');
after(() => removeDir(root));

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A file with an mtime an hour old, so a table trusts its stat. */
function file(name: string, text: string): { source: string; size: number; mtimeMs: number; ino: number } {
  const source = join(root, name);
  writeFileSync(source, text);
  const old = new Date(Date.now() - 3600_000);
  utimesSync(source, old, old);
  const st = statSync(source);
  return { source, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
}

test('a later table trusts the journal while the stat is unchanged, and reads a file forgotten or changed', async () => {
  const journal = join(root, 'a.jsonl');
  const a = file('a.txt', 'aaa');
  const b = file('b.txt', 'bbb');
  const first = new FileHasher(journal);
  assert.deepEqual(await first.hashAll([a, b]), [sha('aaa'), sha('bbb')]);
  await first.save();
  assert.equal(readFileSync(journal, 'utf8').split('\n').filter(Boolean).length, 2);

  // Same size, same mtime, new bytes: the stat cannot tell, the table answers what it knew.
  writeFileSync(a.source, 'AAA');
  utimesSync(a.source, new Date(a.mtimeMs), new Date(a.mtimeMs));
  const second = new FileHasher(journal);
  assert.deepEqual(await second.hashAll([a, b]), [sha('aaa'), sha('bbb')]);
  second.forget(a.source);
  assert.deepEqual(await second.hashAll([a, b]), [sha('AAA'), sha('bbb')]);
  await second.save();
  // One line appended for the changed entry, nothing rewritten.
  assert.equal(readFileSync(journal, 'utf8').split('\n').filter(Boolean).length, 3);

  appendFileSync(journal, '["torn", 3, 1');
  const third = new FileHasher(journal);
  assert.deepEqual(await third.hashAll([a, b]), [sha('AAA'), sha('bbb')]);
});

test('a journal mostly made of stale lines is rewritten with one line per file', async () => {
  const journal = join(root, 'b.jsonl');
  const f = file('c.txt', 'c0');
  const stale = Array.from({ length: 10_001 }, (_, i) => JSON.stringify([join(root, `gone-${i}`), 1, 1, 1, '', 0])).join('\n');
  writeFileSync(journal, `${stale}\n`);
  const h = new FileHasher(journal);
  await h.hashAll([f]);
  await h.save();
  const lines = readFileSync(journal, 'utf8').split('\n').filter(Boolean);
  assert.equal(lines.length, 1);
  const [path, size, mtimeMs, ino, hash] = JSON.parse(lines[0]) as [string, number, number, number, string];
  assert.deepEqual([path, size, mtimeMs, ino, hash], [f.source, 2, f.mtimeMs, f.ino, sha('c0')]);
});
