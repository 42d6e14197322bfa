// VS Code test tier: saved events as tests in the Testing view (testing/savedEventTestController.ts): per
// function its events/*.json; Run invokes each (pass, a failed function with its message and failing line, an
// expected result that differs with its diff), and the Debug profile stops at a breakpoint, then passes.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DebugRecorder, resume, topFrame } from './debugTracker';
import { api, workspaceRoot } from './helpers';

const written: string[] = [];
function write(rel: string, json: unknown): void {
  const file = path.join(workspaceRoot(), rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(json));
  written.push(file);
}

function child(parent: vscode.TestItem, label: string): vscode.TestItem {
  let found: vscode.TestItem | undefined;
  parent.children.forEach((c) => (c.label === label ? (found = c) : undefined));
  assert.ok(found, `no test "${label}" under ${parent.label}`);
  return found;
}

describe('saved events in the Testing view', function () {
  this.timeout(90_000);
  const debugSettings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('debug');
  before(async () => {
    await debugSettings().update('internalConsoleOptions', 'neverOpen', vscode.ConfigurationTarget.Workspace);
    write('py/events/hi.json', { a: 1 });
    write('py/events/hi.expected.json', { statusCode: 200, body: '{"a": 1}' });
    write('py/events/mismatch.json', { a: 2 });
    write('py/events/mismatch.expected.json', { statusCode: 200, body: 'nope' });
    write('fails/events/no-id.json', {});
  });
  after(async () => {
    for (const f of written) rmSync(f, { force: true });
    await debugSettings().update('internalConsoleOptions', undefined, vscode.ConfigurationTarget.Workspace);
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    const a = await api();
    await a.savedEventTests.refresh();
    // The Debug profile's environment stays warm (as after any Debug): the later debugging suites start cold.
    await a.services.stopAll();
  });

  it('lists each function with its events (the template folder\'s first); Run passes, fails with the error or the diff', async () => {
    const tests = (await api()).savedEventTests;
    await tests.refresh();
    const fns = new Map<string, vscode.TestItem>();
    tests.controller.items.forEach((i) => fns.set(String(i.label), i));
    const py = fns.get('PyHello');
    const fails = fns.get('Fails');
    assert.ok(py && fails, [...fns.keys()].join(', '));
    const labels = (i: vscode.TestItem) => { const out: string[] = []; i.children.forEach((c) => out.push(`${c.label} (${c.description})`)); return out; };
    assert.deepEqual(labels(py), ['api-request (events/)', 'hi (events/)', 'mismatch (events/)']);
    assert.deepEqual(labels(fails), ['api-request (events/)', 'no-id (events/)']);
    const run = tests.profiles.find((p) => p.kind === vscode.TestRunProfileKind.Run)!;
    const items = [child(py, 'hi'), child(py, 'mismatch'), child(fails, 'no-id')];
    await run.runHandler(new vscode.TestRunRequest(items), new vscode.CancellationTokenSource().token);
    assert.deepEqual(tests.outcomes.get(items[0].id), { state: 'passed' });
    assert.deepEqual(tests.outcomes.get(items[1].id), { state: 'failed', message: 'The result differs from events/mismatch.expected.json' });
    assert.deepEqual(tests.outcomes.get(items[2].id), { state: 'failed', message: 'TypeError: order.id is required' });
  });

  it('the Debug profile runs the event under the debugger: stopped at a breakpoint, then passed', async () => {
    const tests = (await api()).savedEventTests;
    let hello: vscode.TestItem | undefined;
    tests.controller.items.forEach((i) => (i.label === 'Hello' ? (hello = i) : undefined));
    assert.ok(hello);
    const ping = child(hello, 'ping');
    const handler = path.join(workspaceRoot(), 'hello', 'index.js');
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(handler), new vscode.Position(2, 0)))]);
    const rec = new DebugRecorder();
    try {
      const debug = tests.profiles.find((p) => p.kind === vscode.TestRunProfileKind.Debug)!;
      const running = debug.runHandler(new vscode.TestRunRequest([ping]), new vscode.CancellationTokenSource().token);
      const stop = await rec.stopped(0, 40_000);
      assert.deepEqual(await topFrame(stop), { path: handler, line: 3, value: undefined });
      await resume(stop);
      await running;
      assert.deepEqual(tests.outcomes.get(ping.id), { state: 'passed' });
    } finally {
      rec.dispose();
    }
  });
});
