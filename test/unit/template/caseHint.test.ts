// CodeUri spelled with another case than the folder on disk: Lambda (Linux) is case-sensitive.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sameButCase } from '../../../src/core/template/code';
import { tempProject } from './helpers';

void test('each segment is matched case-insensitively against what exists; folders end with /', () => {
  const dir = tempProject({ 'src/producerFunction/app.js': '', 'Other/file.zip': '' });
  assert.equal(sameButCase(dir, 'src/ProducerFunction/'), 'src/producerFunction/');
  assert.equal(sameButCase(dir, 'SRC/producerfunction'), 'src/producerFunction/');
  assert.equal(sameButCase(dir, './other/FILE.zip'), 'Other/file.zip');
  assert.equal(sameButCase(dir, 'src/missing/'), undefined);
  assert.equal(sameButCase(dir, 'src/producerFunction/'), undefined, 'nothing differs');
});
