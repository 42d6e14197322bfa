// VS Code test tier: cancelling a running invoke (the progress notification's Cancel, here through the
// command's cancellation token; uiChecks.mjs clicks the real button): the invocation ends as cancelled, its
// environment's process is gone, the next invoke is cold, and the History lists it as cancelled.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { InvokeOutcome } from '../../../src/vscode/commands/invokeCommands';
import type { CancelledInvoke } from '../../../src/vscode/commands/invokeProgress';
import { COMMANDS } from '../../../src/vscode/ids';
import { api, isAlive, mainTemplate, waitFor } from './helpers';

describe('cancelling an invoke', () => {
  it('stops the invocation and its environment; the next invoke is cold; History says cancelled', async () => {
    const a = await api();
    const warm = await vscode.commands.executeCommand<InvokeOutcome>(COMMANDS.invoke, 'Hello');
    assert.ok(warm?.result, 'a first invoke');
    const svc = a.service(mainTemplate());
    const cts = new vscode.CancellationTokenSource();
    const pending = vscode.commands.executeCommand<InvokeOutcome | CancelledInvoke>(COMMANDS.invokeWithEvent, 'Hello', { payload: '{"waitMs": 20000}', cancellation: cts.token });
    await waitFor('the handler to wait', () => a.logs.lines().some((l) => l.includes('hello handler waits 20000 ms')));
    const busy = svc.environments().filter((e) => !e.warm);
    assert.equal(busy.length, 1, JSON.stringify(svc.environments()));
    const pid = busy[0].pid!;
    const t0 = Date.now();
    cts.cancel();
    const out = await pending;
    assert.ok(out && 'cancelled' in out, `cancelled, not ${JSON.stringify(out)}`);
    assert.ok(Date.now() - t0 < 10_000, 'ended long before the handler would have');
    assert.match(out.message, /^The invocation of "Hello" was cancelled while it ran; its execution environment was stopped and discarded, so the next invoke starts cold\.$/);
    assert.equal(isAlive(pid), false, 'the runtime process is gone');
    assert.ok(!svc.environments().some((e) => e.id === busy[0].id), 'the environment was discarded');
    assert.ok(a.logs.lines().some((l) => l.includes(out.message)), 'the output channel says so');
    const next = await vscode.commands.executeCommand<InvokeOutcome>(COMMANDS.invoke, 'Hello');
    assert.equal(next?.result.coldStart, true, 'the next invoke starts cold');
    const records = await waitFor('the cancelled entry in the history', async () => {
      const all = await svc.listHistory('Hello');
      return all.some((r) => r.status === 'cancelled') ? all : undefined;
    });
    const cancelled = records!.find((r) => r.status === 'cancelled')!;
    assert.equal(cancelled.errorCode, 'INVOKE_CANCELLED');
    assert.match(cancelled.event, /"waitMs": 20000/);
    const children = await a.views.history.getChildren();
    const hello = children.find((n) => n.kind === 'historyFunction' && n.functionName === 'Hello');
    assert.ok(hello);
    const rows = (await a.views.history.getChildren(hello)).map((n) => a.views.history.getTreeItem(n));
    assert.ok(rows.some((r) => / cancelled$/.test(String(r.label)) && (r.iconPath as vscode.ThemeIcon).id === 'circle-slash'), JSON.stringify(rows.map((r) => r.label)));
  });
});
