// vscode layer: the Resources view's commands on the engine's local resources: Send Message… (queue; FIFO asks
// for a group id), Publish… (topic), Put Event… (bus, once the engine has buses), Peek Messages (read-only,
// nothing received), Redrive (a dead-letter queue's messages back to their source queue, or to the function
// whose DLQ it is), Purge (after a modal question), Show in Resources, Refresh.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { MessageAttribute } from '../../core/events/resourceTypes';
import { LocalQueue } from '../../core/events/queue/localQueue';
import { LocalStream } from '../../core/events/stream/localStream';
import { LocalTable } from '../../core/events/table/localTable';
import { LocalTopic } from '../../core/events/topic/localTopic';
import { engineNow, invokeAsync, localResources } from '../async/asyncEngine';
import { arnName } from '../async/asyncMessages';
import { COMMANDS } from '../ids';
import { attributesProblem, parseAttributes } from '../resources/messageAttributes';
import { renderPeek, type PeekDocuments } from '../resources/peekDocuments';
import type { ResourceItemNode, ResourcesTreeProvider } from '../resources/resourcesTreeProvider';
import { askModal, type ConfirmOptions } from './asyncCommands';
import { guarded, type CommandDeps } from './targets';

/** A resource given as a tree node, `{templatePath, arn}`, or a name/ARN (tests, other commands); else a quick pick. */
export type ResourceArg = ResourceItemNode | { templatePath?: string; arn: string } | string | undefined;

export interface SendMessageOptions {
  body?: string;
  attributes?: Record<string, MessageAttribute>;
  groupId?: string;
}
export interface PutRecordOptions {
  data?: string;
  partitionKey?: string;
}
export interface PutItemOptions {
  /** The item: plain JSON ({"id": "1"}) or DynamoDB JSON ({"id": {"S": "1"}}). */
  item?: string;
}
export interface PublishOptions {
  message?: string;
  subject?: string;
  attributes?: Record<string, MessageAttribute>;
}

export function registerLocalResourceCommands(deps: CommandDeps, tree: ResourcesTreeProvider, view: vscode.TreeView<unknown>, peeks: PeekDocuments): vscode.Disposable {
  const { services, logs } = deps;

  /** Every resource node of one kind across the engines (as the Resources view has them). */
  const all = async (kindId: string): Promise<ResourceItemNode[]> => (await tree.items()).filter((n) => n.resourceKind.id === kindId);

  const resolve = async (arg: ResourceArg, kindId: 'queue' | 'topic' | 'bus' | 'stream' | 'table', title: string): Promise<ResourceItemNode | undefined> => {
    if (arg && typeof arg === 'object' && 'kind' in arg && arg.kind === 'resource') return arg;
    const nodes = await all(kindId);
    const wanted = typeof arg === 'string' ? arg : arg && 'arn' in arg ? arg.arn : undefined;
    if (wanted) {
      const found = nodes.find((n) => n.row.arn === wanted || n.row.name === wanted);
      if (!found) throw new Error(`No local ${kindId} "${wanted}". Local ${kindId}s: ${nodes.map((n) => n.row.name).join(', ') || '(none; declare one in the template)'}.`);
      return found;
    }
    if (!nodes.length) throw new Error(`No local ${kindId}s: declare one in the template (AWS::SQS::Queue, AWS::SNS::Topic, AWS::Events::EventBus).`);
    const pick = await vscode.window.showQuickPick(nodes.map((n) => ({ label: n.row.name, description: n.row.description, node: n })), { title });
    return pick?.node;
  };

  const queueOf = (n: ResourceItemNode): LocalQueue => {
    if (!(n.row.target instanceof LocalQueue)) throw new Error(`"${n.row.name}" is not a local queue.`);
    return n.row.target;
  };
  const done = (message: string): void => {
    logs.info(message);
    void vscode.window.setStatusBarMessage(message, 4000);
    tree.refresh();
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.resourcesRefresh, () => tree.refresh()),
    vscode.commands.registerCommand(COMMANDS.resourceReveal, guarded(logs, async (arg?: { templatePath: string; arn: string }) => {
      if (!arg?.arn) throw new Error('Show in Resources needs a resource ARN.');
      const node = await tree.nodeOf(arg.templatePath, arg.arn);
      if (!node) throw new Error(`${arg.arn} is not a local queue, topic or bus of this template (a function destination is in the Functions view).`);
      await view.reveal(node, { select: true, focus: true });
      return node;
    })),
    vscode.commands.registerCommand(COMMANDS.queueSendMessage, guarded(logs, async (arg?: ResourceArg, opts?: SendMessageOptions) => {
      const node = await resolve(arg, 'queue', 'Send a message to which queue?');
      if (!node) return undefined;
      const q = queueOf(node);
      const body = opts?.body ?? (await vscode.window.showInputBox({ title: `Send Message to ${q.name}`, prompt: 'Message body', value: '{}', validateInput: (v) => (v.length ? undefined : 'A message body cannot be empty') }));
      if (body === undefined) return undefined;
      let attributes = opts?.attributes;
      if (!attributes) {
        const text = await vscode.window.showInputBox({ title: `Send Message to ${q.name}`, prompt: 'Message attributes (optional): Name=Value, comma-separated; Name:Number=42 for a number', validateInput: attributesProblem });
        if (text === undefined) return undefined;
        attributes = parseAttributes(text);
      }
      let groupId = opts?.groupId;
      if (q.decl.fifo && groupId === undefined) {
        groupId = await vscode.window.showInputBox({ title: `Send Message to ${q.name}`, prompt: 'MessageGroupId (FIFO queues order messages per group)', validateInput: (v) => (/^[\w!"#$%&'()*+,\-./:;<=>?@[\\\]^`{|}~]{1,128}$/.test(v) ? undefined : ' 1–128 characters: letters, digits and punctuation') });
        if (groupId === undefined) return undefined;
      }
      // FIFO: the group the user chose; without content-based deduplication each send is its own message.
      const fifo = q.decl.fifo ? { groupId, dedupId: q.decl.contentBasedDeduplication ? undefined : randomUUID() } : {};
      const { messageId } = await q.send(body, attributes, fifo);
      done(`Sent message ${messageId} to queue ${q.name}.`);
      return messageId;
    })),
    vscode.commands.registerCommand(COMMANDS.streamPutRecord, guarded(logs, async (arg?: ResourceArg, opts?: PutRecordOptions) => {
      const node = await resolve(arg, 'stream', 'Put a record on which stream?');
      if (!node) return undefined;
      if (!(node.row.target instanceof LocalStream)) throw new Error(`"${node.row.name}" is not a local stream.`);
      const st = node.row.target;
      const data = opts?.data ?? (await vscode.window.showInputBox({ title: `Put Record on ${st.name}`, prompt: 'Record data (sent as its bytes; the function gets it base64-encoded)', value: '{}', validateInput: (v) => (v.length ? undefined : 'Record data cannot be empty') }));
      if (data === undefined) return undefined;
      const partitionKey = opts?.partitionKey ?? (await vscode.window.showInputBox({ title: `Put Record on ${st.name}`, prompt: 'Partition key (its MD5 picks the shard; records of one key stay in order)', value: 'key-1', validateInput: (v) => (v.length >= 1 && v.length <= 256 ? undefined : '1–256 characters') }));
      if (partitionKey === undefined) return undefined;
      const r = await st.putRecord({ Data: Buffer.from(data).toString('base64'), PartitionKey: partitionKey });
      done(`Put record ${r.SequenceNumber} on ${st.name} (${r.ShardId}).`);
      return r;
    })),
    vscode.commands.registerCommand(COMMANDS.tablePutItem, guarded(logs, async (arg?: ResourceArg, opts?: PutItemOptions) => {
      const node = await resolve(arg, 'table', 'Put an item into which table?');
      if (!node) return undefined;
      if (!(node.row.target instanceof LocalTable)) throw new Error(`"${node.row.name}" is not a local table.`);
      const t = node.row.target;
      const example = `{${t.decl.keys.map((k) => `"${k.name}": "1"`).join(', ')}}`;
      const validJson = (v: string): string | undefined => {
        try {
          const o: unknown = JSON.parse(v);
          return o && typeof o === 'object' && !Array.isArray(o) ? undefined : 'An item is a JSON object';
        } catch (e) {
          return `Not JSON: ${(e as Error).message}`;
        }
      };
      const text = opts?.item ?? (await vscode.window.showInputBox({ title: `Put Item into ${t.name}`, prompt: `The item as JSON (plain or DynamoDB JSON), with its key ${t.decl.keys.map((k) => k.name).join(' + ')}`, value: example, validateInput: validJson }));
      if (text === undefined) return undefined;
      const bad = validJson(text);
      if (bad) throw new Error(bad);
      const r = await t.putItem(JSON.parse(text) as unknown);
      done(r.eventName ? `Put item into ${t.name}: ${r.eventName}${t.viewType ? ` on its stream (${r.sequenceNumber})` : ''}.` : `Put item into ${t.name}: unchanged, no stream record.`);
      return r;
    })),
    vscode.commands.registerCommand(COMMANDS.topicPublish, guarded(logs, async (arg?: ResourceArg, opts?: PublishOptions) => {
      const node = await resolve(arg, 'topic', 'Publish to which topic?');
      if (!node) return undefined;
      if (!(node.row.target instanceof LocalTopic)) throw new Error(`"${node.row.name}" is not a local topic.`);
      const t = node.row.target;
      const message = opts?.message ?? (await vscode.window.showInputBox({ title: `Publish to ${t.name}`, prompt: 'Message', value: '{}', validateInput: (v) => (v.length ? undefined : 'A message cannot be empty') }));
      if (message === undefined) return undefined;
      const subject = opts ? opts.subject : await vscode.window.showInputBox({ title: `Publish to ${t.name}`, prompt: 'Subject (optional)' });
      if (subject === undefined && !opts) return undefined;
      let attributes = opts?.attributes;
      if (!attributes) {
        const text = opts ? '' : await vscode.window.showInputBox({ title: `Publish to ${t.name}`, prompt: 'Message attributes (optional): Name=Value, comma-separated; Name:Number=42 for a number', validateInput: attributesProblem });
        if (text === undefined) return undefined;
        attributes = parseAttributes(text);
      }
      const { messageId } = await t.publish(message, attributes, subject || undefined);
      done(`Published message ${messageId} to topic ${t.name} (${t.stats().subscriptions.length} subscriptions).`);
      return messageId;
    })),
    vscode.commands.registerCommand(COMMANDS.busPutEvent, guarded(logs, async (arg?: ResourceArg, entry?: { source?: string; detailType?: string; detail?: string }) => {
      const node = await resolve(arg, 'bus', 'Put an event on which bus?');
      if (!node) return undefined;
      // The engine's EventBridge (service.eventBridge, from the event-bus work): PutEvents entries as the API takes them.
      const eventBridge = (services.serviceFor(node.templatePath) as unknown as { eventBridge?: { putEvents?: (entries: unknown[]) => Promise<unknown> } }).eventBridge;
      const put = eventBridge?.putEvents;
      if (typeof put !== 'function') throw new Error(`Event bus "${node.row.name}" cannot take events in this engine yet.`);
      const source = entry?.source ?? (await vscode.window.showInputBox({ title: `Put Event on ${node.row.name}`, prompt: 'Source', value: 'my.app' }));
      if (source === undefined) return undefined;
      const detailType = entry?.detailType ?? (await vscode.window.showInputBox({ title: `Put Event on ${node.row.name}`, prompt: 'Detail type', value: 'Test Event' }));
      if (detailType === undefined) return undefined;
      const detail = entry?.detail ?? (await vscode.window.showInputBox({ title: `Put Event on ${node.row.name}`, prompt: 'Detail (a JSON object)', value: '{}', validateInput: (v) => { try { return JSON.parse(v) !== null && typeof JSON.parse(v) === 'object' ? undefined : 'A JSON object'; } catch { return 'A JSON object'; } } }));
      if (detail === undefined) return undefined;
      const result = await put.call(eventBridge, [{ Source: source, DetailType: detailType, Detail: detail, EventBusName: node.row.name }]);
      done(`Put an event (${source} / ${detailType}) on bus ${node.row.name}.`);
      return result;
    })),
    vscode.commands.registerCommand(COMMANDS.queuePeekMessages, guarded(logs, async (arg?: ResourceArg) => {
      const node = await resolve(arg, 'queue', 'Peek at which queue?');
      if (!node) return undefined;
      const q = queueOf(node);
      const messages = q.peek();
      const doc = await peeks.show(q.name, renderPeek(q.name, messages, engineNow(services.serviceFor(node.templatePath))));
      return { messages, document: doc.uri };
    })),
    vscode.commands.registerCommand(COMMANDS.queueRedrive, guarded(logs, async (arg?: ResourceArg, to?: string) => {
      const node = await resolve(arg, 'queue', 'Redrive which dead-letter queue?');
      if (!node) return undefined;
      const dlq = queueOf(node);
      const svc = services.serviceFor(node.templatePath);
      const res = await localResources(svc);
      const sourceQueues = res.declarations().filter((d) => d.kind === 'queue' && d.redrive?.deadLetterTargetArn === dlq.arn).map((d) => ({ label: d.name, description: 'source queue', arn: d.arn }));
      const fns = (await svc.template()).functions.filter((f) => f.deadLetterConfig?.TargetArn === dlq.arn).map((f) => ({ label: f.logicalId, description: 'function (asynchronous invoke)', arn: `function:${f.logicalId}` }));
      const choices = [...sourceQueues, ...fns];
      if (!choices.length) throw new Error(`Nothing redrives to "${dlq.name}": no queue has it as RedrivePolicy target and no function as DeadLetterConfig.`);
      const chosen = to !== undefined ? choices.find((c) => c.label === to || c.arn === to) : choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title: `Redrive ${dlq.name}'s messages to` });
      if (!chosen) return to !== undefined ? Promise.reject(new Error(`"${to}" is not a source of "${dlq.name}": ${choices.map((c) => c.label).join(', ')}.`)) : undefined;
      const source = chosen.arn.startsWith('function:') ? undefined : await res.queue(chosen.arn);
      let moved = 0;
      // Each message is stored at its destination before it is deleted here: a crash in between duplicates, never loses.
      for (let batch = await dlq.receive(10, 60); batch.length; batch = await dlq.receive(10, 60)) {
        for (const m of batch) {
          if (source) await source.send(m.body, m.attributes);
          else await invokeAsync(svc, chosen.label, m.body);
          if (m.receiptHandle) await dlq.delete(m.receiptHandle);
          moved++;
        }
      }
      done(`Redrove ${moved} message${moved === 1 ? '' : 's'} from ${dlq.name} to ${chosen.description.startsWith('function') ? `function ${chosen.label}` : `queue ${arnName(chosen.arn)}`}.`);
      return moved;
    })),
    vscode.commands.registerCommand(COMMANDS.queuePurge, guarded(logs, async (arg?: ResourceArg, opts?: ConfirmOptions) => {
      const node = await resolve(arg, 'queue', 'Purge which queue?');
      if (!node) return undefined;
      const q = queueOf(node);
      const n = q.peek().length;
      if (!(await (opts?.confirm ?? askModal)(`Purge all ${n} message${n === 1 ? '' : 's'} from queue "${q.name}"? They cannot be recovered.`, 'Purge'))) return undefined;
      const purged = await q.purge();
      done(`Purged ${purged} message${purged === 1 ? '' : 's'} from queue ${q.name}.`);
      return purged;
    })),
  );
}
