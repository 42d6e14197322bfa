// VS Code test tier: a published layer version in the Layers view: its tooltip (ARN, runtimes, size,
// created), Copy ARN, and Delete Layer Version (nothing happens unless confirmed). uiChecks.mjs goes
// through the real context menu and modal dialog.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LayerVersionRecord } from '../../../src/core/registry/layerStore';
import { COMMANDS } from '../../../src/vscode/ids';
import type { LambdaNode } from '../../../src/vscode/tree/nodes';
import { api, mainTemplate } from './helpers';

describe('published layer versions', () => {
  it('have a tooltip, Copy ARN and a confirmed Delete', async () => {
    const a = await api();
    const published = await vscode.commands.executeCommand<LayerVersionRecord>(COMMANDS.publishLayerVersion, 'CommonLayer');
    assert.ok(published, 'published a version');
    const [layer] = await a.views.layers.getChildren();
    const node = (await a.views.layers.getChildren(layer)).find((n) => n.kind === 'layerVersion' && n.record.version === published.version) as LambdaNode;
    assert.ok(node, 'the new version is listed');
    const item = a.views.layers.getTreeItem(node);
    const tip = (item.tooltip as vscode.MarkdownString).value;
    assert.ok(tip.includes(`| ARN | \`${published.layerVersionArn}\` |`), tip);
    assert.ok(tip.includes('| Runtimes | nodejs20.x |'), tip);
    assert.match(tip, /\| Size \| \d+\.\d KB \(ZIP\) \|/);
    assert.ok(tip.includes(`| Created | ${published.createdDate} |`), tip);

    assert.equal(await vscode.commands.executeCommand(COMMANDS.layerVersionCopyArn, node), published.layerVersionArn);
    assert.equal(await vscode.env.clipboard.readText(), published.layerVersionArn);

    const questions: string[] = [];
    const answer = (yes: boolean) => ({ confirm: (q: string, action: string) => (questions.push(`${q} [${action}]`), Promise.resolve(yes)) });
    assert.equal(await vscode.commands.executeCommand(COMMANDS.layerVersionDelete, node, answer(false)), false);
    const svc = a.service(mainTemplate());
    assert.ok((await svc.layers.list()).some((r) => r.layerVersionArn === published.layerVersionArn), 'kept when not confirmed');
    assert.equal(await vscode.commands.executeCommand(COMMANDS.layerVersionDelete, node, answer(true)), true);
    assert.match(questions[0], new RegExp(`^Delete layer version ${published.layerName}:${published.version}\\? .* \\[Delete\\]$`));
    assert.ok(!(await svc.layers.list()).some((r) => r.layerVersionArn === published.layerVersionArn), 'deleted');
    const after = await a.views.layers.getChildren(layer);
    assert.ok(!after.some((n) => n.kind === 'layerVersion' && n.record.version === published.version), 'gone from the tree');
  });
});
