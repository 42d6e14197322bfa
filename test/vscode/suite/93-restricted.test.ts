// VS Code test tier, Restricted Mode (run by `npm run test:vscode:restricted`: workspace trust on, the workspace
// not trusted): the tree still shows the functions, but Invoke is refused with a message saying what to do, no
// execution environment starts, and a saved event's test errors with the same advice. Skipped in a trusted window.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/vscode/ids';
import { UNTRUSTED_TESTS } from '../../../src/vscode/testing/savedEventTestController';
import { api } from './helpers';

describe('Restricted Mode', function () {
  before(function () {
    if (vscode.workspace.isTrusted) this.skip();
  });

  it('shows the functions in the tree', async () => {
    const { views } = await api();
    const roots = await views.functions.getChildren();
    const main = roots.find((n) => n.kind === 'template' && n.label === 'template.yaml');
    assert.ok(main, JSON.stringify(roots.map((r) => r.kind)));
    const fns = await views.functions.getChildren(main);
    assert.deepEqual(fns.map((n) => (n.kind === 'function' ? n.fn.logicalId : n.kind)), ['Hello', 'Fails', 'PyHello']);
  });

  it('refuses Invoke with a message, and starts no environment', async () => {
    const a = await api();
    const before = a.logs.lines().length;
    assert.equal(await vscode.commands.executeCommand(COMMANDS.invoke, 'Hello'), undefined);
    const said = a.logs.lines().slice(before).join('\n');
    assert.match(said, /Invoking Hello runs the workspace's code, which Restricted Mode does not allow: trust the workspace \(Manage Workspace Trust\), then try again\./, said);
    assert.equal(a.services.environmentCount(), 0);
  });

  it('a saved event\'s test errors with what to do', async () => {
    const tests = (await api()).savedEventTests;
    await tests.refresh();
    let hello: vscode.TestItem | undefined;
    tests.controller.items.forEach((i) => (i.label === 'Hello' ? (hello = i) : undefined));
    assert.ok(hello);
    const ping: vscode.TestItem[] = [];
    hello.children.forEach((c) => (c.label === 'ping' ? ping.push(c) : undefined));
    const run = tests.profiles.find((p) => p.kind === vscode.TestRunProfileKind.Run)!;
    await run.runHandler(new vscode.TestRunRequest(ping), new vscode.CancellationTokenSource().token);
    assert.deepEqual(tests.outcomes.get(ping[0].id), { state: 'errored', message: UNTRUSTED_TESTS });
  });
});
