// Integration: the Lambda API's control plane through @aws-sdk/client-lambda — ListFunctions paging,
// GetFunction(Configuration), CreateFunction / UpdateFunctionCode from ZipFile bytes, UpdateFunctionConfiguration,
// DeleteFunction, tags, account settings — and API-created functions surviving a restart of the engine.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  InvokeCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { LambdaService } from '../../src/core/service';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, isAlive, repoRoot, waitFor } from './helpers/engine';
import { lambdaClient, startApiEngine, text, zipOf, type ApiEngine } from './helpers/lambdaApi';
import { join } from 'node:path';

const HELLO = zipOf({ 'index.js': 'exports.handler = async (e) => ({ hello: e.name ?? "world", greeting: process.env.GREETING ?? null, memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE });' });
const HELLO_V2 = zipOf({ 'index.js': 'exports.handler = async () => ({ code: 2 });' });

describe('Lambda API: the function control plane through the AWS SDK', () => {
  let e: ApiEngine;
  before(async () => {
    e = await startApiEngine();
  });
  after(() => e.dispose());

  test('ListFunctions pages with MaxItems and NextMarker through every function, once each', async () => {
    const names: string[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const page = await e.client.send(new ListFunctionsCommand({ MaxItems: 3, Marker }));
      assert.ok((page.Functions ?? []).length <= 3);
      names.push(...(page.Functions ?? []).map((f) => f.FunctionName!));
      Marker = page.NextMarker;
      pages++;
    } while (Marker);
    assert.deepEqual(names, ['echo', 'fails', 'logs', 'streamer', 'stream-fails', 'caller', 'pycaller']);
    assert.equal(pages, 3);
  });

  test('GetFunction of a template function: its configuration, and CodeSha256 of the package it runs', async () => {
    const out = await e.client.send(new GetFunctionCommand({ FunctionName: 'echo' }));
    const c = out.Configuration!;
    assert.equal(c.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:echo');
    assert.deepEqual([c.Runtime, c.Handler, c.MemorySize, c.Timeout, c.Version, c.PackageType, c.State], ['nodejs20.x', 'index.handler', 128, 10, '$LATEST', 'Zip', 'Active']);
    assert.deepEqual(c.EphemeralStorage, { Size: 512 });
    assert.equal(c.LoggingConfig?.LogGroup, '/aws/lambda/echo');
    assert.match(out.Code!.Location!, /^http:\/\/127\.0\.0\.1:\d+\/lambda-workbench\/functions\/echo\/code$/);
    const zip = Buffer.from(await (await fetch(out.Code!.Location!)).arrayBuffer());
    assert.equal(c.CodeSha256, createHash('sha256').update(zip).digest('base64'));
    assert.equal(c.CodeSize, zip.length);
    const cfg = await e.client.send(new GetFunctionConfigurationCommand({ FunctionName: 'echo' }));
    assert.equal(cfg.CodeSha256, c.CodeSha256);
  });

  let created: FunctionConfiguration;
  test('CreateFunction from ZipFile bytes: 201, the configuration, and it runs', async () => {
    created = await e.client.send(
      new CreateFunctionCommand({ FunctionName: 'hello-api', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: HELLO }, MemorySize: 256, Tags: { team: 'a' } }),
    );
    assert.equal(created.FunctionName, 'hello-api');
    assert.equal(created.CodeSha256, createHash('sha256').update(HELLO).digest('base64'));
    assert.equal(created.CodeSize, HELLO.length);
    assert.equal(created.MemorySize, 256);
    assert.equal(created.Timeout, 3);
    assert.match(created.LastModified!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'hello-api', Payload: '{"name":"api"}' }));
    assert.deepEqual(JSON.parse(text(out.Payload)), { hello: 'api', greeting: null, memory: '256' });
  });

  test('CreateFunction refuses a duplicate name, a bad MemorySize, a reserved variable and an unsafe ZIP', async () => {
    const base = { Runtime: 'nodejs20.x' as const, Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: HELLO } };
    await assert.rejects(e.client.send(new CreateFunctionCommand({ ...base, FunctionName: 'hello-api' })), (err: Error) => err instanceof ResourceConflictException && err.message === 'Function already exist: hello-api');
    await assert.rejects(e.client.send(new CreateFunctionCommand({ ...base, FunctionName: 'x', MemorySize: 64 })), (err: Error) => {
      assert.ok(err instanceof InvalidParameterValueException);
      assert.equal(err.message, 'MemorySize must be a whole number from 128 to 10240 (MB), got 64.');
      return true;
    });
    await assert.rejects(e.client.send(new CreateFunctionCommand({ ...base, FunctionName: 'x', Environment: { Variables: { AWS_REGION: 'eu-west-1' } } })), /reserved keys .* AWS_REGION/);
    const traversal = zipOf({ '../escape.js': 'x' });
    await assert.rejects(e.client.send(new CreateFunctionCommand({ ...base, FunctionName: 'x', Code: { ZipFile: traversal } })), (err: Error) => err instanceof InvalidParameterValueException && /Could not unzip uploaded file/.test(err.message));
    await assert.rejects(e.client.send(new GetFunctionCommand({ FunctionName: 'x' })), ResourceNotFoundException);
  });

  test('UpdateFunctionConfiguration changes only what it names; the next invoke runs with it', async () => {
    const out = await e.client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'hello-api', Environment: { Variables: { GREETING: 'hi' } }, Timeout: 5 }));
    assert.equal(out.MemorySize, 256);
    assert.equal(out.Timeout, 5);
    assert.notEqual(out.RevisionId, created.RevisionId);
    const r = await e.client.send(new InvokeCommand({ FunctionName: 'hello-api' }));
    assert.equal(JSON.parse(text(r.Payload)).greeting, 'hi');
    await assert.rejects(e.client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'hello-api', MemorySize: 10241 })), InvalidParameterValueException);
    await assert.rejects(e.client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'echo', MemorySize: 512 })), /comes from the template/);
  });

  test('UpdateFunctionCode replaces the package; the next invoke runs the new code', async () => {
    const out = await e.client.send(new UpdateFunctionCodeCommand({ FunctionName: 'hello-api', ZipFile: HELLO_V2 }));
    assert.equal(out.CodeSha256, createHash('sha256').update(HELLO_V2).digest('base64'));
    const r = await e.client.send(new InvokeCommand({ FunctionName: 'hello-api' }));
    assert.deepEqual(JSON.parse(text(r.Payload)), { code: 2 });
  });

  test('TagResource, ListTags, UntagResource; GetFunction shows the tags', async () => {
    const Resource = 'arn:aws:lambda:us-east-1:123456789012:function:hello-api';
    await e.client.send(new TagResourceCommand({ Resource, Tags: { env: 'dev', owner: 'me' } }));
    assert.deepEqual((await e.client.send(new ListTagsCommand({ Resource }))).Tags, { team: 'a', env: 'dev', owner: 'me' });
    await e.client.send(new UntagResourceCommand({ Resource, TagKeys: ['owner', 'team'] }));
    assert.deepEqual((await e.client.send(new GetFunctionCommand({ FunctionName: 'hello-api' }))).Tags, { env: 'dev' });
    await assert.rejects(e.client.send(new ListTagsCommand({ Resource: 'arn:aws:lambda:us-east-1:123456789012:function:nope' })), ResourceNotFoundException);
  });

  test('GetAccountSettings: the default quotas and this engine\'s usage', async () => {
    const out = await e.client.send(new GetAccountSettingsCommand({}));
    assert.equal(out.AccountLimit?.ConcurrentExecutions, 1000);
    assert.equal(out.AccountLimit?.CodeSizeUnzipped, 262144000);
    assert.equal(out.AccountUsage?.FunctionCount, 8);
    assert.ok((out.AccountUsage?.TotalCodeSize ?? 0) >= HELLO_V2.length);
  });

  test('an API-created function survives a restart of the engine (same state directory)', async () => {
    const again = new LambdaService({ cwd: join(fixtures, 'api'), stateDir: e.stateDir, runtimesDir: join(repoRoot, 'dist', 'runtimes') });
    try {
      const api = await again.lambdaApi();
      const client = lambdaClient(api.url);
      const cfg = await client.send(new GetFunctionConfigurationCommand({ FunctionName: 'hello-api' }));
      assert.equal(cfg.CodeSha256, createHash('sha256').update(HELLO_V2).digest('base64'));
      assert.deepEqual(cfg.Environment?.Variables, { GREETING: 'hi' });
      assert.deepEqual(JSON.parse(text((await client.send(new InvokeCommand({ FunctionName: 'hello-api' }))).Payload)), { code: 2 });
      assert.deepEqual((await client.send(new ListTagsCommand({ Resource: cfg.FunctionArn! }))).Tags, { env: 'dev' });
      client.destroy();
    } finally {
      await again.dispose();
    }
  });

  test('without a template (`start` in an empty folder) the API starts empty and serves what CreateFunction makes', async () => {
    const empty = await startApiEngine({ templateOptional: true }, tempDir('lwb-api-empty-'));
    try {
      assert.deepEqual((await empty.client.send(new ListFunctionsCommand({}))).Functions, []);
      await empty.client.send(new CreateFunctionCommand({ FunctionName: 'alone', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: HELLO_V2 } }));
      assert.deepEqual(JSON.parse(text((await empty.client.send(new InvokeCommand({ FunctionName: 'alone' }))).Payload)), { code: 2 });
    } finally {
      await empty.dispose();
    }
  });

  test('DeleteFunction removes it; later calls are ResourceNotFoundException; template functions stay', async () => {
    await e.client.send(new DeleteFunctionCommand({ FunctionName: 'hello-api' }));
    await assert.rejects(e.client.send(new InvokeCommand({ FunctionName: 'hello-api' })), ResourceNotFoundException);
    await assert.rejects(e.client.send(new DeleteFunctionCommand({ FunctionName: 'hello-api' })), ResourceNotFoundException);
    await assert.rejects(e.client.send(new DeleteFunctionCommand({ FunctionName: 'echo' })), /comes from the template/);
  });

  test('DeleteFunction stops the function\'s warm environments (every version) and forgets its reserved concurrency', async () => {
    const base = { FunctionName: 'doomed', Runtime: 'nodejs20.x' as const, Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r' };
    await e.client.send(new CreateFunctionCommand({ ...base, Code: { ZipFile: HELLO } }));
    await e.client.send(new PublishVersionCommand({ FunctionName: 'doomed' }));
    await e.client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'doomed', ReservedConcurrentExecutions: 5 }));
    const before = new Set(e.service.environments().map((x) => x.pid));
    await e.client.send(new InvokeCommand({ FunctionName: 'doomed' }));
    await e.client.send(new InvokeCommand({ FunctionName: 'doomed', Qualifier: '1' }));
    const mine = e.service.environments().filter((x) => !before.has(x.pid)).map((x) => x.pid!);
    assert.equal(mine.length, 2, 'a warm environment for $LATEST and one for version 1');
    await e.client.send(new DeleteFunctionCommand({ FunctionName: 'doomed' }));
    assert.deepEqual(e.service.environments().filter((x) => mine.includes(x.pid!)), [], 'no environment of it is left in the engine');
    assert.ok(await waitFor(() => mine.every((pid) => !isAlive(pid)), 5000), 'their processes have ended');
    await e.client.send(new CreateFunctionCommand({ ...base, Code: { ZipFile: HELLO } }));
    assert.equal((await e.client.send(new GetFunctionConcurrencyCommand({ FunctionName: 'doomed' }))).ReservedConcurrentExecutions, undefined);
  });
});
