// VS Code test tier: activation is fast, starts no engine work, and registers every command.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/vscode/ids';
import { api, EXTENSION_ID, waitFor, workspaceRoot } from './helpers';

describe('activation', () => {
  it('activates from the development path and reports its activation time', async () => {
    const a = await api();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    console.log(`      activation took ${a.activationMs.toFixed(1)} ms`);
    assert.ok(a.activationMs < 500, `activation took ${a.activationMs} ms`);
    assert.ok(a.logs.lines().some((l) => /^Lambda Workbench activated in [\d.]+ ms/.test(l)));
  });

  it('starts no execution environment during activation', async () => {
    const a = await api();
    assert.equal(a.services.environmentCount(), 0);
  });

  it('registers every command listed in ids.ts', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(COMMANDS)) assert.ok(all.has(id), `${id} is not registered`);
  });

  // Runs before any test touches the trees or the model: only the background load at activation can help.
  it('offers CodeLens above a handler before the Lambda view was ever opened, and the model is ready', async () => {
    const a = await api();
    const uri = vscode.Uri.file(path.join(workspaceRoot(), 'hello', 'index.js'));
    await vscode.window.showTextDocument(uri);
    const lenses = await waitFor('CodeLens on hello/index.js', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l.length ? l : undefined;
    }, 10_000);
    assert.deepEqual(lenses!.map((l) => [l.range.start.line, l.command?.command]), [[1, COMMANDS.invoke], [1, COMMANDS.debug], [1, COMMANDS.routeSendRequest]]);
    assert.equal(a.services.state(), 'ready');
    assert.equal(a.services.environmentCount(), 0, 'loading the templates starts no environment');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

