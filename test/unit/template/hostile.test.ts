// Hostile templates (alias cycles, deep nesting, intrinsics that multiply) fail fast with coded, positioned
// errors instead of a RangeError. Inputs that hung the loader are tested through the CLI, with a timeout, in
// test/integration/templateLimits.test.ts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { loadTemplate } from '../../../src/core/template/index';
import { rejectsWith, tempProject } from './helpers';

const HOSTILE = resolve(__dirname, '../../../../test/fixtures/template-hostile');
const FN = 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: .\n      Runtime: nodejs20.x\n      Handler: app.handler\n';

void test('an alias inside its own anchor is TEMPLATE_SYNTAX at the alias, not a RangeError', async () => {
  const dir = join(HOSTILE, 'self-alias');
  await rejectsWith(loadTemplate({ cwd: dir }), {
    code: 'TEMPLATE_SYNTAX',
    message: 'Template has a YAML alias inside its own anchor; fix the alias at template.yaml:9:20: *props is inside the node anchored &props, so expanding it never ends; alias a node outside it, or write the values out',
    file: join(dir, 'template.yaml'),
    line: 9,
    column: 20,
  });
});

void test('an alias with no anchor before it is TEMPLATE_SYNTAX naming it (it used to become null)', async () => {
  const project = tempProject({ 'template.yaml': `${FN}      Environment:\n        Variables: *vars\n` });
  await rejectsWith(loadTemplate({ cwd: project }), {
    code: 'TEMPLATE_SYNTAX',
    message: 'Template uses a YAML alias with no anchor; fix the alias at template.yaml:9:20: *vars has no &vars before it; define the anchor first, or fix the name',
    line: 9,
    column: 20,
  });
});

void test('an alias that copies too many values is refused at the alias', async () => {
  const items = Array.from({ length: 2000 }, (_, i) => i).join(', ');
  const copies = Array.from({ length: 60 }, () => '*big').join(', ');
  const project = tempProject({ 'template.yaml': `Metadata:\n  big: &big [${items}]\n  copies: [${copies}]\n${FN}` });
  const column = '  copies: ['.length + 1 + '*big, '.length * 49;
  await rejectsWith(loadTemplate({ cwd: project }), {
    code: 'TEMPLATE_SYNTAX',
    message: `Template's YAML aliases expand too far; fix the alias at template.yaml:3:${column}: expanding *big creates more than 100000 values; alias smaller nodes, or write the values out`,
    line: 3,
    column,
  });
});

void test('aliases of aliases that nest past 128 levels are refused at the outermost alias', async () => {
  const chain = ['  l0: &l0 [x]', ...Array.from({ length: 140 }, (_, i) => `  l${i + 1}: &l${i + 1} [*l${i}]`)];
  const project = tempProject({ 'template.yaml': `Metadata:\n${chain.join('\n')}\n${FN}` });
  // l<k>'s list sits at depth 3 (the root, Metadata, the list) and its aliases add k levels: l126 passes 128.
  await rejectsWith(loadTemplate({ cwd: project }), {
    code: 'TEMPLATE_SYNTAX',
    message: 'Template is nested too deeply; fix the structure at template.yaml:128:16: maps and lists nest more than 128 levels deep here; flatten it',
    line: 128,
    column: 16,
  });
});

void test('YAML nested 20,000 levels deep is TEMPLATE_SYNTAX at level 129', async () => {
  const project = tempProject({ 'template.yaml': `Metadata: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n${FN}` });
  await rejectsWith(loadTemplate({ cwd: project }), {
    code: 'TEMPLATE_SYNTAX',
    message: 'Template is nested too deeply; fix the structure at template.yaml:1:138: maps and lists nest more than 128 levels deep here; flatten it',
    line: 1,
    column: 138,
  });
});

void test('JSON nested 20,000 levels deep is TEMPLATE_SYNTAX at level 129, not "1:1: undefined"', async () => {
  const project = tempProject({ 'template.json': `{"Metadata": ${'['.repeat(20_000)}${']'.repeat(20_000)}, "Resources": {}}` });
  await rejectsWith(loadTemplate({ cwd: project }), {
    code: 'TEMPLATE_SYNTAX',
    message: 'Template is nested too deeply; fix the structure at template.json:1:141: objects and arrays nest more than 128 levels deep here; flatten them',
    line: 1,
    column: 141,
  });
});

void test('an env-vars file nested too deeply is ENV_VARS_FILE with the position', async () => {
  const project = tempProject({ 'template.yaml': FN, 'env.json': `{"Fn": ${'['.repeat(5000)}${']'.repeat(5000)}}` });
  await rejectsWith(loadTemplate({ cwd: project, envVarsFile: 'env.json' }), {
    code: 'ENV_VARS_FILE',
    message: 'Env-vars file is not valid JSON (env.json:1:135). Fix the syntax there: objects and arrays nest more than 128 levels deep here; flatten them',
    line: 1,
    column: 135,
  });
});

void test('a Fn::FindInMap that finds itself is a coded cycle, not a stack overflow', async () => {
  const project = tempProject({
    'template.yaml': `Mappings:\n  M:\n    a:\n      b: !FindInMap [M, a, b]\n${FN}      Environment:\n        Variables:\n          X: !FindInMap [M, a, b]\n`,
  });
  await rejectsWith(loadTemplate({ cwd: project }), {
    code: 'TEMPLATE_INVALID',
    message: 'Mapping entry "M.a.b" used in function "Fn" refers to itself through Fn::FindInMap (template.yaml:4). Mapping values must be literals: write the value out',
    line: 4,
    column: 21,
  });
});

void test('conditions that refer to each other name the whole cycle', async () => {
  const project = tempProject({
    'template.yaml': `Conditions:\n  A: !Not [!Condition B]\n  B: !And [!Condition C, !Condition C]\n  C: !Not [!Condition A]\n${FN.replace('  Fn:\n    Type', '  Fn:\n    Condition: A\n    Type')}`,
  });
  await rejectsWith(loadTemplate({ cwd: project }), {
    code: 'TEMPLATE_INVALID',
    message: 'Conditions "A" → "B" → "C" → "A" refer to each other in a cycle (template.yaml:2). Break the cycle in the Conditions section',
    line: 2,
    column: 3,
  });
});

void test('a chain of 1,000 conditions is a coded nesting error, not a RangeError', async () => {
  const chain = Array.from({ length: 1000 }, (_, i) => `  C${i}: !Not [!Condition C${i + 1}]`);
  const project = tempProject({
    'template.yaml': `Conditions:\n${chain.join('\n')}\n  C1000: !Equals [a, a]\n${FN.replace('  Fn:\n    Type', '  Fn:\n    Condition: C0\n    Type')}`,
  });
  // The function's Condition cannot be evaluated: that function is broken, the template still loads.
  const [broken] = (await loadTemplate({ cwd: project })).broken;
  assert.ok(broken, 'the function is kept as broken');
  ((e: Error & { code?: string }) => {
    assert.equal(e.code, 'TEMPLATE_INVALID');
    assert.match(e.message, /^Intrinsic functions in condition "C\d+" nest more than 512 levels deep \(template\.yaml:\d+\)\. Shorten the chain of Refs, Fn::GetAtt, Fn::FindInMap and Conditions that lead to each other$/);
  })(broken.error);
});

void test('a Fn::Sub that builds a value past 1,000,000 characters is refused before it is built', async () => {
  const project = tempProject({
    'template.yaml': `Parameters:\n  Big:\n    Type: String\n    Default: ${'x'.repeat(1000)}\n${FN}      Environment:\n        Variables:\n          X: !Sub "${'${Big}'.repeat(1001)}"\n`,
  });
  await rejectsWith(loadTemplate({ cwd: project }), {
    code: 'TEMPLATE_INVALID',
    message: '"Fn::Sub" in function "Fn" builds a value longer than 1000000 characters (template.yaml:14). Shorten the values it combines',
    line: 14,
    column: 19,
  });
});

void test('a Fn::Join over copies of a long value is refused before it is built', async () => {
  const refs = Array.from({ length: 2000 }, () => '!Ref Big').join(', ');
  const project = tempProject({
    'template.yaml': `Parameters:\n  Big:\n    Type: String\n    Default: ${'x'.repeat(1000)}\n${FN}      Environment:\n        Variables:\n          X: !Join ["", [${refs}]]\n`,
  });
  await rejectsWith(loadTemplate({ cwd: project }), {
    code: 'TEMPLATE_INVALID',
    message: '"Fn::Join" in function "Fn" builds a value longer than 1000000 characters (template.yaml:14). Shorten the values it combines',
    line: 14,
    column: 20,
  });
});

void test('an AllowedPattern that is not a regular expression is TEMPLATE_INVALID naming the parameter', async () => {
  const project = tempProject({ 'template.yaml': `Parameters:\n  Stage:\n    Type: String\n    Default: dev\n    AllowedPattern: "(dev"\n${FN}` });
  await rejectsWith(loadTemplate({ cwd: project }), {
    code: 'TEMPLATE_INVALID',
    message: 'AllowedPattern of parameter "Stage" is not a valid regular expression (template.yaml:2). Fix the pattern: Invalid regular expression: /(dev/: Unterminated group',
    line: 2,
    column: 3,
  });
});
