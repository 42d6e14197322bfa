// VS Code test tier (issue 18): the SAM-habit settings reach the function (parameter overrides, env-vars
// file, region: a settings change gives new engines), the CodeLens toggle, Convert AWS Toolkit Launch
// Configurations on a sample launch.json and a debug session run from what it wrote (launch attributes
// reach the function), and a JSON log line arriving unchanged in the plain Lambda Functions channel.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/vscode/ids';
import type { FolderConversion } from '../../../src/vscode/commands/launchCommands';
import { DebugRecorder } from './debugTracker';
import { api, waitFor, workspaceRoot } from './helpers';

const template = (): string => path.join(workspaceRoot(), 'settings', 'settings-template.yaml');
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('lambdaWorkbench');
const SETTINGS = ['parameterOverrides', 'envVarsFile', 'region', 'profile', 'codeLens.enabled'];

async function echo(): Promise<{ greeting?: string; fromFile?: string; region?: string; keyId?: string }> {
  const r = await (await api()).services.serviceFor(template()).invoke('EchoEnv', '{}');
  return JSON.parse(r.payload.toString('utf8'));
}

/**
 * While a settings change takes effect, the engine an invoke went to may be retired under it (its invocation is
 * cancelled: workspaceServices.ts disposes a retired engine at once); polling for the new settings then asks again.
 */
async function echoAfterChange(): Promise<Awaited<ReturnType<typeof echo>> | undefined> {
  try {
    return await echo();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'INVOKE_CANCELLED' || code === 'SERVICE_DISPOSED') return undefined;
    throw e;
  }
}

describe('SAM-habit settings, CodeLens toggle, Toolkit launch conversion, plain function output', function () {
  this.timeout(60_000);
  after(async () => {
    for (const s of SETTINGS) await config().update(s, undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('without settings the template defaults apply; a JSON log line arrives unchanged in the Lambda Functions channel', async () => {
    assert.deepEqual(await echo(), { greeting: 'default-greeting', fromFile: 'template-value', region: 'us-east-1' });
    const a = await api();
    const line = JSON.stringify({ level: 'INFO', msg: 'echo', greeting: 'default-greeting', fromFile: 'template-value', region: 'us-east-1' });
    await waitFor('the JSON line in the Lambda Functions channel', () => a.functionOutput.lines().includes(line));
    const lines = a.functionOutput.lines();
    assert.deepEqual(JSON.parse(line), JSON.parse(lines[lines.indexOf(line)]));
    // Which function wrote: a header line before its run of lines; the platform lines are there as written.
    const header = lines.lastIndexOf('[EchoEnv]');
    assert.ok(header >= 0 && header < lines.lastIndexOf(line), lines.slice(-8).join('\n'));
    assert.ok(lines.some((l) => /^REPORT RequestId: [0-9a-f-]{36}\tDuration: /.test(l)), lines.slice(-8).join('\n'));
    // Not in the Lambda log channel's own messages: its tail has the tagged form.
    assert.ok(a.logs.lines().some((l) => l.startsWith('[EchoEnv]') && l.endsWith(line)));
  });

  it('parameterOverrides, envVarsFile and region settings reach the function once changed (new engines)', async () => {
    const before = (await api()).services.serviceFor(template());
    await config().update('parameterOverrides', { Greeting: 'from-settings' }, vscode.ConfigurationTarget.Workspace);
    await config().update('envVarsFile', 'settings/env.json', vscode.ConfigurationTarget.Workspace);
    await config().update('region', 'eu-west-2', vscode.ConfigurationTarget.Workspace);
    const seen = await waitFor('the new settings in the function', async () => {
      const e = await echoAfterChange();
      return e?.greeting === 'from-settings' && e?.fromFile === 'from-env-file' && e?.region === 'eu-west-2' ? e : undefined;
    }, 30_000);
    assert.deepEqual(seen, { greeting: 'from-settings', fromFile: 'from-env-file', region: 'eu-west-2' });
    assert.notEqual((await api()).services.serviceFor(template()), before, 'a new engine');
    for (const s of ['parameterOverrides', 'envVarsFile', 'region']) await config().update(s, undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('the defaults again', async () => (await echoAfterChange())?.greeting === 'default-greeting', 30_000);
  });

  it("lambdaWorkbench.profile: the profile's credentials and region reach the function (new engines)", async () => {
    // The shared files are read from this process's variables: the extension host is this process.
    const dir = path.join(workspaceRoot(), '.lambda-workbench', 'aws-profile-test');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'config'), '[profile lwb-test]\nregion = ap-southeast-2\n');
    writeFileSync(path.join(dir, 'credentials'), '[lwb-test]\naws_access_key_id = AKIATESTPROFILE\naws_secret_access_key = not-a-secret\n');
    const keys = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_REGION', 'AWS_DEFAULT_REGION'] as const;
    const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    try {
      await config().update('profile', 'lwb-test', vscode.ConfigurationTarget.Workspace);
      const seen = await waitFor('the profile in the function', async () => {
        const e = await echoAfterChange();
        return e?.keyId === 'AKIATESTPROFILE' && e?.region === 'ap-southeast-2' ? e : undefined;
      }, 30_000);
      assert.deepEqual(seen, { greeting: 'default-greeting', fromFile: 'template-value', region: 'ap-southeast-2', keyId: 'AKIATESTPROFILE' });
      assert.ok(!(await api()).logs.lines().some((l) => l.includes('not-a-secret')), 'the secret is never logged');
    } finally {
      await config().update('profile', undefined, vscode.ConfigurationTarget.Workspace);
      for (const k of keys) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
      rmSync(dir, { recursive: true, force: true });
    }
    await waitFor('no profile again', async () => {
      const e = await echoAfterChange();
      return e !== undefined && e.keyId === undefined;
    }, 30_000);
  });

  it('lambdaWorkbench.codeLens.enabled hides and shows the handler lenses live', async () => {
    const handler = vscode.Uri.file(path.join(workspaceRoot(), 'hello', 'index.js'));
    await vscode.workspace.openTextDocument(handler);
    const ours = async (): Promise<string[]> =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', handler)) ?? []).map((l) => l.command?.title ?? '').filter((t) => /Invoke Hello|Debug|Send Request/.test(t));
    await waitFor('the lenses', async () => (await ours()).length >= 2);
    await config().update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('no lenses', async () => (await ours()).length === 0);
    await config().update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('the lenses back', async () => (await ours()).length >= 2);
    const back = await ours();
    assert.ok(back.includes('$(play) Invoke Hello'), back.join(', '));
  });

  it('Convert AWS Toolkit Launch Configurations adds lambda configurations; one runs with its parameterOverrides and region', async () => {
    const dir = path.join(workspaceRoot(), '.vscode');
    const file = path.join(dir, 'launch.json');
    const had = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `{
  // from the AWS Toolkit
  "version": "0.2.0",
  "configurations": [
    {
      "type": "aws-sam",
      "request": "direct-invoke",
      "name": "settings:EchoEnv",
      "invokeTarget": { "target": "template", "templatePath": "\${workspaceFolder}/settings/settings-template.yaml", "logicalId": "EchoEnv" },
      "lambda": { "payload": { "json": {} }, "runtime": "nodejs20.x" },
      "sam": { "template": { "parameters": { "Greeting": "from-launch" } } },
      "aws": { "region": "ap-south-1" }
    },
    { "type": "aws-sam", "request": "direct-invoke", "name": "an api", "invokeTarget": { "target": "api", "templatePath": "template.yaml", "logicalId": "Hello" }, "api": { "path": "/hello", "httpMethod": "get" } }
  ]
}
`);
    const rec = new DebugRecorder();
    const debugSettings = vscode.workspace.getConfiguration('debug');
    await debugSettings.update('internalConsoleOptions', 'neverOpen', vscode.ConfigurationTarget.Workspace);
    try {
      const done = await vscode.commands.executeCommand<FolderConversion[]>(COMMANDS.convertToolkitLaunchConfigs);
      assert.equal(done?.length, 1);
      assert.deepEqual(done[0].converted.map((c) => [c.from, c.to]), [['settings:EchoEnv', 'settings:EchoEnv (Lambda Workbench)']]);
      assert.deepEqual(done[0].converted[0].dropped, ["lambda.runtime (the template's value is used)"]);
      assert.deepEqual(done[0].skipped.map((s) => s.name), ['an api']);
      const text = readFileSync(file, 'utf8');
      assert.ok(text.includes('// from the AWS Toolkit'), 'comments kept');
      const converted = await waitFor('VS Code to read the new launch.json', () =>
        (vscode.workspace.getConfiguration('launch', vscode.workspace.workspaceFolders![0]).get<vscode.DebugConfiguration[]>('configurations') ?? []).find((c) => c.name === 'settings:EchoEnv (Lambda Workbench)'));
      assert.deepEqual(converted, {
        type: 'lambda', request: 'launch', name: 'settings:EchoEnv (Lambda Workbench)', function: 'EchoEnv',
        template: '${workspaceFolder}/settings/settings-template.yaml', event: {}, parameterOverrides: { Greeting: 'from-launch' }, region: 'ap-south-1',
      });
      // The converted configuration, run by name as F5 would: its engine has the launch attributes.
      assert.equal(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], 'settings:EchoEnv (Lambda Workbench)'), true, rec.summary());
      await rec.terminated('lambda', 40_000);
      const out = rec.output('lambda');
      assert.match(out, /Result of EchoEnv: SUCCESS/, out);
      assert.match(out, /"greeting": "from-launch"/, out);
      assert.match(out, /"region": "ap-south-1"/, out);
      // The template's own engine is untouched by the session's attributes.
      assert.equal((await echo()).greeting, 'default-greeting');
    } finally {
      rec.dispose();
      await debugSettings.update('internalConsoleOptions', undefined, vscode.ConfigurationTarget.Workspace);
      if (had === undefined) rmSync(file, { force: true });
      else writeFileSync(file, had);
    }
  });
});
