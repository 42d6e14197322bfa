// Unit (plain node, no vscode): lines for the Lambda Functions channel: JSON lines byte for byte, text lines
// with package paths mapped to the source file (which must exist), only the line break removed.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { render } from '../../../src/vscode/logs/outputLines';

const src = mkdtempSync(path.join(tmpdir(), 'lwb-lines-'));
writeFileSync(path.join(src, 'index.js'), '');

test('a JSON line stays exactly as written, even when it names a package path', () => {
  const line = '{"timestamp":"2026-12-02T10:00:00.000Z","level":"ERROR","stack":"at /var/task/index.js:3:9"}';
  assert.equal(render(`${line}\n`, src), line);
  assert.equal(render('  [1, 2]', src), '  [1, 2]');
});

test('a text line loses only its line break; package paths of files in the source folder map there', () => {
  assert.equal(render('START RequestId: abc Version: $LATEST\n', src), 'START RequestId: abc Version: $LATEST');
  assert.equal(render('    at handler (/var/task/index.js:3:9)', src), `    at handler (${path.join(src, 'index.js')}:3:9)`);
  assert.equal(render('    at x (/var/task/missing.js:1:1)', src), '    at x (/var/task/missing.js:1:1)');
  assert.equal(render('{not json /var/task/index.js', src), `{not json ${path.join(src, 'index.js')}`);
});
