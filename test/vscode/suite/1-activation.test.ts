// VS Code test tier: activation is fast, starts no engine work, and registers every command.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/vscode/ids';
import { api, EXTENSION_ID } from './helpers';

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
});
