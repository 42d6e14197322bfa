// Unit: the gitignore-syntax matcher behind .lambdaignore and the default exclusions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IgnoreMatcher } from '../../../src/core/packaging/ignoreRules';
import { DEFAULT_IGNORES } from '../../../src/core/packaging';

test('defaults: VCS, build dirs, bytecode anywhere; test folders only at the root', () => {
  const m = new IgnoreMatcher(DEFAULT_IGNORES);
  assert.equal(m.ignores('.git', true), true);
  assert.equal(m.ignores('sub/.aws-sam', true), true);
  assert.equal(m.ignores('pkg/__pycache__', true), true);
  assert.equal(m.ignores('pkg/mod.pyc', false), true);
  assert.equal(m.ignores('tests', true), true);
  assert.equal(m.ignores('__tests__', true), true);
  assert.equal(m.ignores('lib/tests', true), false);
  assert.equal(m.ignores('tests', false), false, 'a file named tests is kept');
  assert.equal(m.ignores('.lambdaignore', false), true);
  assert.equal(m.ignores('app.test.js', false), false);
});

test('gitignore syntax: globs, anchoring, **, dir-only, negation (last match wins)', () => {
  const m = new IgnoreMatcher(['*.md', '/docs/', 'build/**/*.map', '!KEEP.md', 'data?.csv', '# comment', '', 'src/**/fixtures']);
  assert.equal(m.ignores('README.md', false), true);
  assert.equal(m.ignores('a/b/NOTES.md', false), true);
  assert.equal(m.ignores('KEEP.md', false), false);
  assert.equal(m.ignores('docs', true), true);
  assert.equal(m.ignores('sub/docs', true), false);
  assert.equal(m.ignores('build/x/y/app.js.map', false), true);
  assert.equal(m.ignores('build/app.js.map', false), true);
  assert.equal(m.ignores('data1.csv', false), true);
  assert.equal(m.ignores('data10.csv', false), false);
  assert.equal(m.ignores('src/a/b/fixtures', true), true);
  assert.equal(m.ignores('src/fixtures', true), true);
});

test('an ignore file can re-include a default', () => {
  const m = new IgnoreMatcher([...DEFAULT_IGNORES, '!/tests/']);
  assert.equal(m.ignores('tests', true), false);
});
