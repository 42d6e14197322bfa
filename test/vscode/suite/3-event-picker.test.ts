// VS Code test tier: the event picker offers the project's events/*.json (next to the template and in the
// function's folder) and remembers the chosen event per function as the first choice next time.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InvokeOutcome } from '../../../src/vscode/commands/invokeCommands';
import { EventMemory } from '../../../src/vscode/events/eventMemory';
import { eventChoices } from '../../../src/vscode/events/eventPicker';
import { EventStore } from '../../../src/vscode/events/eventStore';
import { COMMANDS } from '../../../src/vscode/ids';
import { mainTemplate, workspaceRoot } from './helpers';

/** A Memento in memory, for the list alone (the commands use the extension's workspace state). */
class MemoryMemento implements vscode.Memento {
  private readonly m = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.m.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return (this.m.has(key) ? this.m.get(key) : fallback) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.m.set(key, value);
    return Promise.resolve();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs Invoke with Event… on Hello and answers its quick pick: `down` moves from the first item, then Enter. */
async function pickFor(down: number): Promise<InvokeOutcome> {
  const pending = vscode.commands.executeCommand<InvokeOutcome>(COMMANDS.invokeWithEvent, 'Hello');
  await sleep(1500); // the quick pick opens (no API tells when)
  for (let i = 0; i < down; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  return pending;
}

describe('event picker', () => {
  it('lists the project events (template folder, then the function folder) after the saved ones', async () => {
    const root = workspaceRoot();
    const memory = new EventMemory(new MemoryMemento());
    const input = { store: new EventStore(path.join(root, 'no-such-state')), memory, templatePath: mainTemplate(), logicalId: 'Hello', codeDir: path.join(root, 'hello'), ctx: { region: 'us-east-1', accountId: '123456789012' } };
    const labels = (await eventChoices(input)).map((c) => `${c.label}${c.description ? ` (${c.description})` : ''}`);
    assert.deepEqual(labels.slice(0, 4), ['Project events', '$(json) api-request (events/api-request.json)', '$(json) ping (hello/events/ping.json)', '$(json) wait-20s (hello/events/wait-20s.json)']);
    await memory.remember(mainTemplate(), 'Hello', { path: path.join(root, 'hello', 'events', 'ping.json') });
    const again = (await eventChoices(input)).map((c) => c.label);
    assert.deepEqual(again.slice(0, 3), ['Last used', '$(history) ping', 'Project events']);
  });

  it("offers first the samples that match the function's own events (a GET /items/{id} API gets that request)", async () => {
    const root = workspaceRoot();
    const input = {
      store: new EventStore(path.join(root, 'no-such-state')), memory: new EventMemory(new MemoryMemento()), templatePath: mainTemplate(), logicalId: 'Hello', ctx: { region: 'us-east-1', accountId: '123456789012' },
      events: [{ name: 'GetItem', type: 'Api', properties: { Path: '/items/{id}', Method: 'get' } }, { name: 'Jobs', type: 'SQS', properties: { Queue: 'arn:aws:sqs:us-east-1:123456789012:jobs' } }],
    };
    const labels = (await eventChoices(input)).map((c) => c.label);
    const own = labels.indexOf("From the function's events");
    assert.ok(own >= 0 && own < labels.indexOf('New event from a sample'), labels.join(' | '));
    assert.deepEqual(labels.slice(own + 1, own + 3), ['$(add) GET /items/{id} (REST API event GetItem)', '$(add) a message from jobs (SQS event Jobs)']);
  });

  it('sends the chosen project event and offers it first next time', async () => {
    const first = await pickFor(1); // api-request is first; one down is ping (hello/events)
    assert.deepEqual(JSON.parse(first.payload).event, { ping: true }, first.payload);
    assert.equal(first.result.status, 'success');
    const again = await pickFor(0); // Enter at once: the last used event
    assert.deepEqual(JSON.parse(again.payload).event, { ping: true }, again.payload);
  });
});
