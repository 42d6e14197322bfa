// VS Code test tier: Python debugging at the adapter level. code-server has no Python Debugger extension,
// so a DAP client plays its part against the environment's debugpy: the child attach configuration the
// `lambda` adapter would start, a breakpoint with locals, the result. Needs debugpy (npm test's pretest
// installs python3-debugpy).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LambdaService } from '../../../src/core/service';
import { childDebugConfig } from '../../../src/vscode/debug/childDebugConfig';
import { freePort } from '../../../src/core/runtime/portCheck';
import { DapClient } from '../../integration/helpers/dapClient';
import { workspaceRoot } from './helpers';

// Debian's python3-debugpy serves only the system interpreter.
const PYTHON = process.env.LWB_DEBUGPY_PYTHON ?? '/usr/bin/python3.11';
const hasDebugpy = spawnSync(PYTHON, ['-c', 'import debugpy'], { stdio: 'ignore' }).status === 0;

describe('debugging Python functions (debugpy, adapter level)', function () {
  this.timeout(60_000);
  let svc: LambdaService | undefined;
  after(async () => {
    await svc?.dispose();
    // The debug suites ran last: leave the layout as the UI checks expect it (debug view and panel closed);
    // a reopened page that restores the Debug Console panel starts a terminal that outlives the host.
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  it('attaches to debugpy before the handler loads, stops at a breakpoint with locals, returns the result', async () => {
    assert.ok(hasDebugpy, `debugpy does not import in ${PYTHON}: run \`node scripts/setup-debugpy.mjs\` (apt-get install python3-debugpy)`);
    const root = path.join(workspaceRoot(), 'debugging');
    const ext = vscode.extensions.getExtension('lambda-workbench.lambda-workbench')!;
    svc = new LambdaService({ cwd: workspaceRoot(), templatePath: path.join(root, 'debug-template.yaml'), runtimesDir: path.join(ext.extensionPath, 'dist', 'runtimes'), interpreters: { 'python3.11': PYTHON }, persistLogs: false });
    const logs: string[] = [];
    svc.onLog((e) => logs.push(e.message));
    const port = await freePort();
    const t0 = performance.now();
    const invocation = svc.invoke('DebugPy', '{"value": 21}', { debug: { port, waitForAttach: true } });
    const until = Date.now() + 20_000;
    while (!logs.some((l) => l.includes(`debugpy://127.0.0.1:${port}`))) {
      assert.ok(Date.now() < until, `debugpy did not listen: ${logs.join('\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // What the adapter would ask the Python Debugger extension to do, played by hand.
    const config = childDebugConfig({ runtime: 'python', type: 'debugpy', name: 'DebugPy (Python)', port, codeDir: path.join(root, 'py'), taskRoot: await svc.taskRootOf('DebugPy'), runtimesDir: '/x' });
    assert.deepEqual(config.connect, { host: '127.0.0.1', port });
    const dap = await DapClient.open(port);
    try {
      await dap.request('initialize', { adapterID: 'debugpy', clientID: 'lwb-test', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
      const initialized = dap.event('initialized');
      const attached = dap.request('attach', { ...config, request: undefined });
      await initialized;
      const bps = await dap.request('setBreakpoints', { source: { path: path.join(root, 'py', 'app.py') }, breakpoints: [{ line: 7 }] });
      assert.equal(bps.success, true, JSON.stringify(bps));
      const stopped = dap.event('stopped');
      await dap.request('configurationDone');
      await attached;
      const stop = await stopped;
      console.log(`      invoke → first Python breakpoint (DAP client, cold environment): ${(performance.now() - t0).toFixed(0)} ms`);
      const trace = await dap.request('stackTrace', { threadId: stop.threadId, levels: 1 });
      const frame = trace.body.stackFrames[0];
      assert.equal(frame.source.path, path.join(root, 'py', 'app.py'));
      assert.equal(frame.line, 7);
      const scopes = await dap.request('scopes', { frameId: frame.id });
      const vars = await dap.request('variables', { variablesReference: scopes.body.scopes[0].variablesReference });
      assert.equal(vars.body.variables.find((v: { name: string }) => v.name === 'total')?.value, '42');
      await dap.request('continue', { threadId: stop.threadId });
      const r = await invocation;
      assert.equal(r.status, 'success');
      assert.equal(JSON.parse(r.payload.toString()).total, 42);
    } finally {
      dap.close();
    }
  });
});
