// Unit: the on-disk cache of parsed templates (template/parseCache.ts) — what comes back is the same data
// with the same position of every map, list and key; what JSON would alter is never kept; a torn entry or
// another text is a miss; loadTemplate through the cache gives the same model and the same positioned errors.
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadTemplate } from '../../../src/core/template';
import { parseTemplateText, type ParsedTemplate } from '../../../src/core/template/parse';
import { cachedParse, diskParseCache, storeParse } from '../../../src/core/template/parseCache';
import { userCacheDir } from '../../../src/core/runtimes/machineFacts';
import { tempDir } from '../../helpers/tempDirs';

const TEXT = [
  'Transform: AWS::Serverless-2016-10-31',
  'Resources:',
  '  Fn:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      Handler: index.handler',
  '      Runtime: nodejs20.x',
  '      Environment:',
  '        Variables: { TABLE: !Ref Table, NAME: !Sub "${AWS::StackName}-x", N: 3, OFF: false, NONE: null }',
  '      Layers: [!Ref L1, arn:aws:lambda:us-east-1:123456789012:layer:x:1]',
  '',
].join('\n');

/** Every position the source map holds, by the path of its object in the data. */
function positions(p: ParsedTemplate): string[] {
  const out: string[] = [];
  const visit = (v: unknown, path: string): void => {
    if (typeof v !== 'object' || v === null) return;
    const n = p.sourceMap.node(v);
    if (n) out.push(`${path} @${n.line}:${n.column}`);
    for (const [k, kp] of p.sourceMap.keysOf(v) ?? []) out.push(`${path}.${k} key@${kp.line}:${kp.column}`);
    for (const [k, child] of Object.entries(v)) visit(child, `${path}/${k}`);
  };
  visit(p.data, '');
  return out;
}

const entries = (): string[] => readdirSync(join(userCacheDir(), 'template-parse')).filter((n) => n.endsWith('.json'));

test('a stored parse comes back with the same data and every position of maps, lists and keys', () => {
  const parsed = parseTemplateText(TEXT, 't.yaml', 't.yaml');
  assert.equal(cachedParse(TEXT), undefined);
  storeParse(TEXT, parsed);
  const again = cachedParse(TEXT);
  assert.ok(again, 'not kept');
  assert.deepEqual(again.data, parsed.data);
  const want = positions(parsed);
  assert.ok(want.length > 20, `too few positions to compare: ${want.length}`);
  assert.deepEqual(positions(again), want);
  // Another text (one space more) is another entry.
  assert.equal(cachedParse(`${TEXT} `), undefined);
});

test('an alias (a copy of its anchor, at the anchor\'s position) is kept exactly', () => {
  const text = 'A: &a { x: [1, { y: 2 }] }\nB: *a\n';
  const parsed = parseTemplateText(text, 't.yaml', 't.yaml');
  storeParse(text, parsed);
  const again = cachedParse(text);
  assert.ok(again);
  assert.deepEqual(again.data, parsed.data);
  assert.deepEqual(positions(again), positions(parsed));
});

test('data JSON would alter is not kept: -0, a __proto__ key', () => {
  const before = entries().length;
  for (const text of [
    'A: -0\n',
    'A: { "__proto__": { polluted: true } }\n',
  ]) {
    storeParse(text, parseTemplateText(text, 't.yaml', 't.yaml'));
    assert.equal(cachedParse(text), undefined, text);
  }
  assert.equal(entries().length, before);
});

test('a torn entry is a miss, and the next store replaces it', () => {
  const text = 'Resources: {}\nOutputs: { A: { Value: 1 } }\n';
  const parsed = parseTemplateText(text, 't.yaml', 't.yaml');
  storeParse(text, parsed);
  const dir = join(userCacheDir(), 'template-parse');
  assert.ok(cachedParse(text));
  for (const n of entries()) writeFileSync(join(dir, n), '{"data":{"Resources":{}},"nodes":[[99,1,1]]');
  assert.equal(cachedParse(text), undefined);
  storeParse(text, parsed);
  assert.deepEqual(cachedParse(text)?.data, parsed.data);
});

test('loadTemplate through the cache: the same model, and a broken template still fails with its position', async () => {
  const dir = tempDir('lw-parse-cache-');
  writeFileSync(join(dir, 'template.yaml'), TEXT);
  const plain = await loadTemplate({ cwd: dir });
  const first = await loadTemplate({ cwd: dir, parseCache: diskParseCache });
  const second = await loadTemplate({ cwd: dir, parseCache: diskParseCache });
  assert.deepEqual(first, plain);
  assert.deepEqual(second, plain);
  writeFileSync(join(dir, 'template.yaml'), 'Resources:\n  Fn: [unclosed\n');
  for (let i = 0; i < 2; i++) {
    await assert.rejects(loadTemplate({ cwd: dir, parseCache: diskParseCache }), (e: Error & { code?: string; line?: number }) => {
      assert.equal(e.code, 'TEMPLATE_SYNTAX');
      assert.match(e.message, /template\.yaml:\d+:\d+/);
      return true;
    });
  }
});
