// Per-resource loading (issue 11): a function or layer that cannot be resolved is kept with its coded error at
// the offending property; the others load. Only syntax errors fail the template as a whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTemplate } from '../../../src/core/template/index';
import { assertBroken, tempProject } from './helpers';

const HEAD = 'Transform: AWS::Serverless-2016-10-31\nResources:\n';
const fn = (id: string, props: string) => `  ${id}:\n    Type: AWS::Serverless::Function\n    Properties:\n${props}`;

void test('a broken layer breaks the functions that use it, at their Layers line; the others load', async () => {
  const dir = tempProject({
    'template.yaml':
      HEAD +
      '  BadLayer:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      ContentUri: no-such-folder/\n' +
      fn('Healthy', '      CodeUri: src/\n      Handler: a.b\n      Runtime: nodejs22.x\n') +
      fn('UsesBadLayer', '      CodeUri: src/\n      Handler: a.b\n      Runtime: nodejs22.x\n      Layers:\n        - !Ref BadLayer\n'),
    'src/a.js': '',
  });
  const model = await loadTemplate({ cwd: dir });
  assert.deepEqual(model.functions.map((f) => f.logicalId), ['Healthy']);
  assertBroken(model, { BadLayer: 'CODE_URI_NOT_FOUND', UsesBadLayer: 'CODE_URI_NOT_FOUND' });
  const uses = model.broken.find((b) => b.logicalId === 'UsesBadLayer')!;
  assert.equal(uses.error.line, 19);
  assert.match(uses.error.message, /^Layer "BadLayer" of function "UsesBadLayer" cannot be loaded \(template\.yaml:19\)\. ContentUri of layer "BadLayer" does not exist \(template\.yaml:6\)\./);
  assert.deepEqual([uses.kind, uses.runtime, uses.templateLine], ['function', 'nodejs22.x', 13]);
});

void test('the second of two functions sharing a FunctionName is the broken one', async () => {
  const dir = tempProject({
    'template.yaml': HEAD + fn('A', '      InlineCode: x\n      Handler: a.b\n      Runtime: nodejs22.x\n      FunctionName: same\n') + fn('B', '      InlineCode: x\n      Handler: a.b\n      Runtime: nodejs22.x\n      FunctionName: same\n'),
  });
  const model = await loadTemplate({ cwd: dir });
  assert.deepEqual(model.functions.map((f) => f.logicalId), ['A']);
  assertBroken(model, { B: 'TEMPLATE_INVALID' });
});

void test('a resource without Type is left out with a warning, not a template error', async () => {
  const dir = tempProject({ 'template.yaml': HEAD + '  Nothing:\n    Properties: {}\n' + fn('A', '      InlineCode: x\n      Handler: a.b\n      Runtime: nodejs22.x\n') });
  const model = await loadTemplate({ cwd: dir });
  assert.deepEqual(model.functions.map((f) => f.logicalId), ['A']);
  assert.deepEqual(model.warnings, ['Resource "Nothing" has no Type and is ignored; add Type, e.g. AWS::Serverless::Function (template.yaml:3)']);
});

void test('Java, .NET and Ruby runtimes, and python2.7, are UNSUPPORTED_RUNTIME at the Runtime line', async () => {
  const dir = tempProject({ 'template.yaml': HEAD + fn('J', '      InlineCode: x\n      Handler: a::b\n      Runtime: java21\n') });
  const [broken] = (await loadTemplate({ cwd: dir })).broken;
  assert.equal(broken.error.code, 'UNSUPPORTED_RUNTIME');
  assert.equal(broken.error.line, 8);
  assert.equal(broken.error.message, 'Function "J" uses java21, which cannot run locally: Lambda Workbench runs Node.js, Python and custom (provided.*) runtimes only (template.yaml:8). Run it with `sam local`, or use one of: nodejs22.x, nodejs24.x, python3.12, python3.13, python3.14, provided.al2023');
});
