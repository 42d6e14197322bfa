// VS Code test tier: Run Pipeline Locally on a real git repository made from test/fixtures/pipeline (outside
// the workspace, passed by template path): the stages' result, version 1 of both functions, then after a
// commit that changes one function, version 2 of it only — in the repository's own state directory.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PipelineResult } from '../../../src/core/pipeline';
import { COMMANDS } from '../../../src/vscode/ids';
import { EXTENSION_ID } from './helpers';

describe('Run Pipeline Locally', () => {
  let repo: string;
  before(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'lwb-vscode-pipeline-'));
    cpSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'pipeline'), repo, { recursive: true });
    for (const args of [['init', '-q'], ['config', 'user.email', 'dev@example.com'], ['config', 'user.name', 'Dev'], ['add', '-A'], ['commit', '-qm', 'First version']]) execFileSync('git', args, { cwd: repo });
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  const deployed = (r: PipelineResult | undefined) => r?.deploy?.functions.map((f) => `${f.logicalId} ${f.version}${f.published ? ' new' : ''}`);

  it('builds HEAD, runs the tests and publishes version 1 of both functions, then version 2 of the changed one', async () => {
    const template = path.join(repo, 'template.yaml');
    const first = await vscode.commands.executeCommand<PipelineResult>(COMMANDS.pipelineRun, template);
    assert.deepEqual(first?.stages.map((s) => `${s.stage} ${s.status}`), ['Source succeeded', 'Build succeeded', 'Deploy (local) succeeded']);
    assert.deepEqual(deployed(first), ['Greeter 1 new', 'Counter 1 new']);

    const handler = path.join(repo, 'greeter', 'index.js');
    writeFileSync(handler, readFileSync(handler, 'utf8').replace("mark: 'g1'", "mark: 'g2'"));
    execFileSync('git', ['commit', '-qam', 'Greeter g2'], { cwd: repo });
    const second = await vscode.commands.executeCommand<PipelineResult>(COMMANDS.pipelineRun, template);
    assert.equal(second?.ok, true);
    assert.deepEqual(deployed(second), ['Greeter 2 new', 'Counter 1']);
  });
});
