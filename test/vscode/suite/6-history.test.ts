// VS Code test tier: the invocation history from three front doors (a VS Code command, the CLI as a real
// process on the same state directory, Debug), the History view newest first, and what an entry offers:
// Re-run with the Same Event, Open Result, Show Logs of This Invocation, Save Event As….
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InvokeOutcome } from '../../../src/vscode/commands/invokeCommands';
import type { HistoryNode } from '../../../src/vscode/history/historyTreeProvider';
import { COMMANDS } from '../../../src/vscode/ids';
import { api, EXTENSION_ID, mainTemplate, waitFor, workspaceRoot } from './helpers';

describe('invocation history', function () {
  this.timeout(90_000);
  const debugSettings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('debug');
  before(() => debugSettings().update('internalConsoleOptions', 'neverOpen', vscode.ConfigurationTarget.Workspace));
  after(() => debugSettings().update('internalConsoleOptions', undefined, vscode.ConfigurationTarget.Workspace));

  it('records the palette command, the CLI and Debug; the History view lists them newest first; re-run and the entry commands', async () => {
    const a = await api();
    const svc = a.service(mainTemplate());
    const before = (await svc.listHistory('Hello')).length;

    // 1. A VS Code command (what the palette, the tree and CodeLens run).
    await vscode.commands.executeCommand(COMMANDS.invokeWithEvent, 'Hello', { payload: '{"door":"vscode"}' });
    // 2. The CLI, a real process, in the same workspace (same state directory).
    const bin = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'bin', 'lambda-workbench.js');
    const node = vscode.workspace.getConfiguration('lambdaWorkbench').get<Record<string, string>>('runtimes.interpreters')?.nodejs ?? 'node';
    const cli = spawnSync(node, [bin, 'invoke', 'Hello', '-t', mainTemplate(), '--event', '-', '--node-path', node], { cwd: workspaceRoot(), input: '{"door":"cli"}', encoding: 'utf8', timeout: 60_000 });
    assert.equal(cli.status, 0, cli.stderr);
    // 3. Debug (no breakpoint: it runs through and its session ends).
    const ended = new Promise<void>((resolve) => {
      const sub = vscode.debug.onDidTerminateDebugSession((s) => {
        if (s.type === 'lambda') {
          sub.dispose();
          resolve();
        }
      });
    });
    assert.equal(await vscode.commands.executeCommand(COMMANDS.debug, 'Hello'), 'Hello');
    await ended;

    const records = (await waitFor('three new Hello invocations', async () => {
      const all = await svc.listHistory('Hello');
      return all.length >= before + 3 ? all : undefined;
    }))!;
    const [debugged, fromCli, fromVscode] = records;
    assert.deepEqual([debugged.origin, debugged.debug, fromCli.origin, fromVscode.origin], ['vscode', true, 'cli', 'vscode']);
    assert.equal(fromCli.event, '{"door":"cli"}');
    assert.equal(fromVscode.event, '{"door":"vscode"}');
    assert.ok([debugged, fromCli, fromVscode].every((r) => r.status === 'success' && r.billedDurationMs! > 0 && r.environmentId));

    // The History view: per function, newest first, with status and durations.
    const roots = await a.views.history.getChildren();
    const hello = roots.find((n): n is Extract<HistoryNode, { kind: 'historyFunction' }> => n.kind === 'historyFunction' && n.functionName === 'Hello' && n.templatePath === mainTemplate());
    assert.ok(hello, JSON.stringify(roots.map((n) => n.kind === 'historyFunction' ? n.functionName : n.kind)));
    const children = await a.views.history.getChildren(hello);
    assert.deepEqual(children.slice(0, 3).map((c) => (c.kind === 'historyRecord' ? c.record.id : '')), [debugged.id, fromCli.id, fromVscode.id]);
    const item = a.views.history.getTreeItem(children[1]);
    assert.match(String(item.label), /^\d\d:\d\d:\d\d success$/);
    assert.match(String(item.description), /^[\d.]+ ms · billed \d+ ms · (cold|warm) · cli$/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'pass');

    // Re-run the CLI's invocation from VS Code: same event, recorded as a new entry.
    const rerun = await vscode.commands.executeCommand<InvokeOutcome>(COMMANDS.historyRerun, children[1]);
    assert.deepEqual(JSON.parse(rerun.payload).event, { door: 'cli' });
    const newest = (await svc.listHistory('Hello'))[0];
    assert.equal(newest.id, rerun.result.requestId);
    assert.equal(newest.event, '{"door":"cli"}');

    // Open Result, Show Logs of This Invocation, Save Event As….
    const resultUri = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.historyOpenResult, children[1]);
    const resultText = (await vscode.workspace.openTextDocument(resultUri)).getText();
    assert.match(resultText, new RegExp(`^// Hello · SUCCESS · request ${fromCli.id}\n// Started .* from cli`));
    assert.match(resultText, /"event": \{\n {4}"door": "cli"\n {2}\}/);
    assert.match(path.basename(resultUri.path), /^Hello success \d\d:\d\d:\d\d/);
    const logUri = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.historyShowLogs, children[1]);
    const logText = (await vscode.workspace.openTextDocument(logUri)).getText();
    assert.match(logText, new RegExp(`START RequestId: ${fromCli.id}[\\s\\S]*hello handler got \\{"door":"cli"\\}[\\s\\S]*END RequestId: ${fromCli.id}`));
    assert.doesNotMatch(logText, new RegExp(fromVscode.id), 'only this invocation\'s lines');
    const saved = await vscode.commands.executeCommand<string>(COMMANDS.historySaveEvent, children[1], 'from-cli');
    assert.ok(saved && existsSync(saved), String(saved));
    assert.deepEqual(JSON.parse(readFileSync(saved, 'utf8')), { door: 'cli' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
