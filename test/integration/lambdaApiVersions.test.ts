// Integration: versions and aliases through the Lambda API with @aws-sdk/client-lambda (§6) —
// PublishVersion (and its preconditions), ListVersionsByFunction, qualified Invoke and
// GetFunctionConfiguration, Create/Get/Update/List/DeleteAlias with routing, DeleteFunction of a version.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  InvokeWithResponseStreamCommand,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PreconditionFailedException,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { startApiEngine, text, zipOf, type ApiEngine } from './helpers/lambdaApi';

const V1 = zipOf({ 'index.js': 'exports.handler = async () => ({ code: 1, version: process.env.AWS_LAMBDA_FUNCTION_VERSION });' });
const V2 = zipOf({ 'index.js': 'exports.handler = async (e, ctx) => ({ code: 2, version: process.env.AWS_LAMBDA_FUNCTION_VERSION, arn: ctx.invokedFunctionArn });' });
// Streaming handlers that say which version they are, chunk by chunk.
const streamer = (code: number) =>
  zipOf({ 'index.js': `exports.handler = awslambda.streamifyResponse(async (e, s) => { s.write('v${code}:'); await new Promise((r) => setTimeout(r, 10)); s.end(process.env.AWS_LAMBDA_FUNCTION_VERSION); });` });
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('base64');

describe('Lambda API: versions and aliases through the AWS SDK', () => {
  let e: ApiEngine;
  let draws: number[] = [];
  before(async () => {
    // Alias routing draws from this list (then 0.99: the alias's main version).
    e = await startApiEngine({ random: () => draws.shift() ?? 0.99 });
    await e.client.send(new CreateFunctionCommand({ FunctionName: 'ver', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: V1 } }));
  });
  after(() => e.dispose());

  const invoke = async (FunctionName: string, Qualifier?: string) => {
    const out = await e.client.send(new InvokeCommand({ FunctionName, Qualifier }));
    return { executed: out.ExecutedVersion, body: JSON.parse(text(out.Payload)) };
  };

  test('PublishVersion snapshots $LATEST; nothing changed publishes nothing; numbers grow', async () => {
    const v1 = await e.client.send(new PublishVersionCommand({ FunctionName: 'ver', Description: 'first' }));
    assert.equal(v1.Version, '1');
    assert.equal(v1.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:ver:1');
    assert.equal(v1.CodeSha256, sha(V1));
    assert.equal((await e.client.send(new PublishVersionCommand({ FunctionName: 'ver' }))).Version, '1');
    await e.client.send(new UpdateFunctionCodeCommand({ FunctionName: 'ver', ZipFile: V2 }));
    await assert.rejects(e.client.send(new PublishVersionCommand({ FunctionName: 'ver', CodeSha256: sha(V1) })), PreconditionFailedException);
    assert.equal((await e.client.send(new PublishVersionCommand({ FunctionName: 'ver', CodeSha256: sha(V2) }))).Version, '2');
    const list = await e.client.send(new ListVersionsByFunctionCommand({ FunctionName: 'ver' }));
    assert.deepEqual(list.Versions?.map((v) => v.Version), ['$LATEST', '1', '2']);
  });

  test('a qualified Invoke runs that version\'s snapshot, in every qualifier form', async () => {
    assert.deepEqual(await invoke('ver', '1'), { executed: '1', body: { code: 1, version: '1' } });
    assert.deepEqual((await invoke('ver:1')).body.code, 1);
    assert.deepEqual((await invoke('arn:aws:lambda:us-east-1:123456789012:function:ver:1')).executed, '1');
    assert.equal((await invoke('ver')).body.code, 2, 'unqualified runs $LATEST');
    const cfg = await e.client.send(new GetFunctionConfigurationCommand({ FunctionName: 'ver', Qualifier: '1' }));
    assert.deepEqual([cfg.Version, cfg.CodeSha256], ['1', sha(V1)]);
    await assert.rejects(e.client.send(new InvokeCommand({ FunctionName: 'ver', Qualifier: '9' })), (err: Error) => err instanceof ResourceNotFoundException && err.message === 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:ver:9');
  });

  test('GetFunction of a version: Code.Location serves that version\'s own ZIP from 127.0.0.1, not $LATEST\'s', async () => {
    const v1 = await e.client.send(new GetFunctionCommand({ FunctionName: 'ver', Qualifier: '1' }));
    assert.equal(v1.Configuration?.Version, '1');
    assert.match(v1.Code!.Location!, /^http:\/\/127\.0\.0\.1:\d+\//);
    const download = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());
    assert.equal(sha(await download(v1.Code!.Location!)), sha(V1));
    const latest = await e.client.send(new GetFunctionCommand({ FunctionName: 'ver' }));
    assert.equal(sha(await download(latest.Code!.Location!)), sha(V2));
    const missing = await fetch(v1.Code!.Location!.replace('Qualifier=1', 'Qualifier=9'));
    assert.equal(missing.status, 404);
  });

  test('aliases: create, get, list, invoke through one (what ran is visible), route a weight, update, delete', async () => {
    const live = await e.client.send(new CreateAliasCommand({ FunctionName: 'ver', Name: 'live', FunctionVersion: '1' }));
    assert.equal(live.AliasArn, 'arn:aws:lambda:us-east-1:123456789012:function:ver:live');
    assert.deepEqual(await invoke('ver', 'live'), { executed: '1', body: { code: 1, version: '1' } });
    await assert.rejects(e.client.send(new CreateAliasCommand({ FunctionName: 'ver', Name: 'live', FunctionVersion: '2' })), ResourceConflictException);
    const routed = await e.client.send(new UpdateAliasCommand({ FunctionName: 'ver', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '2': 0.25 } } }));
    assert.deepEqual(routed.RoutingConfig?.AdditionalVersionWeights, { '2': 0.25 });
    draws = [0.1];
    const second = await invoke('ver:live');
    assert.deepEqual([second.executed, second.body.version, second.body.arn], ['2', '2', 'arn:aws:lambda:us-east-1:123456789012:function:ver:live']);
    assert.equal((await invoke('ver:live')).executed, '1', 'a draw above the weight runs the main version');
    assert.deepEqual((await e.client.send(new GetAliasCommand({ FunctionName: 'ver', Name: 'live' }))).FunctionVersion, '1');
    await e.client.send(new CreateAliasCommand({ FunctionName: 'ver', Name: 'beta', FunctionVersion: '2' }));
    assert.deepEqual((await e.client.send(new ListAliasesCommand({ FunctionName: 'ver' }))).Aliases?.map((a) => a.Name), ['beta', 'live']);
    assert.deepEqual((await e.client.send(new ListAliasesCommand({ FunctionName: 'ver', FunctionVersion: '2' }))).Aliases?.map((a) => a.Name).sort(), ['beta', 'live']);
    await e.client.send(new DeleteAliasCommand({ FunctionName: 'ver', Name: 'beta' }));
    await assert.rejects(e.client.send(new GetAliasCommand({ FunctionName: 'ver', Name: 'beta' })), (err: Error) => err instanceof ResourceNotFoundException && err.message === 'Alias not found: arn:aws:lambda:us-east-1:123456789012:function:ver:beta');
  });

  test('DeleteFunction with a version Qualifier deletes that version (refused while an alias uses it)', async () => {
    await assert.rejects(e.client.send(new DeleteFunctionCommand({ FunctionName: 'ver', Qualifier: '1' })), ResourceConflictException);
    await e.client.send(new DeleteAliasCommand({ FunctionName: 'ver', Name: 'live' }));
    await e.client.send(new DeleteFunctionCommand({ FunctionName: 'ver', Qualifier: '1' }));
    await assert.rejects(e.client.send(new InvokeCommand({ FunctionName: 'ver', Qualifier: '1' })), ResourceNotFoundException);
    assert.deepEqual((await e.client.send(new ListVersionsByFunctionCommand({ FunctionName: 'ver' }))).Versions?.map((v) => v.Version), ['$LATEST', '2']);
  });

  test('DeleteFunction of the whole function forgets its versions and aliases; a new one numbers from 1', async () => {
    await e.client.send(new CreateAliasCommand({ FunctionName: 'ver', Name: 'keep', FunctionVersion: '2' }));
    await e.client.send(new DeleteFunctionCommand({ FunctionName: 'ver' }));
    await e.client.send(new CreateFunctionCommand({ FunctionName: 'ver', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: V1 } }));
    assert.deepEqual((await e.client.send(new ListVersionsByFunctionCommand({ FunctionName: 'ver' }))).Versions?.map((v) => v.Version), ['$LATEST']);
    assert.deepEqual((await e.client.send(new ListAliasesCommand({ FunctionName: 'ver' }))).Aliases, []);
    assert.equal((await e.client.send(new PublishVersionCommand({ FunctionName: 'ver' }))).Version, '1');
  });

  test('InvokeWithResponseStream through a routed alias: X-Amz-Executed-Version is the version that ran, not the alias\'s main one', async () => {
    await e.client.send(new CreateFunctionCommand({ FunctionName: 'sver', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: streamer(1) } }));
    await e.client.send(new PublishVersionCommand({ FunctionName: 'sver' }));
    await e.client.send(new UpdateFunctionCodeCommand({ FunctionName: 'sver', ZipFile: streamer(2) }));
    await e.client.send(new PublishVersionCommand({ FunctionName: 'sver' }));
    await e.client.send(new CreateAliasCommand({ FunctionName: 'sver', Name: 'canary', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } }));
    const streamed = async () => {
      const out = await e.client.send(new InvokeWithResponseStreamCommand({ FunctionName: 'sver', Qualifier: 'canary' }));
      let body = '';
      for await (const ev of out.EventStream ?? []) if (ev.PayloadChunk) body += text(ev.PayloadChunk.Payload);
      return [out.ExecutedVersion, body];
    };
    draws = [0.1];
    assert.deepEqual(await streamed(), ['2', 'v2:2']);
    assert.deepEqual(await streamed(), ['1', 'v1:1']);
  });

  test('a template function publishes and is invoked by version too', async () => {
    const v = await e.client.send(new PublishVersionCommand({ FunctionName: 'echo' }));
    assert.equal(v.Version, '1');
    assert.equal((await invoke('echo', '1')).body.version, '1');
  });
});
