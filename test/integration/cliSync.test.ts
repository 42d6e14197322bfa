// Integration: `lambda-workbench sync` as a real process against a second engine's Lambda API (a real
// `lambda-workbench start` on its own state dir), checked with the AWS SDK: functions created with the CodeSha256
// of the local `package`, invokable there; a second sync changes nothing; an edit updates only that function and
// moves its AutoPublishAlias; a layer edit publishes a layer version and updates the function's Layers; no Role →
// ROLE_REQUIRED; no terminal and no --yes → CONFIRMATION_REQUIRED; `--watch` brings an edit over.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GetAliasCommand, GetFunctionCommand, InvokeCommand, LambdaClient, ListLayerVersionsCommand, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot, waitFor } from './helpers/engine';
import { startProcess, type StartedEngine } from './helpers/startProcess';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
// Any credentials do: the endpoint does not verify signatures. They come from the environment, as a user's would.
const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const ROLE = 'arn:aws:iam::123456789012:role/sync-test';

describe('lambda-workbench sync against another engine\'s Lambda API', () => {
  const root = tempDir('lwb-sync-');
  const project = join(root, 'project');
  let target: StartedEngine;
  let url = '';
  let lambda: LambdaClient;

  before(async () => {
    cpSync(join(fixtures, 'sync'), project, { recursive: true });
    target = startProcess(root, ['--state-dir', join(root, 'target-state')]);
    url = await target.url;
    lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  });
  after(async () => {
    lambda?.destroy();
    target?.child.kill('SIGTERM');
    await target?.exited;
  });

  function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    return new Promise((resolve) =>
      execFile(process.execPath, [bin, ...args, '--state-dir', join(root, 'project-state')], { env, cwd: project }, (err, out, errOut) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out, err: errOut }),
      ),
    );
  }
  const sync = (...args: string[]) => cli('sync', '--endpoint-url', url, ...args);
  async function localSha(logicalId: string): Promise<string> {
    const r = await cli('package', logicalId, '--out', join(root, 'dist'));
    assert.equal(r.code, 0, r.err);
    return /CodeSha256 (\S+)/.exec(r.out)![1];
  }
  const config = async (name: string) => (await lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration!;
  const invoke = async (name: string) => JSON.parse(Buffer.from((await lambda.send(new InvokeCommand({ FunctionName: name, Payload: '{"name":"sync"}' }))).Payload!).toString()) as Record<string, unknown>;

  test('without a terminal and without --yes nothing is changed and the user is told to pass --yes', async () => {
    const r = await sync();
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /Sync 2 functions \(Hello, Greeter\) to: endpoint http:\/\/127\.0\.0\.1:\d+ \(profile default chain\), region us-east-1/);
    assert.match(r.err, /Error \[CONFIRMATION_REQUIRED\]: .*pass --yes/);
    await assert.rejects(config('sync-hello'), { name: 'ResourceNotFoundException' });
  });

  test('a function without Role is not created (ROLE_REQUIRED names it); the one with a Role is, with the local CodeSha256', async () => {
    const r = await sync('--yes');
    assert.equal(r.code, 2);
    assert.match(r.out, /^Greeter: failed: \[ROLE_REQUIRED\] Function Greeter \(sync-greeter\) does not exist on the target, and the template gives it no Role: pass --role/m);
    assert.match(r.out, /^Hello: created, published version 1, alias live → 1 \(CodeSha256 /m);
    const hello = await config('sync-hello');
    assert.equal(hello.CodeSha256, await localSha('Hello'));
    assert.equal(hello.Role, 'arn:aws:iam::123456789012:role/sync-hello-role');
    assert.equal(hello.MemorySize, 256);
    assert.deepEqual(hello.Environment?.Variables, { GREETING: 'hello' });
    assert.deepEqual(await invoke('sync-hello:live'), { greeting: 'hello', revision: 1, event: { name: 'sync' } });
    await assert.rejects(config('sync-greeter'), { name: 'ResourceNotFoundException' });
  });

  test('--role creates the other function with its layer; invoking it there uses the layer', async () => {
    const r = await sync('--yes', '--role', ROLE);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.replace(/\(CodeSha256 \S+\)/g, '(CodeSha256 X)'), 'Hello: unchanged (CodeSha256 X)\nGreeter: created, layers updated (CodeSha256 X)\n');
    const greeter = await config('sync-greeter');
    assert.equal(greeter.CodeSha256, await localSha('Greeter'));
    assert.equal(greeter.Role, ROLE);
    assert.deepEqual(greeter.Layers?.map((l) => l.Arn), ['arn:aws:lambda:us-east-1:123456789012:layer:sync-greeting:1']);
    assert.deepEqual(await invoke('sync-greeter'), { message: 'Hi, sync' });
  });

  test('a second sync changes nothing', async () => {
    const r = await sync('--yes');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.replace(/\(CodeSha256 \S+\)/g, '(CodeSha256 X)'), 'Hello: unchanged (CodeSha256 X)\nGreeter: unchanged (CodeSha256 X)\n');
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'sync-hello' }));
    assert.deepEqual(versions.Versions?.map((v) => v.Version), ['$LATEST', '1']);
  });

  test('editing one function updates only its code and moves its alias to version 2', async () => {
    const greeterBefore = (await config('sync-greeter')).CodeSha256;
    writeFileSync(join(project, 'hello', 'index.js'), 'exports.handler = async (event) => ({ greeting: process.env.GREETING, revision: 2, event });\n');
    const r = await sync('--yes');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Hello: updated code, published version 2, alias live → 2 \(CodeSha256 /m);
    assert.match(r.out, /^Greeter: unchanged /m);
    assert.equal((await config('sync-hello')).CodeSha256, await localSha('Hello'));
    assert.equal((await config('sync-greeter')).CodeSha256, greeterBefore);
    assert.equal((await lambda.send(new GetAliasCommand({ FunctionName: 'sync-hello', Name: 'live' }))).FunctionVersion, '2');
    assert.deepEqual(await invoke('sync-hello:live'), { greeting: 'hello', revision: 2, event: { name: 'sync' } });
    assert.deepEqual(await invoke('sync-hello:1'), { greeting: 'hello', revision: 1, event: { name: 'sync' } });
  });

  test('a layer edit publishes layer version 2 and points the function at it', async () => {
    writeFileSync(join(project, 'greeting-layer', 'nodejs', 'node_modules', 'greeting', 'index.js'), 'exports.greet = (name) => `Hello again, ${name}`;\n');
    const r = await sync('--yes', 'Greeter');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Greeter: layers updated \(CodeSha256 /m);
    assert.doesNotMatch(r.out, /Hello:/);
    const layers = await lambda.send(new ListLayerVersionsCommand({ LayerName: 'sync-greeting' }));
    assert.deepEqual(layers.LayerVersions?.map((v) => v.Version).sort(), [1, 2]);
    assert.deepEqual((await config('sync-greeter')).Layers?.map((l) => l.Arn), ['arn:aws:lambda:us-east-1:123456789012:layer:sync-greeting:2']);
    assert.deepEqual(await invoke('sync-greeter'), { message: 'Hello again, sync' });
  });

  test('an unknown function is named with the ones there are', async () => {
    const r = await sync('--yes', 'Nope');
    assert.equal(r.code, 2);
    assert.match(r.err, /Error \[FUNCTION_NOT_FOUND\]: Function not found: "Nope"\. Functions in .*template\.yaml: Hello, Greeter\./);
  });

  test('--watch brings a saved edit to the endpoint', async () => {
    const child = spawn(process.execPath, [bin, 'sync', '--watch', '--yes', '--endpoint-url', url, '--state-dir', join(root, 'project-state')], { env, cwd: project });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    const exited = new Promise((r) => child.on('exit', r));
    try {
      assert.ok(await waitFor(() => err.includes('Watching for changes'), 60_000), `watch did not start: ${out} ${err}`);
      const before = (await config('sync-greeter')).CodeSha256;
      writeFileSync(join(project, 'greeter', 'app.js'), "const { greet } = require('greeting');\nexports.handler = async (event) => ({ message: greet(event.name), watched: true });\n");
      let now = before;
      for (let i = 0; i < 600 && now === before; i++) {
        await new Promise((r) => setTimeout(r, 100));
        now = (await config('sync-greeter')).CodeSha256;
      }
      assert.notEqual(now, before, `the edit never reached the endpoint: ${out} ${err}`);
      assert.equal(now, await localSha('Greeter'));
      assert.deepEqual(await invoke('sync-greeter'), { message: 'Hello again, sync', watched: true });
      assert.ok(await waitFor(() => /^Greeter: updated code \(CodeSha256 /m.test(out), 10_000), out);
      assert.doesNotMatch(out.split('Greeter: updated code')[1], /Hello:/);
    } finally {
      child.kill('SIGINT');
      await exited;
    }
  });
});
