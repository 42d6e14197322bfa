// Unit: safe extraction refuses hostile archives with the exact reason and writes nothing; good archives
// extract with executable bits and in-destination symlinks kept.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { extractZip, PackagingError, type ExtractLimits } from '../../../src/core/packaging';
import { craftZip, removeDir, tempDir, type CraftEntry } from './helpers';

const root = tempDir();
after(() => removeDir(root));
let n = 0;

async function extract(entries: CraftEntry[], limits?: Partial<ExtractLimits>): Promise<{ dest: string; result: { files: number; bytes: number } }> {
  const dir = path.join(root, `case-${n++}`);
  const zip = `${dir}.zip`;
  writeFileSync(zip, craftZip(entries));
  const result = await extractZip(zip, path.join(dir, 'dest'), limits);
  return { dest: path.join(dir, 'dest'), result };
}

/** Asserts the exact coded refusal, and that neither the destination nor any temp sibling was left behind. */
async function refused(entries: CraftEntry[], reason: string, limits?: Partial<ExtractLimits>): Promise<void> {
  const dir = path.join(root, `case-${n++}`);
  const zip = `${dir}.zip`;
  writeFileSync(zip, craftZip(entries));
  await assert.rejects(extractZip(zip, path.join(dir, 'dest'), limits), (e: unknown) => {
    assert.ok(e instanceof PackagingError, String(e));
    assert.equal(e.code, 'UNSAFE_ARCHIVE');
    assert.equal(e.reason, reason, e.message);
    return true;
  });
  assert.deepEqual(existsSync(dir) ? readdirSync(dir) : [], []);
  assert.equal(existsSync('/tmp/evil'), false);
}

describe('extractZip refuses hostile archives', () => {
  test('../ traversal', () => refused([{ name: 'ok.txt', data: 'fine' }, { name: '../evil', data: 'x' }], 'PATH_TRAVERSAL'));
  test('nested traversal', () => refused([{ name: 'a/../../evil', data: 'x' }], 'PATH_TRAVERSAL'));
  test('absolute path', () => refused([{ name: '/tmp/evil', data: 'x' }], 'PATH_TRAVERSAL'));
  test('drive letter', () => refused([{ name: 'C:/evil', data: 'x' }], 'PATH_TRAVERSAL'));
  test('backslash', () => refused([{ name: '..\\evil', data: 'x' }], 'PATH_TRAVERSAL'));
  test('symlink to /etc/passwd', () => refused([{ name: 'link', data: '/etc/passwd', mode: 0o120777 }], 'LINK_OUTSIDE'));
  test('symlink to ../../x', () => refused([{ name: 'a/link', data: '../../x', mode: 0o120777 }], 'LINK_OUTSIDE'));
  test('symlink escaping through another symlink', () =>
    refused([{ name: 'a/up', data: '..', mode: 0o120777 }, { name: 'b', data: 'a/up/..', mode: 0o120777 }], 'LINK_OUTSIDE'));
  test('a file written through a symlink', () =>
    refused([{ name: 'dir', data: '.', mode: 0o120777 }, { name: 'dir/x.txt', data: 'x' }], 'LINK_OUTSIDE'));
  test('too many entries', () =>
    refused(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: 'x' })), 'TOO_MANY_ENTRIES', { maxEntries: 10 }));
  test('total over the limit', () =>
    refused([{ name: 'a', data: 'x'.repeat(600) }, { name: 'b', data: 'x'.repeat(600) }], 'TOO_LARGE', { maxTotalBytes: 1000 }));
  test('huge declared size', () => refused([{ name: 'bomb', data: 'x', deflate: true, declaredSize: 0xfffffff0 }], 'TOO_LARGE'));
  test('entry over the per-entry limit', () => refused([{ name: 'big', data: 'x'.repeat(2000) }], 'TOO_LARGE', { maxEntryBytes: 1000 }));
  test('high compression ratio', () => refused([{ name: 'zeros', data: Buffer.alloc(2 * 1024 * 1024), deflate: true }], 'COMPRESSION_RATIO'));
  test('duplicate names', () => refused([{ name: 'a.js', data: '1' }, { name: 'a.js', data: '2' }], 'DUPLICATE_ENTRY'));
  test('duplicate after normalization', () => refused([{ name: 'a/b.js', data: '1' }, { name: 'a//./b.js', data: '2' }], 'DUPLICATE_ENTRY'));
  test('not a ZIP', async () => {
    const zip = path.join(root, 'not-a-zip.zip');
    writeFileSync(zip, 'hello');
    await assert.rejects(extractZip(zip, path.join(root, 'nz')), (e: unknown) => e instanceof PackagingError && e.reason === 'INVALID_ZIP');
    assert.equal(existsSync(path.join(root, 'nz')), false);
  });
});

describe('extractZip extracts good archives', () => {
  test('files, folders, executable bits and in-destination symlinks', async () => {
    const { dest, result } = await extract([
      { name: 'lib/', mode: 0o040755 },
      { name: 'bootstrap', data: '#!/bin/sh\n', mode: 0o100755 },
      { name: 'lib/data.txt', data: 'hello', deflate: true },
      { name: 'lib/current', data: 'data.txt', mode: 0o120777 },
    ]);
    assert.deepEqual(result, { files: 2, bytes: 15 });
    assert.equal(statSync(path.join(dest, 'bootstrap')).mode & 0o777, 0o755);
    assert.equal(statSync(path.join(dest, 'lib/data.txt')).mode & 0o777, 0o644);
    assert.equal(readlinkSync(path.join(dest, 'lib/current')), 'data.txt');
    assert.equal(readFileSync(path.join(dest, 'lib/current'), 'utf8'), 'hello');
  });

  test('replaces an existing destination only on success', async () => {
    const dir = path.join(root, 'replace');
    writeFileSync(`${dir}-good.zip`, craftZip([{ name: 'new.txt', data: 'new' }]));
    writeFileSync(`${dir}-bad.zip`, craftZip([{ name: '../evil', data: 'x' }]));
    await extractZip(`${dir}-good.zip`, dir);
    await assert.rejects(extractZip(`${dir}-bad.zip`, dir));
    assert.deepEqual(readdirSync(dir), ['new.txt']);
    assert.deepEqual(readdirSync(root).filter((f) => f.startsWith('replace.')), []);
  });
});
