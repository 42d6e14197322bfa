// Globals.Function merges as the SAM translator merges it: scalars replaced, maps by key, lists concatenated.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyFunctionGlobals } from '../../../src/core/template/globals';
import { loadTemplate } from '../../../src/core/template/index';
import { SourceMap } from '../../../src/core/template/parse';
import { fixture, tempProject } from './helpers';

void test('scalars: the resource wins; absent in the resource: Globals fills in', () => {
  const merged = applyFunctionGlobals({ Runtime: 'nodejs20.x', Timeout: 10, MemorySize: 256 }, { Timeout: 30, Handler: 'a.b' }, new SourceMap());
  assert.deepEqual(merged, { Runtime: 'nodejs20.x', Timeout: 30, MemorySize: 256, Handler: 'a.b' });
});

void test('maps merge key by key at every depth, the resource winning', () => {
  const merged = applyFunctionGlobals(
    { Environment: { Variables: { A: '1', B: '2' } }, Tags: { team: 'core', cost: 'x' } },
    { Environment: { Variables: { B: 'local', C: '3' } }, Tags: { cost: 'y' } },
    new SourceMap(),
  );
  assert.deepEqual(merged, { Environment: { Variables: { A: '1', B: 'local', C: '3' } }, Tags: { team: 'core', cost: 'y' } });
});

void test('lists concatenate with Globals first; Architectures is replaced', () => {
  const merged = applyFunctionGlobals(
    { Layers: ['arn:g1', { Ref: 'L' }], Architectures: ['x86_64'] },
    { Layers: ['arn:r1'], Architectures: ['arm64'] },
    new SourceMap(),
  );
  assert.deepEqual(merged, { Layers: ['arn:g1', { Ref: 'L' }, 'arn:r1'], Architectures: ['arm64'] });
});

void test('an intrinsic counts as a scalar, and a type mismatch takes the resource value', () => {
  const merged = applyFunctionGlobals(
    { Environment: { Variables: { A: '1' } }, Timeout: { Ref: 'T' }, Layers: ['arn:g'] },
    { Environment: { 'Fn::If': ['C', { Variables: {} }, { Ref: 'AWS::NoValue' }] }, Timeout: { 'Fn::If': ['C', 1, 2] }, Layers: { Ref: 'List' } },
    new SourceMap(),
  );
  assert.deepEqual(merged, {
    Environment: { 'Fn::If': ['C', { Variables: {} }, { Ref: 'AWS::NoValue' }] },
    Timeout: { 'Fn::If': ['C', 1, 2] },
    Layers: { Ref: 'List' },
  });
});

void test('layer fixture: Globals layers come first, then the function\'s own; environment merges', async () => {
  const model = await loadTemplate({ cwd: fixture('lambda-layer') });
  const [report, ping] = model.functions;
  assert.deepEqual(report.layers, [
    { kind: 'logical', logicalId: 'SharedLayer' },
    { kind: 'logical', logicalId: 'VendorLayer' },
    { kind: 'arn', arn: 'arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:7' },
  ]);
  assert.deepEqual(report.environment, { LOG_LEVEL: 'INFO', STAGE: 'prod', REPORT_BUCKET: 'reports' });
  assert.deepEqual(ping.layers, [{ kind: 'logical', logicalId: 'SharedLayer' }]);
  assert.deepEqual(ping.environment, { LOG_LEVEL: 'INFO', STAGE: 'dev' });
  assert.deepEqual([report.runtime, report.timeout, ping.runtime, ping.timeout], ['python3.12', 10, 'python3.12', 10]);
});

void test('layer fixture: both layer resource kinds become LayerConfig', async () => {
  const dir = fixture('lambda-layer');
  const { layers } = await loadTemplate({ cwd: dir });
  assert.deepEqual(layers, [
    {
      logicalId: 'SharedLayer',
      layerName: 'shared-utils',
      templatePath: `${dir}/template.yaml`,
      templateLine: 17,
      resourceType: 'AWS::Serverless::LayerVersion',
      content: { kind: 'directory', path: `${dir}/layers/shared` },
      compatibleRuntimes: ['python3.12', 'python3.13'],
      compatibleArchitectures: ['x86_64'],
      metadata: { BuildMethod: 'python3.12' },
      description: 'Helpers shared by every function',
    },
    {
      logicalId: 'VendorLayer',
      layerName: 'VendorLayer',
      templatePath: `${dir}/template.yaml`,
      templateLine: 31,
      resourceType: 'AWS::Lambda::LayerVersion',
      content: { kind: 'zip', path: `${dir}/layers/vendor.zip` },
      compatibleRuntimes: ['python3.12'],
      compatibleArchitectures: [],
    },
  ]);
});

void test('an error in a value that came from Globals cites the Globals line', async () => {
  const project = tempProject({
    'template.yaml': 'Globals:\n  Function:\n    Runtime: nodejs9.x\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n',
  });
  const [broken] = (await loadTemplate({ cwd: project })).broken;
  assert.deepEqual({ code: broken.error.code, line: broken.error.line, column: broken.error.column }, { code: 'UNKNOWN_RUNTIME', line: 3, column: 5 });
});

void test('Globals do not apply to plain AWS::Lambda::Function resources', async () => {
  const project = tempProject({
    'template.yaml': 'Globals:\n  Function:\n    Timeout: 60\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      Code:\n        ZipFile: "x"\n',
  });
  const [fn] = (await loadTemplate({ cwd: project })).functions;
  assert.equal(fn.timeout, 3);
});
