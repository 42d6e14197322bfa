// VS Code test tier: Invoke Async (issue 15, §9) in a real VS Code: the event is queued and its attempt goes
// through the one invoke path (history origin `async`); the function's "Async queue" node shows it live with
// its attempts, next retry and last error, and its dead-letter target; Replay runs it again now; an engine
// restart resumes it (one message); Discard removes it; with lambdaWorkbench.timeScale 600 a failing event's
// retries run in well under a second and it ends in the DLQ, told once and visible in the Resources view.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AsyncInvokeOutcome } from '../../../src/vscode/commands/asyncCommands';
import type { AsyncNode } from '../../../src/vscode/async/asyncNodes';
import { COMMANDS, TREE_ITEMS } from '../../../src/vscode/ids';
import type { LambdaNode } from '../../../src/vscode/tree/nodes';
import type { QueueMessage } from '../../../src/core/events/queue/localQueue';
import { api, mainTemplate, waitFor } from './helpers';

const yes = { confirm: () => Promise.resolve(true) };

async function setTimeScale(scale: number | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('lambdaWorkbench').update('timeScale', scale, vscode.ConfigurationTarget.Workspace);
  // The engine takes its time scale when it starts: Stop All starts a new one.
  await vscode.commands.executeCommand(COMMANDS.stopAllEnvironments);
}

describe('Invoke Async and the async queue in the Functions tree', () => {
  after(async function () {
    this.timeout(60_000);
    await setTimeScale(undefined);
  });

  const functionNode = async (logicalId: string): Promise<LambdaNode> => {
    const { views } = await api();
    const roots = await views.functions.getChildren();
    const main = roots.find((n) => n.kind === 'template' && n.entry.uri.fsPath === mainTemplate())!;
    return (await views.functions.getChildren(main)).find((n) => n.kind === 'function' && n.fn.logicalId === logicalId)!;
  };
  const queueNode = async (): Promise<Extract<AsyncNode, { kind: 'asyncQueue' }> | undefined> => {
    const { views } = await api();
    const children = await views.functions.getChildren(await functionNode('Fails'));
    return children.find((c): c is Extract<AsyncNode, { kind: 'asyncQueue' }> => c.kind === 'asyncQueue');
  };
  const describeQueue = async (): Promise<string> => {
    const node = await queueNode();
    return node ? String((await api()).views.functions.getTreeItem(node).description) : '(no queue node)';
  };

  it('queues an event, shows it under "Async queue", replays it, resumes it after a restart, and discards it', async function () {
    this.timeout(120_000); // engine restarts and cold starts on a loaded machine
    const a = await api();
    await setTimeScale(1);
    const out = await vscode.commands.executeCommand<AsyncInvokeOutcome>(COMMANDS.invokeAsync, 'Fails', { payload: '{"n":1}', source: 'test event' });
    assert.ok(out?.requestId);
    assert.ok(a.logs.lines().includes(`Queued Fails event ${out.requestId} (asynchronous invocation with test event).`));
    // The attempt fails (no order id); §9: the next one waits a minute.
    await waitFor('the queue description after the first attempt', async () => /^1 queued · 0 in flight · next retry \d\d:\d\d:\d\d$/.test(await describeQueue()), 30_000);
    const queue = (await queueNode())!;
    const queueItem = a.views.functions.getTreeItem(queue);
    assert.equal(queueItem.label, 'Async queue');
    assert.equal(queueItem.contextValue, TREE_ITEMS.asyncQueue);
    const [event, ...targets] = await a.views.functions.getChildren(queue);
    assert.equal(event.kind, 'asyncEvent');
    const eventItem = a.views.functions.getTreeItem(event);
    assert.equal(eventItem.label, out.requestId);
    assert.equal(eventItem.contextValue, TREE_ITEMS.asyncEvent);
    assert.match(String(eventItem.description), /^1 attempt · next attempt \d\d:\d\d:\d\d · TypeError: order\.id is required$/);
    assert.deepEqual(targets.map((t) => [a.views.functions.getTreeItem(t).label, a.views.functions.getTreeItem(t).description]), [['Dead-letter queue', '→ queue dead-letters']]);
    // The attempt's logs went to the output channel, and History has it with origin async.
    assert.ok(a.logs.lines().some((l) => l.startsWith('[Fails]') && l.includes(`REPORT RequestId: ${out.requestId}`)));
    const svc = a.service(mainTemplate());
    const record = await waitFor('the history record', async () => (await svc.listHistory('Fails')).find((r) => r.id === out.requestId), 10_000);
    assert.equal(record?.origin, 'async');

    // Replay: the second attempt runs now, not in a minute; the next retry then waits two (§9).
    assert.equal(await vscode.commands.executeCommand(COMMANDS.asyncReplay, event), out.requestId);
    await waitFor('the second attempt', async () => {
      const [e] = svc.async.statusNow('Fails')?.events ?? [];
      return e && e.attempts === 2 && !e.running;
    }, 30_000);
    assert.match(await describeQueue(), /^1 queued · 0 in flight · next retry /);
    // Show Queue reveals the node in the Functions tree (the notification's button runs it).
    const shown = await vscode.commands.executeCommand<LambdaNode>(COMMANDS.asyncShowQueue, 'Fails');
    assert.equal(shown?.kind, 'asyncQueue');

    // An engine restart resumes the journalled queue, with one message naming it.
    await vscode.commands.executeCommand(COMMANDS.stopAllEnvironments);
    const resumed = await waitFor('the resume', () => a.asyncSession.resumed.get(mainTemplate())?.length ? a.asyncSession.resumed.get(mainTemplate()) : undefined, 15_000);
    assert.deepEqual(resumed, [{ functionName: 'Fails', events: 1 }]);
    assert.ok(a.logs.lines().includes('Resumed 1 async event an earlier engine had queued: Fails (1).'), a.logs.lines().slice(-10).join('\n'));
    const again = a.service(mainTemplate());
    assert.notEqual(again, svc, 'a new engine');
    assert.deepEqual(again.async.statusNow('Fails')?.events.map((e) => [e.requestId, e.attempts]), [[out.requestId, 2]]);

    // Discard: gone, without going to the DLQ.
    const [resumedEvent] = await a.views.functions.getChildren((await queueNode())!);
    assert.equal(await vscode.commands.executeCommand(COMMANDS.asyncDiscard, resumedEvent, yes), true);
    await waitFor('the empty queue', async () => (await describeQueue()) === '0 queued · 0 in flight', 10_000);
    const peeked = await vscode.commands.executeCommand<{ messages: QueueMessage[] }>(COMMANDS.queuePeekMessages, 'dead-letters');
    assert.deepEqual(peeked?.messages.map((m) => m.body), []);
  });

  it('with timeScale 600 a failing event exhausts its retries in moments and lands in the DLQ, told once', async function () {
    this.timeout(120_000); // engine restarts and cold starts on a loaded machine
    const a = await api();
    await setTimeScale(600);
    const svc = a.service(mainTemplate());
    assert.equal(a.asyncSession.timeScaleOf(svc), 600);
    const before = a.logs.lines().length;
    const out = await vscode.commands.executeCommand<AsyncInvokeOutcome>(COMMANDS.invokeAsync, 'Fails', { payload: '{"n":2}' });
    assert.ok(out?.requestId);
    const told = `Async event ${out.requestId} of Fails failed: retries exhausted after 3 attempts (TypeError: order.id is required); event sent to dead-letter queue dead-letters.`;
    await waitFor('the end message', () => a.logs.lines().includes(told), 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(a.logs.lines().slice(before).filter((l) => l.includes(`Async event ${out.requestId}`)).length, 1, 'told once');

    const peeked = await vscode.commands.executeCommand<{ messages: QueueMessage[] }>(COMMANDS.queuePeekMessages, 'dead-letters');
    assert.equal(peeked?.messages.length, 1);
    assert.equal(peeked.messages[0].body, '{"n":2}');
    assert.deepEqual(peeked.messages[0].attributes.RequestID, { DataType: 'String', StringValue: out.requestId });
    // The Resources view shows it: the DLQ badge and one visible message.
    const dlq = await a.resources.nodeOf(mainTemplate(), 'arn:aws:sqs:us-east-1:123456789012:dead-letters');
    assert.ok(dlq);
    const item = a.resources.getTreeItem(dlq);
    assert.equal(item.contextValue, TREE_ITEMS.deadLetterQueue);
    assert.equal(item.description, 'DLQ · 1 visible · 0 in flight · 0 delayed');
    assert.equal(svc.async.statusNow('Fails')?.events.length, 0);
    assert.ok(a.resources.getParent(dlq), "the DLQ node has its kind group as parent (Show in Resources reveals it)");
    // Purge empties it (the confirmation answered here; a user gets a modal question).
    assert.equal(await vscode.commands.executeCommand(COMMANDS.queuePurge, dlq, yes), 1);
  });

  it('a burst of events ending together is told in one message, not one each', async function () {
    this.timeout(120_000); // engine restarts and cold starts on a loaded machine
    const a = await api();
    const before = a.logs.lines().length;
    const outs = await Promise.all(Array.from({ length: 8 }, (_, i) => vscode.commands.executeCommand<AsyncInvokeOutcome>(COMMANDS.invokeAsync, 'Hello', { payload: `{"n":${i}}` })));
    assert.equal(new Set(outs.map((o) => o?.requestId)).size, 8);
    const told = () => a.logs.lines().slice(before).filter((l) => /^Async event \S+ of Hello succeeded|^\d+ async events ended/.test(l));
    const counted = (lines: string[]) => lines.reduce((n, l) => n + (/^(\d+) async events ended/.exec(l) ? Number(/^(\d+)/.exec(l)![1]) : 1), 0);
    await waitFor('all 8 endings told', () => counted(told()) === 8, 30_000);
    assert.ok(told().length <= 3, told().join('\n'));
    assert.ok(told().some((l) => /^\d+ async events ended: \d+ succeeded, 0 failed\.$/.test(l)), told().join('\n'));
  });
});
