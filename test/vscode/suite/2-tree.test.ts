// VS Code test tier: the Functions and Layers trees for the fixture workspace (two templates → grouped).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TREE_ITEMS } from '../../../src/vscode/ids';
import type { LambdaNode } from '../../../src/vscode/tree/nodes';
import { api } from './helpers';

describe('tree views', () => {
  it('groups functions by template when there are several templates', async () => {
    const { views } = await api();
    const roots = await views.functions.getChildren();
    assert.deepEqual(roots.map((n) => (n.kind === 'template' ? n.label : n.kind)), ['services/orders/template.yaml', 'template.yaml']);
    const main = roots[1];
    const fns = await views.functions.getChildren(main);
    assert.deepEqual(fns.map((n) => (n.kind === 'function' ? n.fn.logicalId : n.kind)), ['Hello', 'Fails', 'PyHello']);
    const orders = await views.functions.getChildren(roots[0]);
    assert.deepEqual(orders.map((n) => (n.kind === 'function' ? n.fn.logicalId : n.kind)), ['Orders']);
  });

  it('shows runtime, memory and timeout, and the layers as children', async () => {
    const { views } = await api();
    const [, main] = await views.functions.getChildren();
    const hello = (await views.functions.getChildren(main)).find((n) => n.kind === 'function' && n.fn.logicalId === 'Hello') as LambdaNode;
    const item = views.functions.getTreeItem(hello);
    assert.equal(item.description, 'nodejs20.x · 256 MB · 5 s');
    assert.equal(item.contextValue, TREE_ITEMS.function);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.match((item.tooltip as vscode.MarkdownString).value, /Handler \| index\.handler/);
    const children = await views.functions.getChildren(hello);
    assert.deepEqual(children.map((c) => views.functions.getTreeItem(c).label), ['CommonLayer']);
    assert.equal(views.functions.getTreeItem(children[0]).contextValue, TREE_ITEMS.layerRef);
  });

  it('lists the template layers in the Layers view', async () => {
    const { views } = await api();
    const layers = await views.layers.getChildren();
    assert.deepEqual(layers.map((n) => views.layers.getTreeItem(n).label), ['CommonLayer']);
    assert.equal(views.layers.getTreeItem(layers[0]).description, 'nodejs20.x');
  });
});
