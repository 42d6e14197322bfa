// Function properties: code locations, limits, images, layers, and the errors each gives.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadTemplate } from '../../../src/core/template/index';
import { rejectsWith, tempProject } from './helpers';

/** A one-function SAM template whose Properties are the default ones plus `extra` (8-space indented lines). */
function samFunction(extra: string, props = '      CodeUri: src/\n      Runtime: nodejs20.x\n      Handler: app.handler\n'): string {
  return `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${props}${extra}`;
}

async function load(template: string, files: Record<string, string> = { 'src/': '' }) {
  return loadTemplate({ cwd: tempProject({ 'template.yaml': template, ...files }) });
}

void test('CodeUri as an S3 object or s3:// URI is rejected: only local code is supported', async () => {
  await rejectsWith(load(samFunction('      CodeUri:\n        Bucket: my-bucket\n        Key: code.zip\n', '      Runtime: nodejs20.x\n      Handler: app.handler\n')), {
    code: 'TEMPLATE_INVALID',
    message: 'CodeUri of function "Fn" points at Amazon S3 (template.yaml:8). Only local code is supported: set CodeUri to a folder or .zip path relative to the template, instead of: s3://my-bucket/code.zip',
    line: 8,
  });
  await rejectsWith(load(samFunction('      CodeUri: s3://my-bucket/code.zip\n', '      Runtime: nodejs20.x\n      Handler: app.handler\n')), {
    code: 'TEMPLATE_INVALID',
    message: 'CodeUri of function "Fn" points at Amazon S3 (template.yaml:8). Only local code is supported: set CodeUri to a folder or .zip path relative to the template, instead of: s3://my-bucket/code.zip',
  });
});

void test('CodeUri to a .zip is {kind: zip}; InlineCode is {kind: inline}', async () => {
  const project = tempProject({ 'template.yaml': samFunction('', '      CodeUri: build/fn.zip\n      Runtime: python3.12\n      Handler: app.handler\n'), 'build/fn.zip': 'PK' });
  const [fn] = (await loadTemplate({ cwd: project })).functions;
  assert.deepEqual(fn.code, { kind: 'zip', path: `${project}/build/fn.zip` });
  const inline = await load(samFunction('      InlineCode: "def handler(e, c): return 1"\n', '      Runtime: python3.12\n      Handler: index.handler\n'));
  assert.deepEqual(inline.functions[0].code, { kind: 'inline', source: 'def handler(e, c): return 1' });
});

void test('a plain Lambda function with Code.S3Bucket is rejected', async () => {
  const tpl = 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      Code:\n        S3Bucket: artifacts\n        S3Key: fn.zip\n';
  await rejectsWith(load(tpl), {
    code: 'TEMPLATE_INVALID',
    message: 'Code of function "Fn" points at Amazon S3 (template.yaml:7). Only local code is supported: set Code to a folder or .zip path relative to the template, instead of: s3://artifacts/fn.zip',
    line: 7,
  });
});

void test('PackageType Image (no Runtime) is a clear "images are not supported" error', async () => {
  await rejectsWith(load(samFunction('      PackageType: Image\n      ImageUri: hello:latest\n', '')), {
    code: 'TEMPLATE_INVALID',
    message: 'Function "Fn" is a container image function (PackageType: Image) (template.yaml:6). Container images are not supported; use PackageType Zip with a Runtime and Handler',
    line: 6,
  });
});

void test('a missing Runtime or Handler names what to add', async () => {
  await rejectsWith(load(samFunction('', '      CodeUri: src/\n      Handler: app.handler\n')), {
    code: 'TEMPLATE_INVALID',
    message: 'Function "Fn" has no Runtime (template.yaml:3). Add Runtime (to the function or Globals.Function), one of: nodejs22.x, nodejs24.x, python3.12, python3.13, python3.14, provided.al2023',
    line: 3,
  });
  await rejectsWith(load(samFunction('', '      CodeUri: src/\n      Runtime: python3.12\n')), {
    code: 'TEMPLATE_INVALID',
    message: 'Function "Fn" has no Handler (template.yaml:3). Add Handler, e.g. app.handler (file app, export handler)',
  });
  const provided = await load(samFunction('', '      CodeUri: src/\n      Runtime: provided.al2023\n'));
  assert.equal(provided.functions[0].handler, undefined);
  assert.equal('handler' in provided.functions[0], false);
});

void test('MemorySize, Timeout and EphemeralStorage are range-checked; numeric strings accepted', async () => {
  await rejectsWith(load(samFunction('      MemorySize: 64\n')), {
    code: 'INVALID_PARAMETER',
    message: 'MemorySize of function "Fn" is out of range (template.yaml:9). Use a whole number from 128 to 10240 MB, not: 64',
    line: 9,
  });
  await rejectsWith(load(samFunction('      Timeout: 901\n')), {
    code: 'INVALID_PARAMETER',
    message: 'Timeout of function "Fn" is out of range (template.yaml:9). Use a whole number from 1 to 900 seconds, not: 901',
  });
  await rejectsWith(load(samFunction('      EphemeralStorage:\n        Size: 20000\n')), {
    code: 'INVALID_PARAMETER',
    message: 'EphemeralStorage.Size of function "Fn" is out of range (template.yaml:9). Use a whole number from 512 to 10240 MB, not: 20000',
  });
  const ok = await load(samFunction('      MemorySize: "1769"\n      Timeout: 900\n'));
  assert.deepEqual([ok.functions[0].memorySize, ok.functions[0].timeout], [1769, 900]);
});

void test('Architectures must hold exactly one known architecture', async () => {
  await rejectsWith(load(samFunction('      Architectures: [x86_64, arm64]\n')), {
    code: 'INVALID_PARAMETER',
    message: 'Architectures of function "Fn" must list exactly one architecture (template.yaml:9). Use [x86_64] or [arm64], not: ["x86_64","arm64"]',
  });
});

void test('an invalid env var name and a map value are rejected', async () => {
  await rejectsWith(load(samFunction('      Environment:\n        Variables:\n          1BAD: x\n')), {
    code: 'INVALID_PARAMETER',
    message: 'Environment variable name "1BAD" is not valid in function "Fn" (template.yaml:11). Rename it: names match [a-zA-Z][a-zA-Z0-9_]+ and must not be one Lambda sets itself (AWS_REGION, _HANDLER, …)',
    line: 11,
  });
  await rejectsWith(load(samFunction('      Environment:\n        Variables:\n          CONFIG:\n            nested: 1\n')), {
    code: 'TEMPLATE_INVALID',
    message: 'Environment variable "CONFIG" of function "Fn" is not a string, number or boolean (template.yaml:11). Give it a scalar value (or an intrinsic that resolves to one)',
  });
});

void test('Layers: a non-ARN string is rejected, more than five is rejected', async () => {
  await rejectsWith(load(samFunction('      Layers:\n        - my-layer\n')), {
    code: 'TEMPLATE_INVALID',
    message: 'Layer entry of function "Fn" is neither a layer ARN nor a layer in this template (template.yaml:9). Use an ARN or !Ref to an AWS::Serverless::LayerVersion, not: "my-layer"',
  });
  const six = [1, 2, 3, 4, 5, 6].map((n) => `        - arn:aws:lambda:us-east-1:123456789012:layer:l${n}:1\n`).join('');
  await rejectsWith(load(samFunction(`      Layers:\n${six}`)), {
    code: 'INVALID_PARAMETER',
    message: 'Function "Fn" uses 6 layers (template.yaml:9). Lambda allows at most 5; remove some',
  });
});

void test('a Ref to a layer whose Condition is false names the condition', async () => {
  const tpl = samFunction('      Layers:\n        - !Ref Shared\n  Shared:\n    Type: AWS::Serverless::LayerVersion\n    Condition: Never\n    Properties:\n      ContentUri: src/\nConditions:\n  Never: !Equals [a, b]\n');
  await rejectsWith(load(tpl), {
    code: 'UNRESOLVED_REFERENCE',
    message: 'Reference "Shared" in function "Fn" points at a resource left out because its Condition "Never" is false (template.yaml:10). Guard the reference with Fn::If "Never", or change the condition',
    line: 10,
  });
});

void test('two functions with the same FunctionName are rejected', async () => {
  const tpl = samFunction('      FunctionName: same\n  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: same\n      CodeUri: src/\n      Runtime: nodejs20.x\n      Handler: app.handler\n');
  await rejectsWith(load(tpl), {
    code: 'TEMPLATE_INVALID',
    message: 'Functions "Fn" and "Other" share the FunctionName "same" (template.yaml:10). Give each function its own FunctionName',
  });
});

void test('an AWS::Lambda::EventInvokeConfig resource fills the function\'s config for its Qualifier', async () => {
  const tpl = samFunction(
    '  FnInvokeConfig:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n      FunctionName: !Ref Fn\n      Qualifier: $LATEST\n      MaximumEventAgeInSeconds: 60\n      MaximumRetryAttempts: 0\n' +
      '  LiveInvokeConfig:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n      FunctionName: !Ref Fn\n      Qualifier: live\n      MaximumRetryAttempts: 1\n',
  );
  const model = await load(tpl);
  assert.deepEqual(model.functions[0].eventInvokeConfigs, { $LATEST: { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 0 }, live: { MaximumRetryAttempts: 1 } });
});

void test('SAM puts EventInvokeConfig on the AutoPublishAlias when there is one', async () => {
  const model = await load(samFunction('      AutoPublishAlias: live\n      EventInvokeConfig:\n        MaximumRetryAttempts: 0\n'));
  assert.deepEqual(model.functions[0].eventInvokeConfigs, { live: { MaximumRetryAttempts: 0 } });
});

void test('unknown resource types are ignored and other transforms warn', async () => {
  const tpl = samFunction('  Topic:\n    Type: AWS::SNS::Topic\n  Machine:\n    Type: Custom::Thing\n').replace('Transform: AWS::Serverless-2016-10-31', 'Transform: [AWS::Serverless-2016-10-31, AWS::Include]');
  const model = await load(tpl);
  assert.deepEqual(model.functions.map((f) => f.logicalId), ['Fn']);
  assert.deepEqual(model.warnings, ['Transform "AWS::Include" is not applied locally; only AWS::Serverless-2016-10-31 and AWS::LanguageExtensions are understood (template.yaml:1)']);
});

void test('an intrinsic around a whole property (Environment: !If …) is honoured', async () => {
  const tpl = `Conditions:\n  On: !Equals [a, a]\n  Off: !Equals [a, b]\n${samFunction('      Environment: !If\n        - On\n        - Variables:\n            MODE: on\n        - !Ref AWS::NoValue\n      Tracing: !If [Off, Active, !Ref AWS::NoValue]\n')}`;
  const [fn] = (await load(tpl)).functions;
  assert.deepEqual(fn.environment, { MODE: 'on' });
  assert.equal('tracing' in fn, false);
});

void test('an event without Type is TEMPLATE_INVALID at the event line', async () => {
  await rejectsWith(load(samFunction('      Events:\n        Hello:\n          Properties:\n            Path: /\n')), {
    code: 'TEMPLATE_INVALID',
    message: 'Event "Hello" of function "Fn" has no Type (template.yaml:10). Add Type (Api, HttpApi, SQS, Schedule, …)',
    line: 10,
  });
});
