// VS Code test tier: Lambda: Deploy to AWS… on the fixture workspace's template, inside the real extension host.
// S3 is s3rver (npm, in this process on 127.0.0.1:0). CloudFormation is a STUB — the recorded-contract server
// of test/integration/helpers/cloudFormationStub.ts (no CloudFormation emulator is reachable here). The picks
// are given as the command's options; the modal confirmation is answered by the test (uiChecks.mjs covers
// real dialogs elsewhere).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import * as vscode from 'vscode';
import type { DeployOutcome } from '../../../src/core/deploy/deployRun';
import { COMMANDS } from '../../../src/vscode/ids';
import { changeSet, changeSetArn, CloudFormationStub, error, events, noStack, ok, stack, stackArn } from '../../integration/helpers/cloudFormationStub';
import { api, mainTemplate } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (o: Record<string, unknown>) => { run(): Promise<{ port: number }>; close(): Promise<void>; httpServer: Server };

const STACK = 'vscode-stack';

describe('Deploy to AWS…', () => {
  const cfn = new CloudFormationStub();
  const dir = mkdtempSync(join(tmpdir(), 'lwb-vscode-s3-'));
  let s3: InstanceType<typeof S3rver>;
  let endpoints: { s3: string; cloudformation: string };
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

  before(async () => {
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir });
    const { port } = await s3.run();
    endpoints = { s3: `http://127.0.0.1:${port}`, cloudformation: await cfn.start() };
    // s3rver's one account; the SDK's default chain reads them from this (the extension host's) environment.
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  });
  after(async () => {
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    await cfn.close();
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('packages, uploads to the managed bucket, shows the change set and events in the Lambda channel, asks before executing', async function () {
    this.timeout(180_000);
    const a = await api();
    let executed = false;
    let polls = 0;
    cfn.script = (action, params) => {
      if (action === 'DescribeStacks') return !executed ? noStack(params.StackName) : stack(STACK, polls++ === 0 ? 'CREATE_IN_PROGRESS' : 'CREATE_COMPLETE', { Outputs: [{ OutputKey: 'Api', OutputValue: 'https://example.invalid/' }] });
      if (action === 'CreateChangeSet') return ok('CreateChangeSet', { Id: changeSetArn(params.ChangeSetName), StackId: stackArn(STACK) });
      if (action === 'DescribeChangeSet') return changeSet(STACK, 'cs', 'CREATE_COMPLETE', { changes: [{ action: 'Add', logicalId: 'Hello', type: 'AWS::Lambda::Function' }] });
      if (action === 'ExecuteChangeSet') return (executed = true), ok('ExecuteChangeSet');
      if (action === 'DescribeStackEvents') return events(STACK, executed && polls > 1 ? [{ id: 'e1', logicalId: 'Hello', type: 'AWS::Lambda::Function', status: 'CREATE_COMPLETE' }] : []);
      return error('InvalidAction', action);
    };
    const entry = (await a.services.templates()).find((e) => e.uri.fsPath === mainTemplate());
    assert.ok(entry?.model, 'the main template is loaded');
    const questions: string[] = [];
    const outcome = await vscode.commands.executeCommand<DeployOutcome>(COMMANDS.deploy, { kind: 'template', entry, label: 'template.yaml' }, {
      profile: null,
      region: 'us-east-1',
      stackName: STACK,
      endpoints,
      pollMs: 10,
      confirm: (q: string) => (questions.push(q), Promise.resolve(true)),
    });
    assert.ok(outcome, `the command failed: ${a.logs.lines().slice(-5).join('\n')}`);
    assert.equal(outcome.kind, 'deployed', JSON.stringify(outcome));
    assert.equal(questions.length, 1);
    assert.match(questions[0], new RegExp(`^Deploy this change set to endpoint .*region us-east-1, stack ${STACK}\\?$`));

    const create = cfn.of('CreateChangeSet')[0];
    assert.equal(create.ChangeSetType, 'CREATE');
    assert.deepEqual([create['Capabilities.member.1'], create['Capabilities.member.2']], ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND']);
    const bucket = readdirSync(dir).find((b) => b.startsWith('lambda-workbench-managed-'));
    assert.ok(bucket, 'the managed bucket was created on the S3 endpoint');
    assert.match(create.TemplateBody, new RegExp(`CodeUri: s3://${bucket}/${STACK}/[0-9a-f]{64}\\.zip`));
    assert.equal(cfn.of('ExecuteChangeSet').length, 1);

    const lines = a.logs.lines();
    assert.ok(lines.some((l) => /^\+ Add\s+Hello\s+AWS::Lambda::Function\s+N\/A$/.test(l)), lines.slice(-20).join('\n'));
    assert.ok(lines.some((l) => /^CREATE_COMPLETE\s+AWS::Lambda::Function\s+Hello\s/.test(l)), lines.slice(-20).join('\n'));
    assert.ok(lines.some((l) => l === `Stack ${STACK} CREATE_COMPLETE`), lines.slice(-20).join('\n'));
    assert.ok(!lines.some((l) => l.includes('S3RVER')), 'no credential in the channel');
  });
});
