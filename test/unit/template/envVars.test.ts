// The --env-vars file: Parameters for all, per-function overrides, warnings without values, positioned errors.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadTemplate } from '../../../src/core/template/index';
import { fixture, rejectsWith, tempProject } from './helpers';

const dir = fixture('intrinsics');

void test('Parameters apply to every function; the function entry overrides them', async () => {
  const model = await loadTemplate({ cwd: dir, envVarsFile: 'env.json' });
  const [api, worker] = model.functions;
  assert.deepEqual(
    [api.environment.FIRST_SUBNET, api.environment.STAGE_LABEL, api.environment.API_SECRET, api.environment.RETRIES, api.environment.ENABLED],
    ['subnet-api', 'from-parameters', 's3cr3t-value', '4', 'false'],
  );
  assert.equal(api.environment.SECOND_PORT, '443');
  assert.deepEqual(worker.environment, { STAGE_LABEL: 'from-parameters', FIRST_SUBNET: 'subnet-override' });
});

void test('undeclared names are applied with one warning each (a Parameters name once per load), and no warning holds a value', async () => {
  const model = await loadTemplate({ cwd: dir, envVarsFile: 'env.json' });
  const fileWarnings = model.warnings.filter((w) => w.startsWith('Env-vars'));
  assert.deepEqual(fileWarnings, [
    'Env-vars file "env.json" sets "STAGE_LABEL" for every function (under "Parameters"), but the Environment.Variables of functions "Api" and "Worker" in the template do not declare it; applied anyway',
    'Env-vars file "env.json" sets "FIRST_SUBNET" for every function (under "Parameters"), but the Environment.Variables of function "Worker" in the template does not declare it; applied anyway',
    'Env-vars file "env.json" sets "API_SECRET" for function "Api", which its Environment.Variables in the template does not declare; applied anyway',
    'Env-vars file "env.json" sets "RETRIES" for function "Api", which its Environment.Variables in the template does not declare; applied anyway',
    'Env-vars file "env.json" sets "ENABLED" for function "Api", which its Environment.Variables in the template does not declare; applied anyway',
    'Env-vars file "env.json" has an entry "Nobody" that matches no function\'s logical id or name; ignored',
  ]);
  for (const secret of ['s3cr3t-value', 'subnet-api', 'from-parameters']) {
    assert.equal(model.warnings.some((w) => w.includes(secret)), false, secret);
  }
});

void test('an entry keyed by function name applies when there is no logical-id entry', async () => {
  const project = tempProject({
    'template.yaml': 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: orders\n      CodeUri: src/\n      Runtime: nodejs20.x\n      Handler: a.b\n      Environment:\n        Variables:\n          MODE: template\n',
    'src/': '',
    'env.json': '{ "orders": { "MODE": "local" } }',
  });
  const model = await loadTemplate({ cwd: project, envVarsFile: 'env.json' });
  assert.deepEqual(model.functions[0].environment, { MODE: 'local' });
  assert.deepEqual(model.warnings, []);
});

void test('invalid JSON is ENV_VARS_FILE with file:line:column and no value in the message', async () => {
  await rejectsWith(loadTemplate({ cwd: dir, envVarsFile: 'env-bad.json' }), {
    code: 'ENV_VARS_FILE',
    message: 'Env-vars file is not valid JSON (env-bad.json:6:1). Fix the syntax there: expected a double-quoted property name',
    file: `${dir}/env-bad.json`,
    line: 6,
    column: 1,
  });
});

void test('a syntax error never quotes the file\'s text (it may hold secrets)', async () => {
  const project = tempProject({ 'env.json': '{\n  "Api": { "TOKEN": s3cr3t }\n}\n', 'template.yaml': 'Resources: {}\n' });
  await rejectsWith(loadTemplate({ cwd: project, envVarsFile: 'env.json' }), {
    code: 'ENV_VARS_FILE',
    message: 'Env-vars file is not valid JSON (env.json:2:21). Fix the syntax there: expected a value (string, number, object, array, true, false or null)',
    line: 2,
    column: 21,
  });
});

void test('an object value becomes "" as SAM CLI does, with a warning naming the key, never the value', async () => {
  const model = await loadTemplate({ cwd: dir, envVarsFile: 'env-object.json' });
  assert.equal(model.functions.find((f) => f.logicalId === 'Api')?.environment.NESTED, '');
  assert.ok(model.warnings.includes('Env-vars value of "NESTED" in entry "Api" is an object (env-object.json:3); the function gets "" as with SAM CLI'), model.warnings.join('\n'));
});

void test('a missing env-vars file is ENV_VARS_FILE with the path last', async () => {
  await rejectsWith(loadTemplate({ cwd: dir, envVarsFile: 'absent.json' }), {
    code: 'ENV_VARS_FILE',
    message: `Cannot read the env-vars file (absent.json). Check the --env-vars path: ${dir}/absent.json`,
  });
});

void test('a Parameters name no function declares warns once for all of them, not once per function', async () => {
  const fn = (id: string): string => `  ${id}:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Runtime: nodejs20.x\n      Handler: a.b\n`;
  const project = tempProject({
    'template.yaml': `Resources:\n${['A', 'B', 'C', 'D', 'E', 'F', 'G'].map(fn).join('')}`,
    'src/': '',
    'env.json': '{ "Parameters": { "LOG_LEVEL": "debug" } }',
  });
  const model = await loadTemplate({ cwd: project, envVarsFile: 'env.json' });
  assert.deepEqual(model.warnings, [
    'Env-vars file "env.json" sets "LOG_LEVEL" for every function (under "Parameters"), but the Environment.Variables of functions "A", "B", "C", "D", "E" and 2 more in the template do not declare it; applied anyway',
  ]);
  assert.deepEqual(model.functions.map((f) => f.environment), Array.from({ length: 7 }, () => ({ LOG_LEVEL: 'debug' })));
});

void test('a reserved name in the env-vars file is INVALID_PARAMETER naming it', async () => {
  const project = tempProject({
    'template.yaml': 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Runtime: nodejs20.x\n      Handler: a.b\n',
    'src/': '',
    'env.json': '{\n  "Parameters": {\n    "AWS_SECRET_ACCESS_KEY": "abc"\n  }\n}\n',
  });
  await rejectsWith(loadTemplate({ cwd: project, envVarsFile: 'env.json' }), {
    code: 'INVALID_PARAMETER',
    message: 'Environment variable "AWS_SECRET_ACCESS_KEY" is reserved by Lambda in env-vars entry "Parameters" (env.json:3). Rename it: names match [a-zA-Z][a-zA-Z0-9_]+ and must not be one Lambda sets itself (AWS_REGION, _HANDLER, …)',
    line: 3,
  });
});

void test('a .env file applies to every function; its names are checked like the JSON file\'s', async () => {
  const project = tempProject({
    'template.yaml': 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Runtime: nodejs20.x\n      Handler: a.b\n      Environment:\n        Variables:\n          MODE: template\n',
    'src/': '',
    '.env': '# comment\nMODE=dotenv\nexport QUOTED="a b"\n',
    'bad.env': 'OK=1\nAWS_REGION=x\n',
  });
  const model = await loadTemplate({ cwd: project, envVarsFile: '.env' });
  assert.deepEqual(model.functions[0].environment, { MODE: 'dotenv', QUOTED: 'a b' });
  await rejectsWith(loadTemplate({ cwd: project, envVarsFile: 'bad.env' }), {
    code: 'INVALID_PARAMETER',
    message: 'Environment variable "AWS_REGION" is reserved by Lambda in env-vars entry "Parameters" (bad.env:2). Rename it: names match [a-zA-Z][a-zA-Z0-9_]+ and must not be one Lambda sets itself (AWS_REGION, _HANDLER, …)',
  });
});

void test('JSON is JSON: \\x escapes and raw tabs in strings are ENV_VARS_FILE with their position', async () => {
  const project = tempProject({ 'template.yaml': 'Resources: {}\n', 'x.json': '{ "Fn": { "A": "\\x41" } }', 'tab.json': '{ "Fn": { "A": "a\tb" } }' });
  await rejectsWith(loadTemplate({ cwd: project, envVarsFile: 'x.json' }), {
    code: 'ENV_VARS_FILE',
    message: 'Env-vars file is not valid JSON (x.json:1:17). Fix the syntax there: an escape JSON does not have; use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX',
    line: 1,
    column: 17,
  });
  await rejectsWith(loadTemplate({ cwd: project, envVarsFile: 'tab.json' }), {
    code: 'ENV_VARS_FILE',
    message: 'Env-vars file is not valid JSON (tab.json:1:18). Fix the syntax there: a raw control character (such as a tab) inside a string; escape it (\\t, \\u0009)',
    line: 1,
    column: 18,
  });
});

void test('shell variables replace template-declared values only; the env-vars file wins over the shell', async () => {
  const project = tempProject({
    'template.yaml': 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Runtime: nodejs20.x\n      Handler: a.b\n      Environment:\n        Variables:\n          MODE: template\n          LEVEL: template\n',
    'src/': '',
    'env.json': '{ "Fn": { "LEVEL": "file" } }',
  });
  const shellEnv = { MODE: 'shell', LEVEL: 'shell', UNDECLARED: 'x' };
  assert.deepEqual((await loadTemplate({ cwd: project, shellEnv })).functions[0].environment, { MODE: 'shell', LEVEL: 'shell' });
  assert.deepEqual((await loadTemplate({ cwd: project, shellEnv, envVarsFile: 'env.json' })).functions[0].environment, { MODE: 'shell', LEVEL: 'file' });
});
