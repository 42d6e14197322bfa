// VS Code test tier: Start Local Lambda API (issue 13, section 4): the command serves the template's engine
// on 127.0.0.1, a real HTTP client lists and invokes through it, each request is logged in the Lambda output
// channel, the status bar shows the port and copies `--endpoint-url`, the endpoint survives Stop All
// Environments, and Stop Local Lambda API closes it.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/vscode/ids';
import { api, mainTemplate, waitFor } from './helpers';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(url: string, method: string, path: string, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the local Lambda API', function () {
  this.timeout(90_000);
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('lambdaWorkbench');
  // A free port, so the test never depends on 3001 being unused on the machine.
  const ports = ['api.port', 'http.apiPort', 'http.urlPort'];
  before(async () => {
    for (const p of ports) await config().update(p, 0, vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await vscode.commands.executeCommand(COMMANDS.apiStop);
    for (const p of ports) await config().update(p, undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('Start serves the template on 127.0.0.1; requests are logged; the status bar copies --endpoint-url; Stop closes it', async () => {
    const a = await api();
    const url = await vscode.commands.executeCommand<string | undefined>(COMMANDS.apiStart, mainTemplate());
    assert.ok(url, 'Start Local Lambda API returned the endpoint');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(new URL(url).port);
    assert.deepEqual(a.localApi.endpoints(), [{ templatePath: mainTemplate(), url }]);
    assert.equal(a.localApi.text, `$(radio-tower) Lambda API :${port}`);
    // Starting again for the same template gives the same endpoint.
    assert.equal(await vscode.commands.executeCommand(COMMANDS.apiStart, mainTemplate()), url);

    const list = await call(url, 'GET', '/2015-03-31/functions/');
    assert.equal(list.status, 200, list.body);
    const names = (JSON.parse(list.body) as { Functions: { FunctionName: string }[] }).Functions.map((f) => f.FunctionName);
    assert.ok(names.includes('Hello'), names.join(', '));

    const invoked = await call(url, 'POST', '/2015-03-31/functions/Hello/invocations', '{"door":"api"}');
    assert.equal(invoked.status, 200, invoked.body);
    assert.equal(invoked.headers['x-amz-executed-version'], '$LATEST');
    assert.ok(invoked.headers['x-amzn-requestid']);
    await waitFor('the API request in the Lambda output channel', () => a.logs.lines().some((l) => /\[api\] Invoke Hello 200 \d+\.\d ms/.test(l)));

    const copied = await vscode.commands.executeCommand<string>(COMMANDS.apiCopyEndpoint);
    assert.equal(copied, `--endpoint-url ${url}`);
    assert.equal(await vscode.env.clipboard.readText(), `--endpoint-url ${url}`);

    // Stop All Environments replaces the template's engine; the endpoint follows it, on the same port.
    await vscode.commands.executeCommand(COMMANDS.stopAllEnvironments);
    await waitFor('the API served by the new engine', async () => {
      try {
        return (await call(url, 'GET', '/2015-03-31/functions/')).status === 200;
      } catch {
        return false;
      }
    });
    assert.deepEqual(a.localApi.endpoints(), [{ templatePath: mainTemplate(), url }]);

    assert.equal(await vscode.commands.executeCommand(COMMANDS.apiStop), 1);
    await assert.rejects(call(url, 'GET', '/2015-03-31/functions/'), /ECONNREFUSED/);
    assert.deepEqual(a.localApi.endpoints(), []);
  });
});
