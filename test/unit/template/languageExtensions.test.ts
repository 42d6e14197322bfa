// Fn::ForEach (AWS::LanguageExtensions) and CDK output (cdk.out/*.template.json with aws:asset:path metadata).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { loadTemplate } from '../../../src/core/template/index';
import { rejectsWith, tempProject } from './helpers';

const SAM_FIXTURES = resolve(__dirname, '../../../../test/fixtures/sam');

const FOR_EACH = `Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Parameters:
  Topics:
    Type: CommaDelimitedList
    Default: orders,pay-ments
Resources:
  Fn::ForEach::Handlers:
    - Name
    - !Ref Topics
    - '\${Name}Function':
        Type: AWS::Serverless::Function
        Properties:
          CodeUri: src/
          Handler: app.handler
          Runtime: nodejs20.x
          Environment:
            Variables:
              TOPIC: !Ref Name
              LABEL: !Sub 'handles-\${Name}'
      'Queue&{Name}':
        Type: AWS::SQS::Queue
`;

void test('Fn::ForEach expands a fragment per item: ${Id} and &{Id} in keys, Ref and Sub in values', async () => {
  const model = await loadTemplate({ cwd: tempProject({ 'template.yaml': FOR_EACH, 'src/': '' }) });
  assert.deepEqual(model.functions.map((f) => [f.logicalId, f.environment]), [
    ['ordersFunction', { TOPIC: 'orders', LABEL: 'handles-orders' }],
    ['pay-mentsFunction', { TOPIC: 'pay-ments', LABEL: 'handles-pay-ments' }],
  ]);
  assert.deepEqual(model.broken, []);
  assert.equal(model.warnings.some((w) => w.includes('ForEach')), false, model.warnings.join('\n'));
});

void test('Fn::ForEach with a collection from --parameter-overrides; a key made twice is TEMPLATE_INVALID', async () => {
  const dir = tempProject({ 'template.yaml': FOR_EACH, 'src/': '' });
  const model = await loadTemplate({ cwd: dir, parameterOverrides: { Topics: 'a,b,c' } });
  assert.deepEqual(model.functions.map((f) => f.logicalId), ['aFunction', 'bFunction', 'cFunction']);
  await rejectsWith(loadTemplate({ cwd: dir, parameterOverrides: { Topics: 'a,a' } }), {
    code: 'TEMPLATE_INVALID',
    message: 'Fn::ForEach makes "aFunction" twice (template.yaml:10). Give each item its own key: use ${Identifier} in the output key',
  });
});

void test('CDK output: cdk.out/<Stack>.template.json is found, and functions run from their aws:asset:path', async () => {
  const app = join(SAM_FIXTURES, 'cdk-app');
  const model = await loadTemplate({ cwd: app });
  assert.equal(model.templatePath, join(app, 'cdk.out', 'HelloStack.template.json'));
  const [fn] = model.functions;
  assert.equal(fn.logicalId, 'HelloHandler2E4FBA4D');
  assert.deepEqual(fn.code, { kind: 'directory', path: join(app, 'cdk.out', 'asset.5f1c2a9b') });
  assert.deepEqual(fn.environment, { TABLE_NAME: 'hello-table' });
  assert.deepEqual(model.broken, []);
});

void test('a nested application with a local Location: its functions join as Child/Fn, fed the Parameters', async () => {
  const dir = join(SAM_FIXTURES, 'nested');
  const model = await loadTemplate({ cwd: dir, envVarsFile: 'env.json' });
  assert.deepEqual(model.functions.map((f) => [f.logicalId, f.functionName]), [['Top', 'Top'], ['Child/Fn', 'Child-Fn']]);
  const child = model.functions[1];
  assert.deepEqual(child.environment, { GREETING: 'hello from the parent', STACK: 'nested-Child', MODE: 'from-env-vars' });
  assert.equal(child.logging.logGroup, '/aws/lambda/Child-Fn');
  assert.equal(child.templatePath, join(dir, 'child', 'template.yaml'));
  assert.deepEqual(model.warnings, ['Nested application "Remote" is not a local template (a Serverless Application Repository app), so its functions are not loaded (template.yaml:19)']);
});
