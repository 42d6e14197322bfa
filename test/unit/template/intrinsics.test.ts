// Intrinsic functions, Parameters and Conditions, through the intrinsics fixture and small throwaway templates.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadTemplate } from '../../../src/core/template/index';
import { fixture, rejectsWith, tempProject } from './helpers';

const dir = fixture('intrinsics');

void test('every supported intrinsic resolves (short and long form) with default parameters', async () => {
  const model = await loadTemplate({ cwd: dir });
  const api = model.functions[0];
  assert.deepEqual(api.environment, {
    FIRST_SUBNET: 'subnet-a',
    SECOND_PORT: '443',
    HOST: 'example',
    ARTIFACTS: 'artifacts-use1',
    FALLBACK: 'none',
    LITERAL: '${NotAVariable}-dev',
    ENCODED: 'aGk=',
    ZONE: 'us-east-1b',
    SHARED: 'shared-vpc-id',
    STACK_ID: 'arn:aws:cloudformation:us-east-1:123456789012:stack/intrinsics/00000000-0000-0000-0000-000000000000',
    ACCOUNT: '123456789012',
    OTHER_FN: 'Worker',
    OTHER_FN_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:Worker',
    DEV_ONLY: 'yes',
    DEV_OR_DEBUG: '1',
    PROD_AND_DEBUG: '0',
    LONG_FORM: 'us-east-1:dev',
  });
  assert.deepEqual(model.warnings, [
    'Fn::ImportValue "shared-vpc-id" in function "Api" reads another stack\'s export, which is not available locally; using the export name as the value (template.yaml:87)',
  ]);
});

void test('function settings resolve from intrinsics and keep Lambda semantics', async () => {
  const [api] = (await loadTemplate({ cwd: dir })).functions;
  const { environment: _env, templatePath: _path, code: _code, ...rest } = api;
  assert.deepEqual(rest, {
    logicalId: 'Api',
    functionName: 'intrinsics-api-dev',
    templateLine: 47,
    resourceType: 'AWS::Serverless::Function',
    description: 'API for dev in us-east-1 (aws, amazonaws.com)',
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    memorySize: 512,
    timeout: 10,
    ephemeralStorage: 1024,
    architectures: ['x86_64'],
    logging: { logFormat: 'JSON', logGroup: '/custom/dev/api', applicationLogLevel: 'DEBUG', systemLogLevel: 'WARN' },
    layers: [],
    events: [],
    reservedConcurrency: 5,
    provisionedConcurrency: 2,
    autoPublishAlias: 'live',
    eventInvokeConfigs: { live: { MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Type: 'SQS', Destination: 'arn:aws:sqs:us-east-1:123456789012:Dlq' } } } },
    deadLetterConfig: { Type: 'SQS', TargetArn: 'arn:aws:sqs:us-east-1:123456789012:Dlq' },
    metadata: { BuildMethod: 'esbuild', BuildProperties: { Minify: true } },
    tracing: 'Active',
    propertyLines: { Runtime: 39, Handler: 40, CodeUri: 41 },
  });
});

void test('overrides flip conditions: Fn::If picks the other branch, AWS::NoValue removes, Condition adds a resource', async () => {
  const model = await loadTemplate({ cwd: dir, parameterOverrides: { Stage: 'prod', DebugKey: 'k1', Memory: '2048' }, region: 'eu-west-1' });
  assert.deepEqual(model.functions.map((f) => f.logicalId), ['Api', 'Worker', 'ProdAlarmFunction']);
  const api = model.functions[0];
  assert.deepEqual([api.functionName, api.timeout, api.memorySize], ['intrinsics-api-prod', 30, 2048]);
  assert.equal(api.environment.DEV_ONLY, undefined);
  assert.deepEqual(
    [api.environment.PROD_ONLY, api.environment.DEV_OR_DEBUG, api.environment.PROD_AND_DEBUG, api.environment.ARTIFACTS, api.environment.ZONE],
    ['yes', '1', '1', 'artifacts-euw1', 'eu-west-1b'],
  );
  assert.equal(model.functions[2].runtime, 'nodejs22.x');
});

void test('a value outside AllowedValues is INVALID_PARAMETER listing the allowed ones', async () => {
  await rejectsWith(loadTemplate({ cwd: dir, parameterOverrides: { Stage: 'qa' } }), {
    code: 'INVALID_PARAMETER',
    message: 'Parameter "Stage" does not allow the value "qa" (template.yaml:6). Use one of: dev, prod',
    line: 6,
  });
});

void test('a Number parameter rejects a non-number; List<Number> rejects a non-number item', async () => {
  await rejectsWith(loadTemplate({ cwd: dir, parameterOverrides: { Memory: 'lots' } }), {
    code: 'INVALID_PARAMETER',
    message: 'Parameter "Memory" has Type Number (template.yaml:16). Pass a number, not: "lots"',
  });
  await rejectsWith(loadTemplate({ cwd: dir, parameterOverrides: { Ports: '80,http' } }), {
    code: 'INVALID_PARAMETER',
    message: 'Parameter "Ports" has Type List<Number> (template.yaml:13). Every item must be a number, not: "http"',
  });
});

const BASE = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Runtime: nodejs20.x\n      Handler: app.handler\n';

void test('an override for an undeclared parameter is a warning; a parameter without value resolves to "" with a warning (SAM CLI)', async () => {
  const project = tempProject({ 'template.yaml': `Parameters:\n  Secret:\n    Type: String\n    NoEcho: true\n${BASE}      Environment:\n        Variables:\n          SECRET: !Ref Secret\n          AGAIN: !Sub '\${Secret}-x'\n`, 'src/': '' });
  const blank = await loadTemplate({ cwd: project });
  assert.deepEqual(blank.functions[0].environment, { SECRET: '', AGAIN: '-x' });
  assert.deepEqual(blank.warnings, ['Parameter "Secret" has no Default and no --parameter-overrides value; it resolves to "" (first used in function "Fn"), as with SAM CLI (template.yaml:15)']);
  const model = await loadTemplate({ cwd: project, parameterOverrides: { Secret: 'x1', Extra: 'y' } });
  assert.equal(model.functions[0].environment.SECRET, 'x1');
  assert.deepEqual(model.warnings, ['Parameter override "Extra" is not declared under Parameters in the template; ignored']);
});

void test('an unsupported intrinsic in a used property is UNSUPPORTED_INTRINSIC; in an unused one, a warning', async () => {
  const used = tempProject({ 'template.yaml': `${BASE}      Environment:\n        Variables:\n          CIDR: !Cidr [10.0.0.0/16, 2, 8]\n`, 'src/': '' });
  await rejectsWith(loadTemplate({ cwd: used }), {
    code: 'UNSUPPORTED_INTRINSIC',
    message: 'Unsupported intrinsic function "Fn::Cidr" in function "Fn" (template.yaml:11). Replace it with a literal value or a supported function (Ref, Fn::Sub, Fn::GetAtt, Fn::If, Fn::Join, …)',
    line: 11,
  });
  const unused = tempProject({ 'template.yaml': `${BASE}      VpcConfig:\n        SubnetIds: !Cidr [10.0.0.0/16, 2, 8]\n`, 'src/': '' });
  const model = await loadTemplate({ cwd: unused });
  assert.deepEqual(model.warnings, ['Unsupported intrinsic function "Fn::Cidr" in property "VpcConfig" of "Fn" is ignored: the property is not used locally (template.yaml:9)']);
});

void test('Sub with an unknown ${Name} and GetAtt on an unknown resource are UNRESOLVED_REFERENCE', async () => {
  const sub = tempProject({ 'template.yaml': `${BASE}      Description: !Sub "table-\${Nope}"\n`, 'src/': '' });
  await rejectsWith(loadTemplate({ cwd: sub }), {
    code: 'UNRESOLVED_REFERENCE',
    message: 'Unresolved reference "Nope" in function "Fn" (template.yaml:9). Declare it under Parameters or Resources, or fix the name',
  });
  const att = tempProject({ 'template.yaml': `${BASE}      Description: !GetAtt Ghost.Arn\n`, 'src/': '' });
  await rejectsWith(loadTemplate({ cwd: att }), {
    code: 'UNRESOLVED_REFERENCE',
    message: 'Unresolved reference "Ghost.Arn" in function "Fn" (template.yaml:9). Declare a resource named "Ghost" under Resources, or fix the name',
  });
});

void test('an undefined Condition on a resource is UNRESOLVED_REFERENCE at the Condition line', async () => {
  const project = tempProject({ 'template.yaml': BASE.replace('    Properties:\n', '    Condition: Missing\n    Properties:\n'), 'src/': '' });
  await rejectsWith(loadTemplate({ cwd: project }), {
    code: 'UNRESOLVED_REFERENCE',
    message: 'Condition "Missing" used in resource "Fn" is not defined (template.yaml:5). Declare it under Conditions, or fix the name',
    line: 5,
  });
});
