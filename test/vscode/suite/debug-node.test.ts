// VS Code test tier: the `lambda` debug type end to end with js-debug: breakpoints in the handler and in
// the module it imports, locals, the result and REPORT in the Debug Console, break on handler entry, the
// Debug command, and the time from "Debug" to the first breakpoint.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/vscode/ids';
import { DebugRecorder, resume, topFrame } from './debugTracker';
import { workspaceRoot } from './helpers';

const dbg = (...p: string[]): string => path.join(workspaceRoot(), 'debugging', ...p);
const launch = (extra: Record<string, unknown>): vscode.DebugConfiguration => ({
  type: 'lambda', request: 'launch', name: 'Lambda test', template: '${workspaceFolder}/debugging/debug-template.yaml', function: 'DebugJs', event: 'debugging/events/value21.json', ...extra,
});
const bp = (file: string, line1: number): vscode.SourceBreakpoint => new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(file), new vscode.Position(line1 - 1, 0)));
const folder = (): vscode.WorkspaceFolder => vscode.workspace.workspaceFolders![0];

describe('debugging Node.js functions', function () {
  this.timeout(60_000);
  let rec: DebugRecorder;
  // Opening the Debug Console opens the panel, whose first show in code-server starts a terminal (a bash
  // that outlives the extension host and trips the leftover-process check).
  const debugSettings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('debug');
  before(() => debugSettings().update('internalConsoleOptions', 'neverOpen', vscode.ConfigurationTarget.Workspace));
  after(() => debugSettings().update('internalConsoleOptions', undefined, vscode.ConfigurationTarget.Workspace));
  beforeEach(() => {
    rec = new DebugRecorder();
  });
  afterEach(() => {
    rec.dispose();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
  });

  it('hits a breakpoint in imported code, then in the handler, with locals; result and REPORT in the Debug Console', async () => {
    vscode.debug.addBreakpoints([bp(dbg('js', 'lib', 'math.js'), 4), bp(dbg('js', 'index.js'), 8)]);
    const t0 = performance.now();
    assert.equal(await vscode.debug.startDebugging(folder(), launch({})), true, rec.summary());
    const first = await rec.stopped(0);
    console.log(`      Debug → first breakpoint (launch config, cold environment): ${(first.at - t0).toFixed(0)} ms`);
    assert.deepEqual(await topFrame(first, 'result'), { path: dbg('js', 'lib', 'math.js'), line: 4, value: '42' });
    await resume(first);
    const second = await rec.stopped(1);
    assert.deepEqual(await topFrame(second, 'total'), { path: dbg('js', 'index.js'), line: 8, value: '42' });
    await resume(second);
    await rec.terminated('lambda');
    const out = rec.output('lambda');
    assert.match(out, /Result of DebugJs: SUCCESS · [\d.]+ ms · request [0-9a-f-]{36}\n\{\n {2}"total": 42,\n {2}"initializedAt": "init"\n\}/, out);
    assert.match(out, /REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms/);
    assert.match(out, /debug handler computed 42/);
    assert.match(out, /Debugger paused: timeout suspended with \d\.\d\d s left/);
  });

  it('debugging the same function again attaches to its warm environment: breakpoint hit, no cold start', async () => {
    vscode.debug.addBreakpoints([bp(dbg('js', 'index.js'), 8)]);
    const t0 = performance.now();
    assert.equal(await vscode.debug.startDebugging(folder(), launch({ event: { value: 4 } })), true, rec.summary());
    const stop = await rec.stopped(0);
    console.log(`      Debug again → breakpoint (warm environment): ${(stop.at - t0).toFixed(0)} ms`);
    assert.deepEqual(await topFrame(stop, 'total'), { path: dbg('js', 'index.js'), line: 8, value: '8' });
    await resume(stop);
    await rec.terminated('lambda');
    const out = rec.output('lambda');
    assert.match(out, /in its warm debug environment/, out);
    assert.match(out, /REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms/);
    assert.doesNotMatch(out, /Init Duration/, 'a warm invoke has no Init Duration');
    assert.match(out, /"total": 8/);
  });

  it('break on handler entry stops at the handler\'s first statement and removes its temporary breakpoint', async () => {
    const t0 = performance.now();
    assert.equal(await vscode.debug.startDebugging(folder(), launch({ stopOnEntry: true, event: { value: 5 } })), true, rec.summary());
    const stop = await rec.stopped(0);
    console.log(`      Debug → handler entry (stopOnEntry): ${(stop.at - t0).toFixed(0)} ms`);
    const top = await topFrame(stop, 'event');
    assert.equal(top.path, dbg('js', 'index.js'));
    assert.equal(top.line, 7);
    await resume(stop);
    await rec.terminated('lambda');
    assert.match(rec.output('lambda'), /"total": 10/);
    assert.equal(vscode.debug.breakpoints.length, 0, 'the entry breakpoint is removed when the session ends');
  });

  it('debug init code stops at the module\'s first line', async () => {
    assert.equal(await vscode.debug.startDebugging(folder(), launch({ debugInitCode: true })), true, rec.summary());
    const stop = await rec.stopped(0);
    assert.deepEqual(await topFrame(stop), { path: dbg('js', 'index.js'), line: 2, value: undefined });
    await resume(stop);
    await rec.terminated('lambda');
  });

  it('the Debug command attaches and stops at a breakpoint in the handler (benchmark)', async () => {
    const hello = path.join(workspaceRoot(), 'hello', 'index.js');
    vscode.debug.addBreakpoints([bp(hello, 3)]);
    const t0 = performance.now();
    assert.equal(await vscode.commands.executeCommand(COMMANDS.debug, 'Hello'), 'Hello', rec.summary());
    const stop = await rec.stopped(0);
    console.log(`      Debug command → first breakpoint: ${(stop.at - t0).toFixed(0)} ms`);
    assert.deepEqual(await topFrame(stop), { path: hello, line: 3, value: undefined });
    await resume(stop);
    await rec.terminated('lambda');
    assert.match(rec.output('lambda'), /Result of Hello: SUCCESS/);
  });

  it('Debug twice in a row (Debug command) stops at the breakpoint both times; no session outlives its invocation', async () => {
    const hello = path.join(workspaceRoot(), 'hello', 'index.js');
    vscode.debug.addBreakpoints([bp(hello, 3)]);
    const live = new Map<string, vscode.DebugSession>();
    const subs = [
      vscode.debug.onDidStartDebugSession((s) => live.set(s.id, s)),
      vscode.debug.onDidTerminateDebugSession((s) => live.delete(s.id)),
    ];
    try {
      for (let round = 0; round < 2; round++) {
        assert.equal(await vscode.commands.executeCommand(COMMANDS.debug, 'Hello'), 'Hello', rec.summary());
        const stop = await rec.stopped(round);
        assert.deepEqual(await topFrame(stop), { path: hello, line: 3, value: undefined }, `round ${round + 1}`);
        await resume(stop);
        await rec.waitFor(`lambda session #${round + 1} terminated`, () => rec.seen.filter((x) => x.session.type === 'lambda' && x.message.event === 'terminated')[round], 20_000);
        await rec.waitFor(`every session of round ${round + 1} ended`, () => (live.size === 0 ? true : undefined), 10_000)
          .catch((e: Error) => assert.fail(`${[...live.values()].map((x) => `${x.type} "${x.name}"`).join(', ')} still running: ${e.message.slice(0, 300)}`));
      }
    } finally {
      for (const d of subs) d.dispose();
    }
    assert.equal((rec.output('lambda').match(/Result of Hello: SUCCESS/g) ?? []).length, 2);
  });

  it('TypeScript (BuildMethod esbuild): breakpoints in .ts bind through the package\'s source maps', async () => {
    const svc = (await vscode.extensions.getExtension('lambda-workbench.lambda-workbench')!.activate()).services.serviceFor(dbg('debug-template.yaml'));
    // The function runs from its extracted package; its source map leads back to the .ts source.
    const taskRoot = await svc.taskRootOf('DebugTs');
    const map = JSON.parse(readFileSync(path.join(taskRoot, 'handler.js.map'), 'utf8')) as { sources: string[]; sourceRoot?: string };
    assert.ok(map.sources.map((s) => path.resolve(taskRoot, map.sourceRoot ?? '', s)).includes(dbg('ts', 'src', 'handler.ts')), JSON.stringify(map.sources));
    vscode.debug.addBreakpoints([bp(dbg('ts', 'src', 'handler.ts'), 10)]);
    assert.equal(await vscode.debug.startDebugging(folder(), launch({ function: 'DebugTs' })), true, rec.summary());
    const stop = await rec.stopped(0);
    assert.deepEqual(await topFrame(stop, 'text'), { path: dbg('ts', 'src', 'handler.ts'), line: 10, value: "'value=42'" }); // js-debug shows strings in single quotes
    await resume(stop);
    await rec.terminated('lambda');
    assert.match(rec.output('lambda'), /"text": "value=42"/);
  });

  it('a bundle built as SAM does by default (minified, no Sourcemap): breakpoints in .ts still bind', async () => {
    vscode.debug.addBreakpoints([bp(dbg('ts', 'src', 'handler.ts'), 10)]);
    assert.equal(await vscode.debug.startDebugging(folder(), launch({ function: 'EsbuildLayout' })), true, rec.summary());
    const stop = await rec.stopped(0);
    // Minified: the locals' names are the bundle's, so only the place is compared.
    assert.deepEqual(await topFrame(stop), { path: dbg('ts', 'src', 'handler.ts'), line: 10, value: undefined });
    await resume(stop);
    await rec.terminated('lambda');
    assert.match(rec.output('lambda'), /"text": "value=42"/);
  });
  it('Debug of a version from the tree runs its snapshot under the debugger: the breakpoint binds, the Debug Console names the version', async () => {
    const a = await vscode.extensions.getExtension('lambda-workbench.lambda-workbench')!.activate();
    const templatePath = dbg('debug-template.yaml');
    const svc = a.services.serviceFor(templatePath);
    const published = await svc.versions.publishVersion('DebugJs', { description: 'debug me' });
    const fn = (await svc.listFunctions()).find((f: { logicalId: string }) => f.logicalId === 'DebugJs');
    vscode.debug.addBreakpoints([bp(dbg('js', 'index.js'), 8)]);
    const node = { kind: 'version', templatePath, fn, config: published };
    assert.equal(await vscode.commands.executeCommand(COMMANDS.debugQualified, node, '{"value": 5}'), `DebugJs:${published.Version}`, rec.summary());
    const stop = await rec.stopped(0);
    assert.deepEqual(await topFrame(stop, 'total'), { path: dbg('js', 'index.js'), line: 8, value: '10' });
    await resume(stop);
    await rec.terminated('lambda');
    const out = rec.output('lambda');
    assert.ok(out.includes(`Debugging DebugJs version ${published.Version} (its published snapshot)`), out);
    assert.match(out, new RegExp(`Result of DebugJs \\(version ${published.Version} ran\\): SUCCESS`), out);
    assert.match(out, new RegExp(`START RequestId: [0-9a-f-]{36} Version: ${published.Version}`), out);
  });
});
