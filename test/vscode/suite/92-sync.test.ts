// VS Code test tier: Sync Code to AWS (issue 20) against a second engine the test starts (a real
// `lambda-workbench start` on its own state dir, set as lambdaWorkbench.deploy.endpointUrl): not confirmed →
// nothing changes; confirmed → the function is created there with the local CodeSha256 (the role asked for, as
// the template gives none), the result line is in the Lambda channel; again → unchanged.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import * as vscode from 'vscode';
import type { FunctionSyncResult } from '../../../src/core/deploy/codeSync';
import { COMMANDS } from '../../../src/vscode/ids';
import { EXTENSION_ID, api, mainTemplate, waitFor } from './helpers';

describe('Sync Code to AWS', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'lwb-vscode-sync-'));
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('lambdaWorkbench');
  const saved = { key: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  let child: ChildProcessWithoutNullStreams | undefined;
  let url = '';

  before(async () => {
    const bin = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'bin', 'lambda-workbench.js');
    const node = config().get<Record<string, string>>('runtimes.interpreters')?.nodejs ?? 'node';
    child = spawn(node, [bin, 'start', '--port', '0', '--quiet', '--no-apis', '--state-dir', path.join(dir, 'state')], { cwd: dir });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    url = (await waitFor('the second engine to listen', () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], 60_000))!;
    // The endpoint accepts any credentials; the extension host's environment is where the SDK chain finds them.
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    await config().update('deploy.endpointUrl', url, vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await config().update('deploy.endpointUrl', undefined, vscode.ConfigurationTarget.Workspace);
    if (saved.key === undefined) delete process.env.AWS_ACCESS_KEY_ID; else process.env.AWS_ACCESS_KEY_ID = saved.key;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY; else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.on('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks naming the endpoint, creates the function there with the local CodeSha256, then finds it unchanged', async () => {
    const a = await api();
    const questions: string[] = [];
    const answers = (yes: boolean) => ({
      confirm: (q: string) => (questions.push(q), Promise.resolve(yes)),
      role: () => Promise.resolve('arn:aws:iam::123456789012:role/vscode-sync'),
    });
    const lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      assert.equal(await vscode.commands.executeCommand(COMMANDS.syncToAws, 'Hello', answers(false)), undefined);
      assert.match(questions[0], new RegExp(`^Sync the code of Hello to endpoint ${url.replace(/\./g, '\\.')} \\(profile default chain\\), region us-east-1\\?$`));
      await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: 'Hello' })), { name: 'ResourceNotFoundException' });

      const results = await vscode.commands.executeCommand<FunctionSyncResult[]>(COMMANDS.syncToAws, 'Hello', answers(true));
      assert.equal(results?.[0].action, 'created', JSON.stringify(results));
      const local = await a.service(mainTemplate()).packageFunction('Hello');
      const remote = (await lambda.send(new GetFunctionCommand({ FunctionName: 'Hello' }))).Configuration!;
      assert.equal(remote.CodeSha256, local.codeSha256);
      assert.equal(remote.Role, 'arn:aws:iam::123456789012:role/vscode-sync');
      assert.equal(remote.Layers?.length, 1);
      await waitFor('the result line in the Lambda channel', () => a.logs.lines().some((l) => l.includes(`Hello: created, layers updated (CodeSha256 ${local.codeSha256})`)));

      const again = await vscode.commands.executeCommand<FunctionSyncResult[]>(COMMANDS.syncToAws, 'Hello', answers(true));
      assert.equal(again?.[0].action, 'unchanged');
    } finally {
      lambda.destroy();
    }
  });
});
