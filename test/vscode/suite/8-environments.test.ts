// VS Code test tier: the Environments view (state, type, age, invocations, peak memory), Force Cold Start,
// Stop Environment, Set Reserved Concurrency… on a function, Set Provisioned Concurrency… on a version
// (environments initialised ahead, invoked warm), and the status bar's busy/total.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { InvokeResult } from '../../../src/core/invoke/invokeTypes';
import type { FunctionConfiguration } from '../../../src/core/model/versions';
import type { ProvisionedConfigView } from '../../../src/core/scheduler/provisionedConcurrency';
import type { EnvironmentNode } from '../../../src/vscode/environments/environmentsTreeProvider';
import { COMMANDS, TREE_ITEMS } from '../../../src/vscode/ids';
import type { VersionNode } from '../../../src/vscode/tree/versionNodes';
import { api, isAlive, mainTemplate, waitFor } from './helpers';

/** Invoke from the palette command; its outcome carries the result. */
const invoke = async (id: string): Promise<InvokeResult | undefined> => (await vscode.commands.executeCommand<{ result: InvokeResult } | undefined>(COMMANDS.invoke, id))?.result;

describe('Environments view and concurrency commands', () => {
  it('lists environments, forces a cold start, sets reserved and provisioned concurrency', async () => {
    const a = await api();
    await vscode.commands.executeCommand(COMMANDS.stopAllEnvironments);
    const svc = a.service(mainTemplate());
    const first = await invoke('Hello');
    assert.equal(first?.status, 'success');
    const view = a.environments;
    const envNodes = (): EnvironmentNode[] => view.getChildren().flatMap((g) => view.getChildren(g));
    const group = view.getChildren().find((g) => g.kind === 'group' && g.functionName === 'Hello' && g.version === '$LATEST');
    assert.ok(group, 'Hello:$LATEST is listed');
    assert.equal(view.getTreeItem(group).description, '0/1 busy');
    const [node] = view.getChildren(group);
    const item = view.getTreeItem(node);
    assert.equal(item.contextValue, TREE_ITEMS.environment);
    assert.match(String(item.description), /^(?:idle|frozen) · on-demand · \d+s · 1 invocation · \d+\/256 MB$/);
    assert.match(a.statusBar.text, /λ 0\/1 /);

    // Force Cold Start on the environment: stopped, and the next invoke starts cold.
    assert.equal(await vscode.commands.executeCommand(COMMANDS.forceColdStart, node), 1);
    assert.equal(node.kind === 'environment' && node.env.pid !== undefined && (await waitFor('the process gone', () => !isAlive(node.env.pid!))), true);
    const again = await invoke('Hello');
    assert.equal(again?.coldStart, true);
    // Force Cold Start on the function: its idle environments stop.
    assert.equal(await vscode.commands.executeCommand(COMMANDS.forceColdStart, 'Hello'), 1);

    // Set Reserved Concurrency… (the value given instead of typed; null removes it).
    assert.equal(await vscode.commands.executeCommand(COMMANDS.setReservedConcurrency, 'Hello', 5), 5);
    assert.equal(await svc.concurrency.get('Hello'), 5);
    assert.equal(await vscode.commands.executeCommand(COMMANDS.setReservedConcurrency, 'Hello', null), null);
    assert.equal(await svc.concurrency.get('Hello'), undefined);

    // Set Provisioned Concurrency… on a published version: initialised ahead, served warm.
    const version = await vscode.commands.executeCommand<FunctionConfiguration>(COMMANDS.publishVersion, 'Hello');
    assert.ok(version);
    const fn = (await a.services.functions()).find((r) => r.fn.logicalId === 'Hello')!.fn;
    const versionNode: VersionNode = { kind: 'version', templatePath: mainTemplate(), fn, config: version };
    const settled = await vscode.commands.executeCommand<ProvisionedConfigView>(COMMANDS.setProvisionedConcurrency, versionNode, 1);
    assert.equal(settled?.Status, 'READY');
    const provisioned = () => envNodes().filter((n) => n.kind === 'environment' && n.env.initializationType === 'provisioned-concurrency');
    assert.equal(provisioned().length, 1);
    assert.match(String(view.getTreeItem(provisioned()[0]).description), /^(?:idle|frozen) · provisioned · \d+s · 0 invocations · /);
    const warm = await vscode.commands.executeCommand<InvokeResult>(COMMANDS.invokeQualified, versionNode);
    assert.equal(warm?.coldStart, false);
    assert.equal(warm?.executedVersion, version.Version);

    // Stop Environment on the provisioned one: it is replaced by a new one initialised ahead.
    const old = provisioned()[0];
    assert.equal(await vscode.commands.executeCommand(COMMANDS.stopEnvironment, old), true);
    const warmAgain = await vscode.commands.executeCommand<InvokeResult>(COMMANDS.invokeQualified, versionNode);
    assert.equal(warmAgain?.status, 'success');
    await waitFor('a replacement provisioned environment', () => provisioned().some((n) => n.kind === 'environment' && old.kind === 'environment' && n.env.id !== old.env.id && (n.env.state === 'idle' || n.env.state === 'frozen')));

    assert.equal(await vscode.commands.executeCommand(COMMANDS.setProvisionedConcurrency, versionNode, 0), null);
    await waitFor('the provisioned environments stopped', () => provisioned().length === 0);
  });
});
