// Real-world templates (sam init apps and serverless-pattern shapes) load without error or warning.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadTemplate } from '../../../src/core/template/index';
import { fixture } from './helpers';

const REAL = ['sam-hello-nodejs', 'sam-hello-python', 'sqs-lambda', 'apigw-lambda-dynamodb', 'eventbridge-lambda', 's3-lambda', 'lambda-layer', 'quick-start-web', 'cfn-plain', 'json-hello'];

for (const name of REAL) {
  void test(`fixture ${name} loads with no warnings`, async () => {
    const model = await loadTemplate({ cwd: fixture(name) });
    assert.deepEqual(model.warnings, []);
    assert.equal(model.stackName, name);
    assert.ok(model.functions.length > 0);
  });
}

void test('sam init hello-world (Node.js) becomes exactly this FunctionConfig', async () => {
  const dir = fixture('sam-hello-nodejs');
  const model = await loadTemplate({ cwd: dir });
  assert.deepEqual(model.functions, [
    {
      logicalId: 'HelloWorldFunction',
      functionName: 'HelloWorldFunction',
      templatePath: `${dir}/template.yaml`,
      templateLine: 13,
      resourceType: 'AWS::Serverless::Function',
      handler: 'app.lambdaHandler',
      runtime: 'nodejs20.x',
      code: { kind: 'directory', path: `${dir}/hello-world` },
      memorySize: 128,
      timeout: 3,
      ephemeralStorage: 512,
      architectures: ['x86_64'],
      environment: {},
      logging: { logFormat: 'Text', logGroup: '/aws/lambda/HelloWorldFunction' },
      layers: [],
      events: [{ name: 'HelloWorld', type: 'Api', properties: { Path: '/hello', Method: 'get' } }],
      propertyLines: { CodeUri: 16, Handler: 17, Runtime: 18 },
    },
  ]);
  assert.deepEqual([model.region, model.accountId, model.layers], ['us-east-1', '123456789012', []]);
});

void test('sam init hello-world (Python) takes LoggingConfig from Globals and arm64 from the resource', async () => {
  const [fn] = (await loadTemplate({ cwd: fixture('sam-hello-python') })).functions;
  assert.deepEqual([fn.runtime, fn.handler, fn.architectures, fn.logging], ['python3.12', 'app.lambda_handler', ['arm64'], { logFormat: 'JSON', logGroup: '/aws/lambda/HelloWorldFunction' }]);
});

void test('queue, table and bucket references resolve to local physical names and ARNs', async () => {
  const sqs = (await loadTemplate({ cwd: fixture('sqs-lambda') })).functions[0];
  assert.deepEqual(sqs.environment, {
    QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/OrdersQueue',
    QUEUE_ARN: 'arn:aws:sqs:us-east-1:123456789012:OrdersQueue',
  });
  assert.deepEqual(sqs.events, [{ name: 'OrdersEvent', type: 'SQS', properties: { Queue: 'arn:aws:sqs:us-east-1:123456789012:OrdersQueue', BatchSize: 10 } }]);
  const ddb = (await loadTemplate({ cwd: fixture('apigw-lambda-dynamodb') })).functions[0];
  assert.equal(ddb.functionName, 'WeatherFunction');
  assert.equal(ddb.logging.logGroup, '/aws/lambda/WeatherFunction');
  assert.deepEqual(ddb.environment, { TABLE_NAME: 'WeatherData', TABLE_ARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/WeatherData' });
  const s3 = (await loadTemplate({ cwd: fixture('s3-lambda'), stackName: 'photos', accountId: '111122223333' })).functions[0];
  assert.deepEqual(s3.environment, { SOURCE_BUCKET: 'photos-uploads-111122223333', SOURCE_BUCKET_ARN: 'arn:aws:s3:::photos-uploads-111122223333' });
  assert.deepEqual(s3.events[0].properties, { Bucket: 'photos-uploads-111122223333', Events: 's3:ObjectCreated:*' });
});

void test('EventBridge pattern properties are kept as written', async () => {
  const [fn] = (await loadTemplate({ cwd: fixture('eventbridge-lambda') })).functions;
  assert.deepEqual(fn.events, [
    { name: 'Trigger', type: 'EventBridgeRule', properties: { Pattern: { source: ['custom.myApp'], 'detail-type': ['transaction'], detail: { location: [{ prefix: 'EUR-' }] } } } },
  ]);
});

void test('a function without CodeUri uses the template folder, as sam local does', async () => {
  const dir = fixture('quick-start-web');
  const model = await loadTemplate({ cwd: dir });
  assert.deepEqual(model.functions.map((f) => [f.logicalId, f.code, f.timeout, f.environment.SAMPLE_TABLE, f.description]), [
    ['getAllItemsFunction', { kind: 'directory', path: dir }, 100, 'SampleTable', 'Returns every item of the table'],
    ['putItemFunction', { kind: 'directory', path: dir }, 100, 'SampleTable', 'Adds one item to the table'],
  ]);
});

void test('plain CloudFormation: inline ZipFile, Code path, Parameters, Mappings, a false Condition', async () => {
  const dir = fixture('cfn-plain');
  const model = await loadTemplate({ cwd: dir });
  assert.deepEqual(model.functions.map((f) => f.logicalId), ['InlineFunction', 'PathFunction']);
  const [inline, path] = model.functions;
  assert.deepEqual(inline.code, { kind: 'inline', source: "exports.handler = async () => 'inline';\n" });
  assert.deepEqual([inline.functionName, inline.memorySize, inline.tracing, inline.resourceType], ['cfn-plain-inline-dev', 256, 'Active', 'AWS::Lambda::Function']);
  assert.deepEqual(inline.environment, { LOG_LEVEL: 'DEBUG', ROLE_ARN: 'arn:aws:iam::123456789012:role/LambdaRole' });
  assert.deepEqual(path.code, { kind: 'directory', path: `${dir}/code` });
  assert.deepEqual(path.deadLetterConfig, { TargetArn: 'arn:aws:sqs:us-east-1:123456789012:DeadLetters' });
  const prod = await loadTemplate({ cwd: dir, parameterOverrides: { Stage: 'prod' } });
  assert.deepEqual(prod.functions.map((f) => f.logicalId), ['InlineFunction', 'PathFunction', 'ProdOnlyFunction']);
  assert.equal(prod.functions[0].environment.LOG_LEVEL, 'WARN');
});

void test('JSON template: long-form intrinsics, numbers and booleans become strings', async () => {
  const [fn] = (await loadTemplate({ cwd: fixture('json-hello') })).functions;
  assert.deepEqual(fn.environment, { GREETING: 'hello', STACK: 'json-hello-hello', RETRIES: '3', VERBOSE: 'true' });
  assert.equal(fn.templateLine, 8);
});
