// The variables an environment gets: AWS_SAM_LOCAL as SAM CLI sets it, and the credentials a front door chose.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildEnvironmentVariables, type EnvironmentVariableInputs } from '../../../src/core/runtime/environmentVariables';
import type { FunctionConfig } from '../../../src/core/model/functionConfig';

const fn = {
  logicalId: 'Fn', functionName: 'Fn', templatePath: '/t/template.yaml', resourceType: 'AWS::Serverless::Function', handler: 'index.handler', runtime: 'nodejs20.x',
  code: { kind: 'directory', path: '/t/src' }, memorySize: 128, timeout: 3, ephemeralStorage: 512, architectures: ['x86_64'],
  environment: {}, logging: { logFormat: 'Text', logGroup: '/aws/lambda/Fn' }, layers: [], events: [],
} as unknown as FunctionConfig;

const inputs = (extra: Partial<EnvironmentVariableInputs>): EnvironmentVariableInputs => ({
  fn, version: '$LATEST', region: 'eu-west-1', runtimeApi: '127.0.0.1:1/x', taskRoot: '/task', runtimeDir: '/rt', optDir: '/opt', tmpDir: '/tmp/e', logStreamName: 's', executionEnv: 'AWS_Lambda_nodejs20.x', ...extra,
});
const creds = (env: Record<string, string>) => [env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN];

void test('AWS_SAM_LOCAL is "true", and a function may set it otherwise', () => {
  assert.equal(buildEnvironmentVariables(inputs({ hostEnv: {} })).AWS_SAM_LOCAL, 'true');
  assert.equal(buildEnvironmentVariables(inputs({ hostEnv: {}, fn: { ...fn, environment: { AWS_SAM_LOCAL: 'false' } } })).AWS_SAM_LOCAL, 'false');
});

void test('credentials: given ones, null for placeholders, else the host\'s, else placeholders', () => {
  const host = { AWS_ACCESS_KEY_ID: 'AKIAHOST', AWS_SECRET_ACCESS_KEY: 'host-secret' };
  assert.deepEqual(creds(buildEnvironmentVariables(inputs({ hostEnv: host, credentials: { accessKeyId: 'AKIAGIVEN', secretAccessKey: 'given', sessionToken: 'tok' } }))), ['AKIAGIVEN', 'given', 'tok']);
  assert.deepEqual(creds(buildEnvironmentVariables(inputs({ hostEnv: host, credentials: null }))), ['ASIAXXXXLOCALXXXXXXX', 'local-workbench-secret-access-key', 'local-workbench-session-token']);
  assert.deepEqual(creds(buildEnvironmentVariables(inputs({ hostEnv: host }))), ['AKIAHOST', 'host-secret', undefined]);
  assert.deepEqual(creds(buildEnvironmentVariables(inputs({ hostEnv: {} }))), ['ASIAXXXXLOCALXXXXXXX', 'local-workbench-secret-access-key', 'local-workbench-session-token']);
});
