// VS Code test tier: the Resources view (issue 15): the template's local queues and topic grouped by kind with
// their counts; Send Message → Peek Messages shows it without consuming it → Publish fans out to the topic's
// queue subscription → Redrive moves a DLQ's messages back to the queue that redrives to it → Purge empties it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QueueMessage } from '../../../src/core/events/queue/localQueue';
import { COMMANDS, TREE_ITEMS } from '../../../src/vscode/ids';
import type { ResourceNode } from '../../../src/vscode/resources/resourcesTreeProvider';
import { api, mainTemplate } from './helpers';

const yes = { confirm: () => Promise.resolve(true) };
const peek = async (queue: string): Promise<QueueMessage[]> => (await vscode.commands.executeCommand<{ messages: QueueMessage[] }>(COMMANDS.queuePeekMessages, queue))?.messages ?? [];

describe('Resources view and its commands', () => {
  it('lists queues (DLQ badge) and topics (subscriptions) by kind', async () => {
    const { resources } = await api();
    const kinds = await resources.getChildren();
    const label = (n: ResourceNode) => String(resources.getTreeItem(n).label);
    assert.deepEqual(kinds.map((k) => [label(k), resources.getTreeItem(k).description]), [['Queues', '2'], ['Topics', '1'], ['Event buses', '1']]);
    // The default bus is always there, as in every AWS account and region.
    assert.deepEqual((await resources.getChildren(kinds[2])).map(label), ['default']);
    const queues = await resources.getChildren(kinds[0]);
    assert.deepEqual(queues.map((q) => [label(q), resources.getTreeItem(q).contextValue]), [['inbox', TREE_ITEMS.queue], ['dead-letters', TREE_ITEMS.deadLetterQueue]]);
    assert.match(String(resources.getTreeItem(queues[0]).description), /^\d+ visible · \d+ in flight · \d+ delayed$/);
    assert.match(String(resources.getTreeItem(queues[1]).description), /^DLQ · \d+ visible · \d+ in flight · \d+ delayed$/);
    const [topic] = await resources.getChildren(kinds[1]);
    assert.equal(label(topic), 'notices');
    assert.match(String(resources.getTreeItem(topic).description), /^1 subscription · \d+ published$/);
    const subs = await resources.getChildren(topic);
    assert.deepEqual(subs.map(label), ['sqs → inbox']);
  });

  it('Send Message → Peek shows it (not consumed) → Publish reaches the subscribed queue → Purge empties it', async function () {
    this.timeout(120_000); // engine restarts and cold starts on a loaded machine
    const a = await api();
    await vscode.commands.executeCommand(COMMANDS.queuePurge, 'inbox', yes);
    const id = await vscode.commands.executeCommand<string>(COMMANDS.queueSendMessage, 'inbox', { body: '{"hello":1}', attributes: { kind: { DataType: 'String', StringValue: 'greeting' } } });
    assert.ok(id, a.logs.lines().slice(-8).join('\n'));
    const first = await peek('inbox');
    assert.deepEqual(first.map((m) => [m.messageId, m.body, m.receiveCount]), [[id, '{"hello":1}', 0]]);
    assert.deepEqual(first[0].attributes, { kind: { DataType: 'String', StringValue: 'greeting' } });
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.scheme, 'lambda-peek');
    assert.match(doc.getText(), /^\/\/ inbox: 1 message \(peeked: nothing was received or changed\)/);
    assert.ok(doc.getText().includes(`"MessageId": "${id}"`));
    assert.deepEqual((await peek('inbox')).map((m) => m.receiveCount), [0], 'peeking again: still there, never received');

    const published = await vscode.commands.executeCommand<string>(COMMANDS.topicPublish, 'notices', { message: 'ping', subject: 'hi' });
    assert.ok(published);
    const both = await peek('inbox');
    assert.equal(both.length, 2);
    const envelope = JSON.parse(both[1].body) as { Type: string; Message: string; Subject: string; MessageId: string };
    assert.deepEqual([envelope.Type, envelope.Message, envelope.Subject, envelope.MessageId], ['Notification', 'ping', 'hi', published]);
    const inbox = await a.resources.nodeOf(mainTemplate(), 'arn:aws:sqs:us-east-1:123456789012:inbox');
    assert.equal(a.resources.getTreeItem(inbox!).description, '2 visible · 0 in flight · 0 delayed');

    assert.equal(await vscode.commands.executeCommand(COMMANDS.queuePurge, inbox, { confirm: () => Promise.resolve(false) }), undefined, 'answered No: nothing purged');
    assert.equal((await peek('inbox')).length, 2);
    assert.equal(await vscode.commands.executeCommand(COMMANDS.queuePurge, inbox, yes), 2);
    assert.deepEqual(await peek('inbox'), []);
    assert.equal(a.resources.getTreeItem((await a.resources.nodeOf(mainTemplate(), inbox!.row.arn))!).description, '0 visible · 0 in flight · 0 delayed');
  });

  it('Redrive moves a dead-letter queue\'s messages back to the queue that redrives to it', async function () {
    this.timeout(120_000); // engine restarts and cold starts on a loaded machine
    await vscode.commands.executeCommand(COMMANDS.queuePurge, 'dead-letters', yes);
    await vscode.commands.executeCommand(COMMANDS.queuePurge, 'inbox', yes);
    await vscode.commands.executeCommand(COMMANDS.queueSendMessage, 'dead-letters', { body: 'one', attributes: {} });
    await vscode.commands.executeCommand(COMMANDS.queueSendMessage, 'dead-letters', { body: 'two', attributes: { n: { DataType: 'Number', StringValue: '2' } } });
    assert.equal(await vscode.commands.executeCommand(COMMANDS.queueRedrive, 'dead-letters', 'inbox'), 2);
    assert.deepEqual(await peek('dead-letters'), []);
    const moved = await peek('inbox');
    assert.deepEqual(moved.map((m) => m.body), ['one', 'two']);
    assert.deepEqual(moved[1].attributes, { n: { DataType: 'Number', StringValue: '2' } });
    await vscode.commands.executeCommand(COMMANDS.queuePurge, 'inbox', yes);
  });
  it('Put Record… on a stream and Put Item… into a table (streams and tables show with their counts)', async function () {
    this.timeout(120_000);
    const a = await api();
    const svc = a.service(mainTemplate());
    await svc.streams.create('vscode-ticks', 2);
    await svc.streams.createTable('vscode-users', [{ name: 'id', type: 'HASH' }], 'NEW_AND_OLD_IMAGES');
    try {
      a.resources.refresh();
      const put = await vscode.commands.executeCommand<{ ShardId: string; SequenceNumber: string }>(COMMANDS.streamPutRecord, 'vscode-ticks', { data: '{"tick":1}', partitionKey: 'k1' });
      assert.match(put?.SequenceNumber ?? '', /^\d+$/, a.logs.lines().slice(-5).join('\n'));
      const [rec] = (await svc.streams.stream('vscode-ticks')).readAfter(put!.ShardId, -1, 10);
      assert.equal(Buffer.from(rec.data, 'base64').toString(), '{"tick":1}');
      const stream = await a.resources.nodeOf(mainTemplate(), 'arn:aws:kinesis:us-east-1:123456789012:stream/vscode-ticks');
      assert.ok(stream);
      assert.equal(a.resources.getTreeItem(stream).description, '2 shards · 1 record');
      assert.equal(a.resources.getTreeItem(stream).contextValue, TREE_ITEMS.stream);

      const inserted = await vscode.commands.executeCommand<{ eventName?: string }>(COMMANDS.tablePutItem, 'vscode-users', { item: '{"id": "u1", "name": "Ada"}' });
      assert.equal(inserted?.eventName, 'INSERT');
      const modified = await vscode.commands.executeCommand<{ eventName?: string }>(COMMANDS.tablePutItem, 'vscode-users', { item: '{"id": {"S": "u1"}, "name": {"S": "Grace"}}' });
      assert.equal(modified?.eventName, 'MODIFY', 'DynamoDB JSON names the same item');
      const table = await a.resources.nodeOf(mainTemplate(), 'arn:aws:dynamodb:us-east-1:123456789012:table/vscode-users');
      assert.ok(table);
      assert.equal(a.resources.getTreeItem(table).description, '1 item · key id · stream NEW_AND_OLD_IMAGES');
      const refused = await vscode.commands.executeCommand(COMMANDS.tablePutItem, 'vscode-users', { item: '[1]' });
      assert.equal(refused, undefined, 'not an object: refused with a message, nothing written');
      assert.ok(a.logs.lines().some((l) => l.includes('An item is a JSON object')));
    } finally {
      await svc.streams.delete('vscode-ticks');
    }
  });
});
