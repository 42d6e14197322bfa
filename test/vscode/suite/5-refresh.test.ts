// VS Code test tier: editing a template refreshes the trees (FileSystemWatcher, debounced); Refresh works.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/vscode/ids';
import { api, mainTemplate, waitFor } from './helpers';

describe('refresh', () => {
  it('a new function in the template appears without a manual refresh', async () => {
    const a = await api();
    const original = readFileSync(mainTemplate(), 'utf8');
    const added = original.replace('  CommonLayer:\n', '  Added:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: hello, Handler: index.handler }\n  CommonLayer:\n');
    try {
      const refreshed = new Promise<void>((resolve) => a.watcher.onDidRefresh(() => resolve()));
      writeFileSync(mainTemplate(), added);
      await Promise.race([refreshed, new Promise((_, rej) => setTimeout(() => rej(new Error('no refresh within 10 s')), 10_000))]);
      const ids = await waitFor('Added in the model', async () => {
        const fns = (await a.services.functions()).map((r) => r.fn.logicalId);
        return fns.includes('Added') ? fns : undefined;
      });
      assert.ok(ids?.includes('Hello'));
    } finally {
      writeFileSync(mainTemplate(), original);
    }
    const count = await vscode.commands.executeCommand<number>(COMMANDS.refresh);
    assert.equal(count, 4);
  });
});
