// VS Code test tier: Publish Version, Create Alias, Update Alias Routing and Invoke of an alias from the
// Functions tree: versions and aliases (with their weights) appear as the function's children.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InvokeResult } from '../../../src/core/invoke/invokeTypes';
import type { AliasConfiguration, FunctionConfiguration } from '../../../src/core/model/versions';
import { COMMANDS, TREE_ITEMS } from '../../../src/vscode/ids';
import type { LambdaNode } from '../../../src/vscode/tree/nodes';
import { api, workspaceRoot } from './helpers';

describe('versions and aliases', () => {
  it('publishes versions, routes an alias between them, and shows both in the tree', async () => {
    const { views } = await api();
    const v1 = await vscode.commands.executeCommand<FunctionConfiguration>(COMMANDS.publishVersion, 'Hello');
    assert.equal(v1?.Version, '1');
    assert.equal((await vscode.commands.executeCommand<FunctionConfiguration>(COMMANDS.publishVersion, 'Hello'))?.Version, '1', 'nothing changed: no new version');
    const handler = path.join(workspaceRoot(), 'hello', 'index.js');
    const original = readFileSync(handler, 'utf8');
    let v2: FunctionConfiguration | undefined;
    try {
      writeFileSync(handler, original.replace("'hello, world'", "'hello, version two'"));
      v2 = await vscode.commands.executeCommand<FunctionConfiguration>(COMMANDS.publishVersion, 'Hello');
    } finally {
      writeFileSync(handler, original);
    }
    assert.equal(v2?.Version, '2');

    const live = await vscode.commands.executeCommand<AliasConfiguration>(COMMANDS.createAlias, 'Hello', { name: 'live', functionVersion: '1' });
    assert.equal(live?.AliasArn, 'arn:aws:lambda:us-east-1:123456789012:function:Hello:live');
    const routed = await vscode.commands.executeCommand<AliasConfiguration>(COMMANDS.updateAliasRouting, 'Hello', { name: 'live', routing: { 2: 0.25 } });
    assert.deepEqual(routed?.RoutingConfig, { AdditionalVersionWeights: { 2: 0.25 } });

    const [, main] = await views.functions.getChildren();
    const hello = (await views.functions.getChildren(main)).find((n) => n.kind === 'function' && n.fn.logicalId === 'Hello') as LambdaNode;
    const children = await views.functions.getChildren(hello);
    const items = children.map((c) => views.functions.getTreeItem(c));
    assert.deepEqual(items.map((i) => i.label), ['CommonLayer', 'live', 'version 2', 'version 1']);
    const aliasItem = items[1];
    assert.equal(aliasItem.contextValue, TREE_ITEMS.alias);
    assert.equal(aliasItem.description, '→ 1 (75%), 2 (25%)');
    assert.equal(items[2].contextValue, TREE_ITEMS.version);

    const seen = new Set<string>();
    for (let i = 0; i < 30 && seen.size < 2; i++) {
      const r = await vscode.commands.executeCommand<InvokeResult>(COMMANDS.invokeQualified, children[1]);
      assert.ok(r, 'the alias invoke returned a result');
      const payload = JSON.parse(r.payload.toString('utf8'));
      assert.equal(payload.greeting, r.executedVersion === '2' ? 'hello, version two' : 'hello, world');
      seen.add(r.executedVersion);
    }
    assert.deepEqual([...seen].sort(), ['1', '2'], 'both versions served the alias');
    const one = await vscode.commands.executeCommand<InvokeResult>(COMMANDS.invokeQualified, children[3]);
    assert.equal(one?.executedVersion, '1');
  });
});
