// Parsing: short-form tags become long form, positions are kept, JSON errors are located; template discovery.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { discoverTemplate, loadTemplate } from '../../../src/core/template/index';
import { findJsonSyntaxError } from '../../../src/core/template/jsonSyntax';
import { parseTemplateText } from '../../../src/core/template/parse';
import { rejectsWith, tempProject } from './helpers';

void test('short-form tags become their long form', () => {
  const text = [
    'A: !Ref Name',
    'B: !GetAtt Res.Arn',
    'C: !GetAtt [Res, Outputs.Url]',
    'D: !Sub "x-${Y}"',
    'E: !If [Cond, 1, 2]',
    'F: !Not [!Condition Other]',
    'G: !Join [",", [a, !Ref L]]',
    'H: !Select [0, !GetAZs ""]',
  ].join('\n');
  const { data } = parseTemplateText(text, '/t/template.yaml', 'template.yaml');
  assert.deepEqual(data, {
    A: { Ref: 'Name' },
    B: { 'Fn::GetAtt': ['Res', 'Arn'] },
    C: { 'Fn::GetAtt': ['Res', 'Outputs.Url'] },
    D: { 'Fn::Sub': 'x-${Y}' },
    E: { 'Fn::If': ['Cond', 1, 2] },
    F: { 'Fn::Not': [{ Condition: 'Other' }] },
    G: { 'Fn::Join': [',', ['a', { Ref: 'L' }]] },
    H: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
  });
});

void test('positions: keys, maps and intrinsics carry 1-based line and column', () => {
  const { data, sourceMap } = parseTemplateText('Resources:\n  Fn:\n    Type: X\n    Properties:\n      Env: !Ref P\n', '/t/template.yaml', 'template.yaml');
  const resources = (data as Record<string, Record<string, Record<string, unknown>>>).Resources;
  assert.deepEqual(sourceMap.key(resources, 'Fn'), { line: 2, column: 3 });
  const props = resources.Fn.Properties as Record<string, unknown>;
  assert.deepEqual(sourceMap.key(props, 'Env'), { line: 5, column: 7 });
  assert.deepEqual(sourceMap.node(props.Env), { line: 5, column: 17 });
});

void test('YAML anchors and merge keys are expanded', () => {
  const { data } = parseTemplateText('base: &b\n  Runtime: nodejs20.x\n  Handler: x.y\nfn:\n  <<: *b\n  Handler: a.b\nalias: *b\n', '/t/template.yaml', 'template.yaml');
  const d = data as Record<string, unknown>;
  assert.deepEqual(d.fn, { Handler: 'a.b', Runtime: 'nodejs20.x' });
  assert.deepEqual(d.alias, { Runtime: 'nodejs20.x', Handler: 'x.y' });
});

void test('duplicate keys are a TEMPLATE_SYNTAX error at the duplicate', () => {
  assert.throws(() => parseTemplateText('A: 1\nA: 2\n', '/t/template.yaml', 'template.yaml'), {
    code: 'TEMPLATE_SYNTAX',
    message: 'Template is not valid YAML; fix the syntax at template.yaml:2:1: Map keys must be unique',
    line: 2,
    column: 1,
  });
});

void test('a second YAML document is TEMPLATE_SYNTAX at its start, in our words', () => {
  assert.throws(() => parseTemplateText('Resources: {}\n---\nOther: 1\n', '/t/template.yaml', 'template.yaml'), {
    code: 'TEMPLATE_SYNTAX',
    message: 'Template is not valid YAML; fix the syntax at template.yaml:2:1: A template holds one YAML document; remove the second one (after ---)',
    line: 2,
    column: 1,
  });
});

void test('JSON syntax errors are located without quoting the text', () => {
  assert.equal(findJsonSyntaxError('{"a": [1, 2], "b": {"c": null}}'), undefined);
  assert.deepEqual(findJsonSyntaxError('{"a": 1,}'), { offset: 8, reason: 'expected a double-quoted property name' });
  assert.deepEqual(findJsonSyntaxError('{"a": [1 2]}'), { offset: 9, reason: "expected ',' or ']'" });
  assert.deepEqual(findJsonSyntaxError('{"a": "open'), { offset: 11, reason: 'unterminated string' });
  assert.deepEqual(findJsonSyntaxError('{"a": 1} x'), { offset: 9, reason: 'unexpected text after the end of the JSON value' });
  assert.deepEqual(findJsonSyntaxError('{"a": '), { offset: 6, reason: 'unexpected end of input' });
});

void test('discovery prefers template.yaml, then template.yml, then template.json', () => {
  const all = tempProject({ 'template.json': '{}', 'template.yml': 'a: 1', 'template.yaml': 'a: 1' });
  assert.equal(discoverTemplate(all), `${all}/template.yaml`);
  const two = tempProject({ 'template.json': '{}', 'template.yml': 'a: 1' });
  assert.equal(discoverTemplate(two), `${two}/template.yml`);
  const json = tempProject({ 'template.json': '{}' });
  assert.equal(discoverTemplate(json), `${json}/template.json`);
});

void test('no template in the folder is TEMPLATE_NOT_FOUND naming the files looked for', async () => {
  const empty = tempProject({ 'readme.md': 'x' });
  assert.throws(() => discoverTemplate(empty), {
    code: 'TEMPLATE_NOT_FOUND',
    message: `No SAM template found. Add template.yaml, template.yml, template.json or pass --template PATH; looked in: ${empty}`,
  });
  await rejectsWith(Promise.resolve().then(() => discoverTemplate(empty)), {
    code: 'TEMPLATE_NOT_FOUND',
    message: `No SAM template found. Add template.yaml, template.yml, template.json or pass --template PATH; looked in: ${empty}`,
    file: empty,
  });
});

void test('a template without Resources is TEMPLATE_INVALID', async () => {
  const project = tempProject({ 'template.yaml': 'Description: nothing here\n' });
  await rejectsWith(loadTemplate({ cwd: project }), {
    code: 'TEMPLATE_INVALID',
    message: 'Template has no Resources section (template.yaml:1). Add Resources with at least one AWS::Serverless::Function',
    line: 1,
  });
});
