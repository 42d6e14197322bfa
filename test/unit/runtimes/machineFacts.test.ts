// Unit: the on-disk facts file — a fact is returned only with the fingerprint it was stored under, a changed
// file (size or modification time) has a new fingerprint, and a torn, foreign or old file reads as empty.
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileFingerprint, MachineFacts, machineFacts, userCacheDir } from '../../../src/core/runtimes/machineFacts';
import { tempDir } from '../../helpers/tempDirs';

const dir = tempDir('lw-facts-');
let n = 0;
const freshFile = (): string => join(dir, `facts-${n++}.json`);

test('a stored fact comes back for its fingerprint only, also in another process (a new instance reads the file)', () => {
  const file = freshFile();
  const facts = new MachineFacts(file);
  assert.equal(facts.lookup('k', 'fp1'), undefined);
  facts.store('k', 'fp1', { version: '3.11' });
  assert.deepEqual(facts.lookup('k', 'fp1'), { version: '3.11' });
  assert.equal(facts.lookup('k', 'fp2'), undefined);
  const again = new MachineFacts(file);
  assert.deepEqual(again.lookup('k', 'fp1'), { version: '3.11' });
  again.store('k', 'fp2', { version: '3.12' });
  assert.equal(new MachineFacts(file).lookup('k', 'fp1'), undefined);
  assert.deepEqual(new MachineFacts(file).lookup('k', 'fp2'), { version: '3.12' });
});

test('two writers of one file keep each other\'s facts', () => {
  const file = freshFile();
  const a = new MachineFacts(file);
  const b = new MachineFacts(file);
  a.lookup('x', '-'); // both have read the (empty) file before either writes
  b.lookup('x', '-');
  a.store('a', 'fp', 1);
  b.store('b', 'fp', 2);
  const read = new MachineFacts(file);
  assert.equal(read.lookup('a', 'fp'), 1);
  assert.equal(read.lookup('b', 'fp'), 2);
});

test('a torn or foreign file reads as empty and is replaced by the next store', () => {
  for (const content of ['{"format":1,"entr', '[1,2,3]', '{"format":99,"entries":{"k":{"fingerprint":"fp","value":1,"storedAt":1}}}', '']) {
    const file = freshFile();
    writeFileSync(file, content);
    const facts = new MachineFacts(file);
    assert.equal(facts.lookup('k', 'fp'), undefined, content);
    facts.store('k', 'fp', 7);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).format, 1);
    assert.equal(new MachineFacts(file).lookup('k', 'fp'), 7);
  }
});

test('a fact stored more than a week ago is probed again', () => {
  const file = freshFile();
  const old = Date.now() - 8 * 24 * 3600_000;
  writeFileSync(file, JSON.stringify({ format: 1, entries: { k: { fingerprint: 'fp', value: 1, storedAt: old } } }));
  assert.equal(new MachineFacts(file).lookup('k', 'fp'), undefined);
});

test('a file\'s fingerprint changes with its size and with its modification time, and follows symlinks', () => {
  const file = join(dir, 'interp');
  writeFileSync(file, '#!/bin/sh\necho 1\n');
  const first = fileFingerprint(file);
  assert.ok(first?.startsWith(file + '|'));
  assert.equal(fileFingerprint(file), first);
  writeFileSync(file, '#!/bin/sh\necho 22\n');
  const resized = fileFingerprint(file);
  assert.notEqual(resized, first);
  const t = new Date(Date.now() - 3600_000);
  utimesSync(file, t, t);
  assert.notEqual(fileFingerprint(file), resized);
  symlinkSync(file, join(dir, 'link'));
  assert.equal(fileFingerprint(join(dir, 'link')), fileFingerprint(file));
  assert.equal(fileFingerprint(join(dir, 'missing')), undefined);
});

test('tests run with a cache folder of their own (LAMBDA_WORKBENCH_CACHE_DIR), never the user\'s', () => {
  assert.match(userCacheDir(), /lwb-cache-/);
  assert.equal(machineFacts().file, join(userCacheDir(), 'machine-facts.json'));
});
