// VS Code test tier: Invoke / Invoke with Event… through the real engine: REPORT lines in the output
// channel, the read-only result document, the link to the failing line, the status bar.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InvokeOutcome } from '../../../src/vscode/commands/invokeCommands';
import { EventStore } from '../../../src/vscode/events/eventStore';
import { generateSampleEvent } from '../../../src/core/samples';
import { COMMANDS, RESULT_SCHEME } from '../../../src/vscode/ids';
import { api, mainTemplate, waitFor, workspaceRoot } from './helpers';

const invoke = (id: string): Thenable<InvokeOutcome | undefined> => vscode.commands.executeCommand<InvokeOutcome | undefined>(COMMANDS.invoke, id);

describe('invoke', () => {
  it('Invoke writes START/END/REPORT with the request id to the Lambda output channel', async () => {
    const a = await api();
    const out = await invoke('Hello');
    assert.ok(out, 'invoke returned nothing (see the error notification)');
    assert.equal(out.result.status, 'success');
    assert.deepEqual(JSON.parse(out.payload).event, {});
    const rid = out.result.requestId;
    const report = await waitFor('REPORT line', () => a.logs.lines().find((l) => l.includes(`REPORT RequestId: ${rid}`)) ?? '');
    assert.match(report, /^\[Hello\] REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB/);
    assert.ok(a.logs.lines().some((l) => l.startsWith(`[Hello] START RequestId: ${rid}`)));
    assert.ok(a.logs.lines().some((l) => l.includes('hello handler got {}')));
    assert.ok(a.logs.lines().some((l) => l.startsWith('[Hello] INIT_START Runtime Version: nodejs:20')));
  });

  it('opens the result as a read-only JSON document with status and durations', async () => {
    const out = await invoke('Hello');
    assert.ok(out);
    assert.equal(out.document.scheme, RESULT_SCHEME);
    const doc = await vscode.workspace.openTextDocument(out.document);
    const text = doc.getText();
    assert.match(text, /^\/\/ Hello · SUCCESS · request [0-9a-f-]{36}\n\/\/ Duration: [\d.]+ ms · Billed Duration: \d+ ms · Memory: \d+\/256 MB/);
    assert.equal(JSON.parse(text.split('\n').filter((l) => !l.startsWith('//')).join('\n')).greeting, 'hello, world');
    assert.equal(doc.languageId, 'jsonc');
  });

  it('a function error shows errorType/errorMessage and links the first frame in the task root', async () => {
    const out = await invoke('Fails');
    assert.ok(out);
    assert.equal(out.result.functionError, 'Unhandled');
    assert.equal(out.result.errorType, 'TypeError');
    assert.deepEqual(out.failingLine, { file: path.join(workspaceRoot(), 'fails', 'app.js'), line: 5, column: 11 });
    const doc = await vscode.workspace.openTextDocument(out.document);
    assert.match(doc.getText(), /\/\/ Function error: TypeError/);
    assert.match(doc.getText(), /"errorMessage": "order\.id is required"/);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', out.document);
    assert.ok(links.some((l) => l.target?.fsPath === out.failingLine?.file && l.target?.fragment === 'L5,11'), JSON.stringify(links));
    // The stack trace in the result and the output channel names the source file, not the package copy.
    const source = path.join(workspaceRoot(), 'fails', 'app.js');
    assert.doesNotMatch(doc.getText(), /\.lambda-workbench\/packages\//, doc.getText());
    assert.ok(doc.getText().includes(`${source}:5:11`), doc.getText());
    assert.ok(links.filter((l) => l.target?.fsPath === source).length >= 2, 'the header and the stack trace link to the source');
    const logged = (await api()).logs.lines().filter((l) => l.includes(out.result.requestId));
    assert.deepEqual(logged.filter((l) => /\/packages\/[^/]+\/task\//.test(l)), [], 'no package path in the output channel');
    assert.ok(logged.some((l) => l.includes(`${source}:5:11`)), logged.join('\n'));
  });

  it('Invoke with Event… sends a given payload, a saved event, or a file', async () => {
    const sqs = generateSampleEvent('sqs');
    const given = await vscode.commands.executeCommand<InvokeOutcome>(COMMANDS.invokeWithEvent, { templatePath: mainTemplate(), logicalId: 'Hello' }, { payload: sqs });
    assert.equal(JSON.parse(given.payload).event.Records[0].eventSource, 'aws:sqs');
    const store = new EventStore(path.join(workspaceRoot(), '.lambda-workbench'));
    const saved = await store.save('Hello', 'my-order', '{"orderId": 42}');
    assert.equal(saved, path.join(workspaceRoot(), '.lambda-workbench', 'events', 'Hello', 'my-order.json'));
    const byName = await vscode.commands.executeCommand<InvokeOutcome>(COMMANDS.invokeWithEvent, 'Hello', { eventName: 'my-order' });
    assert.deepEqual(JSON.parse(byName.payload).event, { orderId: 42 });
    const byPath = await vscode.commands.executeCommand<InvokeOutcome>(COMMANDS.invokeWithEvent, 'Hello', { eventPath: saved });
    assert.deepEqual(JSON.parse(byPath.payload).event, { orderId: 42 });
  });

  it('the default-event setting picks what plain Invoke sends', async () => {
    const cfg = vscode.workspace.getConfiguration('lambdaWorkbench');
    await cfg.update('invoke.defaultEvent', 'sample:kinesis', vscode.ConfigurationTarget.Workspace);
    try {
      const out = await invoke('Hello');
      assert.equal(JSON.parse(out!.payload).event.Records[0].eventSource, 'aws:kinesis');
    } finally {
      await cfg.update('invoke.defaultEvent', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('the status bar shows running environments and the last duration', async () => {
    const a = await api();
    await invoke('Hello');
    assert.match(a.statusBar.text, /^\$\(server-process\) λ \d+\/[1-9]\d* · Hello \d+ ms$/);
  });
});
