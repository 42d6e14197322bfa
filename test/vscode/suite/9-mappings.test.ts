// VS Code test tier: a function's event source mappings in the Functions tree (issue 16) — a mapping created
// through the engine appears under its function with state, batch size and last result; Enable runs its poller
// (a message sent to its queue is consumed and the row says OK), Disable stops it; the row's menu item changes.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS, TREE_ITEMS } from '../../../src/vscode/ids';
import type { MappingNode } from '../../../src/vscode/mappings/mappingNodes';
import type { LambdaNode } from '../../../src/vscode/tree/nodes';
import { api, mainTemplate, waitFor } from './helpers';

describe('Event source mappings in the Functions tree', () => {
  it('shows a mapping under its function, and Enable / Disable change its state', async function () {
    this.timeout(120_000);
    const a = await api();
    const svc = a.services.serviceFor(mainTemplate());
    const resources = await svc.async.resources();
    const arn = `arn:aws:sqs:${svc.region}:${svc.accountId}:vscode-esm`;
    await resources.create({ kind: 'queue', name: 'vscode-esm', arn, fifo: false, visibilityTimeout: 30 });
    const created = await svc.mappings.create({ FunctionName: 'Hello', EventSourceArn: arn, BatchSize: 3, Enabled: false });
    await svc.mappings.settled();
    await svc.mappings.start();
    try {
      const fnNode = async (): Promise<LambdaNode> => {
        const roots = await a.views.functions.getChildren();
        const main = roots.find((n) => n.kind === 'template' && n.entry.uri.fsPath === mainTemplate())!;
        return (await a.views.functions.getChildren(main)).find((n) => n.kind === 'function' && n.fn.logicalId === 'Hello')!;
      };
      const row = async (): Promise<MappingNode | undefined> => (await a.views.functions.getChildren(await fnNode())).find((n): n is MappingNode => n.kind === 'mapping' && n.details.config.UUID === created.UUID);
      const first = (await row())!;
      const item = a.views.functions.getTreeItem(first);
      assert.equal(item.label, 'vscode-esm');
      assert.equal(item.contextValue, TREE_ITEMS.mappingDisabled);
      assert.equal(item.description, 'Disabled · batch 3 · No records processed');

      const state = await vscode.commands.executeCommand<string>(COMMANDS.mappingEnable, first);
      assert.equal(state, 'Enabled');
      await (await resources.queue('vscode-esm')).send('{"from":"vscode"}');
      await waitFor('the row after a batch', async () => /^Enabled · batch 3 · OK/.test(String(a.views.functions.getTreeItem((await row())!).description)), 60_000);
      assert.equal(a.views.functions.getTreeItem((await row())!).contextValue, TREE_ITEMS.mapping);

      assert.equal(await vscode.commands.executeCommand<string>(COMMANDS.mappingDisable, await row()), 'Disabled');
      assert.match(String(a.views.functions.getTreeItem((await row())!).description), /^Disabled · batch 3 · OK$/);
    } finally {
      await svc.mappings.delete(created.UUID);
      await svc.mappings.settled();
      await resources.remove(arn);
    }
  });
});
