// VS Code test tier: a syntax error at init, in a module an ES module handler imports: the result names the
// source file with line and column (a link), the error type is said once, the notification says where.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InvokeOutcome } from '../../../src/vscode/commands/invokeCommands';
import { COMMANDS } from '../../../src/vscode/ids';
import { api, workspaceRoot } from './helpers';

describe('syntax errors at init', () => {
  it('link the source file at line and column, and name the error type once', async () => {
    const templatePath = path.join(workspaceRoot(), 'debugging', 'debug-template.yaml');
    const a = await api();
    const fn = (await a.service(templatePath).template()).functions.find((f) => f.logicalId === 'SyntaxEsm')!;
    const out = await vscode.commands.executeCommand<InvokeOutcome>(COMMANDS.invoke, { templatePath, fn });
    assert.ok(out?.result, `invoke returned nothing:\n${a.logs.lines().slice(-5).join('\n')}`);
    assert.equal(out.result.errorType, 'Runtime.UserCodeSyntaxError');
    const source = path.join(workspaceRoot(), 'debugging', 'syntax', 'lib', 'values.mjs');
    assert.deepEqual(out.failingLine, { file: source, line: 3, column: 26 });
    const text = (await vscode.workspace.openTextDocument(out.document)).getText();
    const header = text.split('\n').filter((l) => l.startsWith('//'));
    assert.ok(header.includes('// Function error: Runtime.UserCodeSyntaxError'), header.join('\n'));
    assert.equal(header.join('\n').split('Runtime.UserCodeSyntaxError').length - 1, 1, `the error type once in the header:\n${header.join('\n')}`);
    assert.ok(header.includes(`// at ${source}:3:26`), header.join('\n'));
    assert.ok(text.includes(`"${source}:3:26"`), `the trace names the source, not the package copy:\n${text}`);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', out.document);
    assert.ok(links.some((l) => l.target?.fsPath === source && l.target.fragment === 'L3,26'), JSON.stringify(links.map((l) => l.target?.toString())));
  });

  // The failed environment's process is gone; later suites count live environments.
  after(() => vscode.commands.executeCommand(COMMANDS.stopAllEnvironments));
});
