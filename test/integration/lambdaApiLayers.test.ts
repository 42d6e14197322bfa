// Integration: layers through the Lambda API (PublishLayerVersion from ZipFile bytes, ListLayers,
// ListLayerVersions, GetLayerVersion(ByArn), DeleteLayerVersion; numbers never reused, §7), and functions that
// call other functions with the SDK their runtime provides (§2.5, issue 13 §3): Node.js with the v3 client
// from the runtime SDK cache, Python with boto3 — neither SDK in the function's package.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CreateFunctionCommand,
  DeleteLayerVersionCommand,
  GetLayerVersionByArnCommand,
  GetLayerVersionCommand,
  InvokeCommand,
  ListLayersCommand,
  ListLayerVersionsCommand,
  PublishLayerVersionCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { installedNode } from '../../src/core/runtimes/nodejs/nodeInstaller';
import { tempDir } from '../helpers/tempDirs';
import { startApiEngine, text, zipOf, type ApiEngine } from './helpers/lambdaApi';

const GREET_LAYER = zipOf({ 'nodejs/node_modules/greet/index.js': 'module.exports = (n) => `hello ${n} from a layer`;' });
const ROLE = 'arn:aws:iam::123456789012:role/r';
const GREET_V1 = 'arn:aws:lambda:us-east-1:123456789012:layer:greet:1';
const USES_LAYER = zipOf({ 'index.js': 'const greet = require("greet"); exports.handler = async () => greet("api");' });

function hasBoto3(python = 'python3'): boolean {
  try {
    execFileSync(python, ['-c', 'import boto3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// An ES module calling another function with the runtime's SDK, and importing a package from a layer: both
// only through the bootstrap's resolve hook (ESM ignores NODE_PATH).
const ESM_CALLER = `import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import greet from 'greet';
const client = new LambdaClient({});
export const handler = async (event) => {
  const out = await client.send(new InvokeCommand({ FunctionName: event.target, Payload: JSON.stringify({ from: 'esm' }) }));
  return { status: out.StatusCode, greeting: greet('esm'), node: process.versions.node, payload: JSON.parse(Buffer.from(out.Payload).toString('utf8')) };
};
`;
// boto3 as the runtime provides it: where it came from and what follows /opt/python on sys.path.
const PY_CALLER = `import json, os, sys
import boto3

client = boto3.client("lambda")


def handler(event, context):
    out = client.invoke(FunctionName=event["target"], Payload=json.dumps({"from": "py312"}))
    opt = os.path.join(os.environ["LAMBDA_WORKBENCH_OPT_DIR"], "python")
    return {"status": out["StatusCode"], "boto3": boto3.__file__, "afterOpt": sys.path[sys.path.index(opt) + 1], "sdkVar": "LAMBDA_WORKBENCH_RUNTIME_SDK_PYTHON_PATH" in os.environ, "payload": json.loads(out["Payload"].read())}
`;
/** A pyenv Python 3.12 without boto3 of its own, if this machine has one. */
const PYENV_VERSIONS = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
const PY312 = (existsSync(PYENV_VERSIONS) ? readdirSync(PYENV_VERSIONS) : [])
  .filter((v) => v.startsWith('3.12.'))
  .map((v) => join(PYENV_VERSIONS, v, 'bin', 'python3.12'))
  .find((p) => existsSync(p) && !hasBoto3(p));
const NODE24 = [installedNode('24'), ...nodesIn(join(homedir(), '.cache', 'lambda-workbench', 'vscode-e2e'), 'node-24.')].find((p) => p && existsSync(p));

function nodesIn(dir: string, prefix: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith(prefix)).map((n) => join(dir, n, 'bin', 'node')) : [];
}

describe('Lambda API: layers, and functions calling functions through their runtime SDK', () => {
  let e: ApiEngine;
  let sdkDir: string;
  before(async () => {
    // The runtime SDK cache inside the state folder: under namespace isolation only the engine's own folders in /tmp are visible.
    const stateDir = tempDir('lwb-api-layers-');
    sdkDir = join(stateDir, 'runtime-sdk');
    e = await startApiEngine({ stateDir, runtimeSdk: { dir: sdkDir, nodeClients: ['@aws-sdk/client-lambda'] }, interpreters: NODE24 ? { 'nodejs24.x': NODE24 } : {} });
  });
  after(() => e.dispose());

  test('PublishLayerVersion from ZipFile, listed, fetched by name and by ARN, used by a function', async () => {
    const v1 = await e.client.send(new PublishLayerVersionCommand({ LayerName: 'greet', Content: { ZipFile: GREET_LAYER }, CompatibleRuntimes: ['nodejs20.x'], Description: 'greets' }));
    assert.equal(v1.Version, 1);
    assert.equal(v1.LayerVersionArn, 'arn:aws:lambda:us-east-1:123456789012:layer:greet:1');
    assert.equal(v1.LayerArn, 'arn:aws:lambda:us-east-1:123456789012:layer:greet');
    assert.equal(v1.Content?.CodeSha256, createHash('sha256').update(GREET_LAYER).digest('base64'));
    const v2 = await e.client.send(new PublishLayerVersionCommand({ LayerName: 'greet', Content: { ZipFile: GREET_LAYER } }));
    assert.equal(v2.Version, 2);
    const layers = await e.client.send(new ListLayersCommand({}));
    assert.deepEqual(layers.Layers?.map((l) => [l.LayerName, l.LatestMatchingVersion?.Version]), [['greet', 2]]);
    const filtered = await e.client.send(new ListLayersCommand({ CompatibleRuntime: 'nodejs20.x' }));
    assert.deepEqual(filtered.Layers?.map((l) => l.LatestMatchingVersion?.Version), [1]);
    const versions = await e.client.send(new ListLayerVersionsCommand({ LayerName: 'greet' }));
    assert.deepEqual(versions.LayerVersions?.map((l) => l.Version), [2, 1]);
    assert.equal((await e.client.send(new GetLayerVersionCommand({ LayerName: 'greet', VersionNumber: 1 }))).Description, 'greets');
    assert.equal((await e.client.send(new GetLayerVersionByArnCommand({ Arn: v2.LayerVersionArn! }))).Version, 2);
    await e.client.send(
      new CreateFunctionCommand({ FunctionName: 'layer-user', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: USES_LAYER }, Layers: [v1.LayerVersionArn!] }),
    );
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'layer-user' }));
    assert.equal(JSON.parse(text(out.Payload)), 'hello api from a layer');
  });

  test('DeleteLayerVersion: gone from listings and lookups, and its number is never given again', async () => {
    await e.client.send(new DeleteLayerVersionCommand({ LayerName: 'greet', VersionNumber: 2 }));
    await assert.rejects(e.client.send(new GetLayerVersionCommand({ LayerName: 'greet', VersionNumber: 2 })), ResourceNotFoundException);
    assert.deepEqual((await e.client.send(new ListLayerVersionsCommand({ LayerName: 'greet' }))).LayerVersions?.map((l) => l.Version), [1]);
    const v3 = await e.client.send(new PublishLayerVersionCommand({ LayerName: 'greet', Content: { ZipFile: GREET_LAYER } }));
    assert.equal(v3.Version, 3);
  });

  test('Node.js: a function invokes another with @aws-sdk/client-lambda it does not package (the runtime SDK)', { timeout: 600_000 }, async () => {
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'caller', Payload: '{"target":"echo"}' }));
    assert.equal(out.FunctionError, undefined, text(out.Payload));
    const body = JSON.parse(text(out.Payload));
    assert.equal(body.status, 200);
    assert.equal(body.executed, '$LATEST');
    assert.deepEqual(body.payload.event, { from: 'caller' });
    assert.ok(e.warnings.some((w) => /Installing the AWS SDK for JavaScript v3/.test(w)), 'installed on first need, and said so');
  });

  test('Node.js ES module (.mjs): imports the runtime SDK and a layer\'s package it does not ship, and calls another function', { timeout: 600_000 }, async () => {
    await e.client.send(
      new CreateFunctionCommand({ FunctionName: 'esm-caller', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipOf({ 'index.mjs': ESM_CALLER }) }, Layers: [GREET_V1] }),
    );
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'esm-caller', Payload: '{"target":"echo"}' }));
    assert.equal(out.FunctionError, undefined, text(out.Payload));
    const body = JSON.parse(text(out.Payload));
    assert.equal(body.status, 200);
    assert.equal(body.greeting, 'hello esm from a layer');
    assert.deepEqual(body.payload.event, { from: 'esm' });
  });

  test('Node.js 24 ("type": "module", in-thread module hooks): the same imports resolve', { timeout: 600_000 }, async (t) => {
    if (!NODE24) return t.skip('no Node.js 24 on this machine (lambda-workbench --install-runtimes auto installs one into the cache)');
    const code = zipOf({ 'package.json': '{"type":"module"}', 'index.js': ESM_CALLER });
    await e.client.send(new CreateFunctionCommand({ FunctionName: 'esm-caller-24', Runtime: 'nodejs24.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: code }, Layers: [GREET_V1] }));
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'esm-caller-24', Payload: '{"target":"echo"}' }));
    assert.equal(out.FunctionError, undefined, text(out.Payload));
    const body = JSON.parse(text(out.Payload));
    assert.match(body.node, /^24\./);
    assert.equal(body.greeting, 'hello esm from a layer');
    assert.deepEqual(body.payload.event, { from: 'esm' });
  });

  test('Python without boto3 of its own (python3.12 from pyenv): boto3 is installed once into the cache and put after /opt/python', { timeout: 600_000 }, async (t) => {
    if (!PY312) return t.skip('no pyenv Python 3.12 without boto3 on this machine (pyenv install 3.12)');
    const code = zipOf({ 'app.py': PY_CALLER });
    await e.client.send(new CreateFunctionCommand({ FunctionName: 'py312-caller', Runtime: 'python3.12', Handler: 'app.handler', Role: ROLE, Code: { ZipFile: code } }));
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'py312-caller', Payload: '{"target":"echo"}' }));
    assert.equal(out.FunctionError, undefined, text(out.Payload));
    const body = JSON.parse(text(out.Payload));
    assert.equal(body.status, 200);
    assert.deepEqual(body.payload.event, { from: 'py312' });
    assert.ok(body.boto3.startsWith(sdkDir), body.boto3);
    assert.ok(body.afterOpt.startsWith(sdkDir), `after /opt/python: ${body.afterOpt}`);
    assert.equal(body.sdkVar, false, 'the host\'s variable is hidden from the function');
    assert.equal(e.warnings.filter((w) => /Installing boto3/.test(w)).length, 1);
  });

  test('Python: a function invokes another with boto3 it does not package', async (t) => {
    if (!hasBoto3()) return t.skip('python3 on this machine has no boto3 (Debian: apt-get install python3-boto3)');
    const out = await e.client.send(new InvokeCommand({ FunctionName: 'pycaller', Payload: '{"target":"echo"}' }));
    assert.equal(out.FunctionError, undefined, text(out.Payload));
    const body = JSON.parse(text(out.Payload));
    assert.equal(body.status, 200);
    assert.deepEqual(body.payload.event, { from: 'pycaller' });
  });
});
