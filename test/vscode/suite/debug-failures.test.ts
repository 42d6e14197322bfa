// VS Code test tier: `lambda` sessions that cannot start say what happened and what to do (port in use,
// missing debugger extension, unsupported runtime, unknown function), and the configuration provider.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import * as vscode from 'vscode';
import { LambdaDebugConfigurationProvider } from '../../../src/vscode/debug/debugConfigurationProvider';
import { DebugRecorder } from './debugTracker';
import { api, workspaceRoot } from './helpers';

const launch = (extra: Record<string, unknown>): vscode.DebugConfiguration => ({
  type: 'lambda', request: 'launch', name: 'Lambda failure test', template: '${workspaceFolder}/debugging/debug-template.yaml', function: 'DebugJs', ...extra,
});
const folder = (): vscode.WorkspaceFolder => vscode.workspace.workspaceFolders![0];

describe('debugging failures and configurations', function () {
  this.timeout(30_000);
  let rec: DebugRecorder;
  beforeEach(() => {
    rec = new DebugRecorder();
  });
  afterEach(() => rec.dispose());

  /** Starts a session expected to fail at launch; returns the launch error message. */
  async function launchError(config: vscode.DebugConfiguration): Promise<string> {
    const ok = await vscode.debug.startDebugging(folder(), config);
    assert.equal(ok, false, `the session should not start: ${rec.summary()}`);
    const response = await rec.waitFor('launch response', () => rec.response('lambda', 'launch'), 10_000);
    assert.equal(response.message.success, false);
    return response.message.message ?? '';
  }

  it('a debug port in use is named, with what to do', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const message = await launchError(launch({ port }));
      assert.equal(message, `Debug port ${port} on 127.0.0.1 is already in use. Stop what listens there, or remove "port" from the launch configuration so a free port is picked.`);
    } finally {
      blocker.close();
    }
  });

  it('Python without the Python Debugger extension names the extension to install, and starts nothing', async () => {
    if (vscode.extensions.getExtension('ms-python.debugpy') || vscode.extensions.getExtension('ms-python.python')) return;
    const before = (await api()).services.environmentCount();
    const message = await launchError(launch({ function: 'DebugPy' }));
    assert.equal(message, 'Debugging Python functions needs the Python Debugger extension (ms-python.debugpy). Install it from the Extensions view, then Debug again.');
    assert.equal((await api()).services.environmentCount(), before, 'no environment is left waiting for a debugger');
  });

  it('an unsupported runtime and an unknown function are explained', async () => {
    assert.match(await launchError(launch({ function: 'DebugCustom' })), /^Debugging supports Node\.js and Python functions; "DebugCustom" uses provided\.al2023\./);
    rec.seen.length = 0;
    assert.match(await launchError(launch({ function: 'Nope' })), /^No function "Nope" in .*debug-template\.yaml\. Functions there: DebugJs, DebugTs, EsbuildLayout, DebugPy, DebugCustom, SyntaxEsm\.$/);
  });

  it('offers one configuration per Node.js/Python function of the workspace templates', async () => {
    const provider = new LambdaDebugConfigurationProvider((await api()).services);
    const configs = await provider.provideDebugConfigurations(folder());
    assert.deepEqual(configs.map((c) => [c.name, c.function, c.template]), [
      ['Lambda: Debug Orders', 'Orders', '${workspaceFolder}/services/orders/template.yaml'],
      ['Lambda: Debug Hello', 'Hello', '${workspaceFolder}/template.yaml'],
      ['Lambda: Debug Fails', 'Fails', '${workspaceFolder}/template.yaml'],
      ['Lambda: Debug PyHello', 'PyHello', '${workspaceFolder}/template.yaml'],
    ]);
    assert.ok(configs.every((c) => c.type === 'lambda' && c.request === 'launch'));
    // A new launch.json gets these only: no static placeholder for a function that does not exist.
    const ext = vscode.extensions.getExtension('lambda-workbench.lambda-workbench')!;
    const statics = (ext.packageJSON.contributes.debuggers[0].initialConfigurations ?? []) as { function?: string }[];
    const names = new Set(configs.map((c) => c.function));
    assert.deepEqual(statics.filter((c) => !names.has(c.function)), [], 'initialConfigurations name no other function');
    // resolve fills the template in when one template defines the function.
    const resolved = await provider.resolveDebugConfiguration(folder(), { type: 'lambda', request: 'launch', name: 'x', function: 'Fails' });
    assert.equal(resolved?.template, `${workspaceRoot()}/template.yaml`);
  });
});
