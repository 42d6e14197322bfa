// VS Code test tier: the navigation, packaging, logs, debug and stop commands.
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InvokeOutcome } from '../../../src/vscode/commands/invokeCommands';
import { COMMANDS } from '../../../src/vscode/ids';
import { api, isAlive, mainTemplate, workspaceRoot } from './helpers';

describe('commands', () => {
  it('Open Handler opens the handler file at its export', async () => {
    const r = await vscode.commands.executeCommand<{ file: string; line: number }>(COMMANDS.openHandler, 'Fails');
    assert.equal(r.file, path.join(workspaceRoot(), 'fails', 'app.js'));
    const ed = vscode.window.activeTextEditor;
    assert.equal(ed?.document.uri.fsPath, r.file);
    assert.equal(ed?.selection.active.line, 8);
    assert.match(ed!.document.lineAt(8).text, /^exports\.handler/);
  });

  it('Open Handler finds the source of the usual esbuild layout through its entry points', async () => {
    const template = path.join(workspaceRoot(), 'debugging', 'debug-template.yaml');
    const fn = (await (await api()).service(template).listFunctions()).find((f) => f.logicalId === 'EsbuildLayout');
    assert.ok(fn);
    const r = await vscode.commands.executeCommand<{ file: string; line: number } | undefined>(COMMANDS.openHandler, { templatePath: template, fn });
    assert.ok(r, `openHandler failed: ${(await api()).logs.lines().slice(-2).join('\n')}`);
    assert.equal(r.file, path.join(workspaceRoot(), 'debugging', 'ts', 'src', 'handler.ts'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, r.file);
    assert.match(vscode.window.activeTextEditor!.document.lineAt(r.line).text, /export (const|async function) handler/);
  });

  it('Open Template at This Resource opens the template at the resource line', async () => {
    const r = await vscode.commands.executeCommand<{ file: string; line: number } | undefined>(COMMANDS.openTemplate, 'Fails');
    assert.ok(r, `openTemplate failed: ${(await api()).logs.lines().slice(-3).join('\n')}`);
    assert.equal(r.file, mainTemplate());
    const ed = vscode.window.activeTextEditor!;
    assert.equal(ed.document.uri.fsPath, mainTemplate());
    assert.equal(ed.document.lineAt(ed.selection.active.line).text, '  Fails:');
  });

  it('Show Logs and Debug run', async () => {
    await vscode.commands.executeCommand(COMMANDS.showLogs);
    assert.equal(await vscode.commands.executeCommand(COMMANDS.debug, 'Hello'), 'Hello');
  });

  it('Show Logs on a function opens that function\'s log only', async () => {
    await vscode.commands.executeCommand(COMMANDS.invoke, 'Fails');
    await vscode.commands.executeCommand(COMMANDS.invoke, 'Hello');
    const uri = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.showLogs, { templatePath: mainTemplate(), logicalId: 'Fails' });
    assert.ok(uri, 'Show Logs on a function returns its log document');
    const lines = (await vscode.workspace.openTextDocument(uri)).getText().trimEnd().split('\n');
    assert.ok(lines.some((l) => /^\[Fails\] REPORT RequestId: /.test(l)), lines.join('\n'));
    assert.deepEqual(lines.filter((l) => !l.startsWith('[Fails]')), []);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Package builds a ZIP', async () => {
    const out = await vscode.commands.executeCommand<{ zipPath: string; size: number; codeSha256: string } | undefined>(COMMANDS.packageFunction, 'Hello');
    assert.ok(out, 'package returned nothing');
    assert.ok(existsSync(out.zipPath) && statSync(out.zipPath).size === out.size);
    assert.match(out.codeSha256, /^[A-Za-z0-9+/]{43}=$/);
  });

  it('Publish Layer Version publishes a numbered version', async () => {
    const first = await vscode.commands.executeCommand<{ version: number; layerVersionArn: string } | undefined>(COMMANDS.publishLayerVersion, 'CommonLayer');
    const second = await vscode.commands.executeCommand<{ version: number } | undefined>(COMMANDS.publishLayerVersion, 'CommonLayer');
    assert.ok(first && second);
    assert.equal(second.version, first.version + 1);
    assert.match(first.layerVersionArn, /^arn:aws:lambda:us-east-1:123456789012:layer:\S+:\d+$/);
  });

  it('CodeLens offers Invoke and Debug above the handler export', async () => {
    const uri = vscode.Uri.file(path.join(workspaceRoot(), 'fails', 'app.js'));
    await vscode.window.showTextDocument(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.command]), [[8, COMMANDS.invoke], [8, COMMANDS.debug]]);
    const pyUri = vscode.Uri.file(path.join(workspaceRoot(), 'py', 'app.py'));
    await vscode.workspace.openTextDocument(pyUri);
    const py = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', pyUri);
    assert.equal(py[0]?.range.start.line, 3);
    const out = await vscode.commands.executeCommand<InvokeOutcome>(lenses[0].command!.command, ...(lenses[0].command!.arguments ?? []));
    assert.equal(out.result.errorType, 'TypeError');
  });

  it('Stop All Environments ends every environment process', async () => {
    const a = await api();
    await vscode.commands.executeCommand(COMMANDS.invoke, 'Hello');
    const pids = a.runningServices().flatMap((s) => s.environments().map((e) => e.pid)).filter((p): p is number => !!p);
    assert.ok(pids.length > 0 && pids.every(isAlive), `expected live environments, got ${pids}`);
    const stopped = await vscode.commands.executeCommand<number>(COMMANDS.stopAllEnvironments);
    assert.equal(stopped, pids.length);
    assert.equal(a.services.environmentCount(), 0);
    assert.deepEqual(pids.filter(isAlive), []);
    // CodeLens stays: the models are read again at once and CodeLens is told so.
    const uri = vscode.Uri.file(path.join(workspaceRoot(), 'hello', 'index.js'));
    await vscode.window.showTextDocument(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.deepEqual(lenses.map((l) => l.command?.command), [COMMANDS.invoke, COMMANDS.debug, COMMANDS.routeSendRequest]);
    assert.equal(a.services.environmentCount(), 0, 'reading the models starts no environment');
  });
});
