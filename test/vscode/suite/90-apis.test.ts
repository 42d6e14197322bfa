// VS Code test tier: the APIs view and the route commands (issue 17). The fixture template's HTTP API route, REST
// API route and function URL are listed (from the model: nothing is served yet); Copy URL serves the template and
// puts the route's local URL on the clipboard, and the view then shows local URLs; Send Request… answers with the
// real function's status and body (Node on the HTTP API, API Gateway's 502 for the REST API, whose v1 proxy
// integration needs a statusCode, Python behind the function URL through the handler's CodeLens); an edited
// template re-routes the running server. Named 90- so it runs after the suites that count environments.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ApiNode, ApisTreeProvider, RouteNode } from '../../../src/vscode/apis/apisTreeProvider';
import type { SentRequest } from '../../../src/vscode/commands/routeCommands';
import { COMMANDS, TREE_ITEMS } from '../../../src/vscode/ids';
import { api, mainTemplate, waitFor, workspaceRoot } from './helpers';

describe('APIs view and the route commands', function () {
  this.timeout(120_000); // engine start, cold starts (Node and Python) on a loaded machine
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('lambdaWorkbench');
  const ports = ['api.port', 'http.apiPort', 'http.urlPort'];
  let tree: ApisTreeProvider;
  // Free ports, so the test never depends on 3000/3001/9000 being unused on the machine.
  before(async () => {
    for (const p of ports) await config().update(p, 0, vscode.ConfigurationTarget.Workspace);
    tree = (await api()).apis;
  });
  after(async () => {
    await vscode.commands.executeCommand(COMMANDS.apiStop);
    await vscode.commands.executeCommand(COMMANDS.stopAllEnvironments);
    for (const p of ports) await config().update(p, undefined, vscode.ConfigurationTarget.Workspace);
  });

  const label = (n: ApiNode): string => String(tree.getTreeItem(n).label);
  const desc = (n: ApiNode): string => String(tree.getTreeItem(n).description);
  const route = async (key: string): Promise<RouteNode> => {
    const found = (await tree.routes()).find((r) => r.route.routeKey === key || (r.kind === 'functionUrl' && r.route.integration.functionName === key));
    assert.ok(found, `route ${key}`);
    return found;
  };

  it('lists each API with its routes and each function URL, from the template, before anything is served', async () => {
    const a = await api();
    // Only the main template declares APIs: no template level.
    const roots = await a.apis.getChildren();
    assert.deepEqual(roots.map((n) => [label(n), desc(n), a.apis.getTreeItem(n).contextValue]), [
      ['ServerlessHttpApi', 'HTTP API', TREE_ITEMS.api],
      ['ServerlessRestApi', 'REST API · stage Prod', TREE_ITEMS.api],
      ['PyHello', 'Function URL', TREE_ITEMS.functionUrl],
    ]);
    const httpRoutes = await a.apis.getChildren(roots[0]);
    assert.deepEqual(httpRoutes.map((n) => [label(n), desc(n), a.apis.getTreeItem(n).contextValue]), [['GET /hello', '→ Hello', TREE_ITEMS.routeGet]]);
    const restRoutes = await a.apis.getChildren(roots[1]);
    assert.deepEqual(restRoutes.map((n) => [label(n), desc(n), a.apis.getTreeItem(n).contextValue]), [['POST /greet/{name}', '→ Hello', TREE_ITEMS.route]]);
    assert.match(String(a.apis.getTreeItem(restRoutes[0]).tooltip), /also \/Prod\/greet\/\{name\}/);
    assert.deepEqual(a.localApi.endpoints(), [], 'listing the APIs serves nothing');
  });

  it('Copy URL serves the template and copies the route\'s local URL; the view then shows the local URLs', async () => {
    const a = await api();
    const hello = await route('GET /hello');
    const url = await vscode.commands.executeCommand<string | undefined>(COMMANDS.routeCopyUrl, hello);
    assert.ok(url, a.logs.lines().slice(-6).join('\n'));
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/hello$/);
    assert.equal(await vscode.env.clipboard.readText(), url);
    assert.equal(a.localApi.endpoints().length, 1, 'the template is served (Lambda API and APIs)');
    const base = new URL(url).origin;
    const [httpApi, restApi, fnUrl] = await a.apis.getChildren();
    assert.equal(desc(httpApi), `HTTP API · ${base}`);
    assert.match(desc(restApi), /^REST API · stage Prod · http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(desc(fnUrl), /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.notEqual(desc(fnUrl), `${base}/`, 'a function URL has a port of its own');
    assert.equal(desc((await a.apis.getChildren(httpApi))[0]), `→ Hello · ${url}`);
    // The REST route's URL keeps its {name} parameter.
    assert.match(String(await vscode.commands.executeCommand(COMMANDS.routeCopyUrl, await route('POST /greet/{name}'))), /^http:\/\/127\.0\.0\.1:\d+\/greet\/\{name\}$/);
  });

  it('Send Request answers with the function\'s status and body, in a response document and the output channel', async () => {
    const a = await api();
    const sent = await vscode.commands.executeCommand<SentRequest | undefined>(COMMANDS.routeSendRequest, await route('GET /hello'), { path: '/hello?who=vscode', headers: 'x-test: 1' });
    assert.ok(sent, a.logs.lines().slice(-6).join('\n'));
    assert.equal(sent.status, 200, sent.body);
    // Hello returns no statusCode: an HTTP API (payload 2.0) sends the whole return value as JSON (§12).
    const reply = JSON.parse(sent.body) as { greeting: string; event: { rawPath: string; rawQueryString: string; headers: Record<string, string>; requestContext: { http: { method: string } } } };
    assert.equal(reply.greeting, 'hello, world');
    assert.deepEqual([reply.event.rawPath, reply.event.rawQueryString, reply.event.headers['x-test'], reply.event.requestContext.http.method], ['/hello', 'who=vscode', '1', 'GET']);
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.toString(), sent.document);
    assert.equal(doc.uri.scheme, 'lambda-response');
    const text = doc.getText();
    assert.match(text, /^HTTP\/1\.1 200 OK\n/);
    assert.match(text, /^content-type: application\/json$/im);
    assert.ok(text.includes('"greeting": "hello, world"'), text);
    assert.ok(text.includes(`### GET ${sent.url} · 200 · `), text);
    await waitFor('the request in the Lambda output channel', () => a.logs.lines().some((l) => l.includes(`[send] GET ${sent.url} → 200 OK`)) && a.logs.lines().some((l) => /\[http\] GET \/hello Hello 200 \d+\.\d ms/.test(l)));

    // Bad input is a clear error, and nothing is sent.
    const seen: string[] = [];
    const sub = a.logs.onLine((l) => seen.push(l));
    try {
      assert.equal(await vscode.commands.executeCommand(COMMANDS.routeSendRequest, await route('GET /hello'), { path: 'hello' }), undefined);
      assert.equal(await vscode.commands.executeCommand(COMMANDS.routeSendRequest, { functionName: 'Fails' }), undefined);
    } finally {
      sub.dispose();
    }
    const errors = seen.join('\n');
    assert.ok(!errors.includes('[send]'), errors);
    assert.match(errors, /The path starts with "\/"/);
    assert.match(errors, /No API route or function URL for function "Fails"/);

    // The REST API's v1 proxy integration needs a statusCode: API Gateway's 502, as in AWS.
    const rest = await vscode.commands.executeCommand<SentRequest | undefined>(COMMANDS.routeSendRequest, await route('POST /greet/{name}'), { path: '/greet/world', body: '{"n":1}' });
    assert.equal(rest?.status, 502);
    assert.deepEqual(JSON.parse(rest.body), { message: 'Internal server error' });
  });

  it('CodeLens offers Send Request above a handler with an HTTP event; on Python, it reaches the function URL', async () => {
    const hello = vscode.Uri.file(path.join(workspaceRoot(), 'hello', 'index.js'));
    await vscode.window.showTextDocument(hello);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', hello);
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.command]), [[1, COMMANDS.invoke], [1, COMMANDS.debug], [1, COMMANDS.routeSendRequest]]);
    assert.equal(lenses[2].command?.title, '$(globe) Send Request');
    const fails = vscode.Uri.file(path.join(workspaceRoot(), 'fails', 'app.js'));
    await vscode.workspace.openTextDocument(fails);
    const none = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fails);
    assert.deepEqual(none.map((l) => l.command?.command), [COMMANDS.invoke, COMMANDS.debug], 'no HTTP event, no Send Request');

    const py = vscode.Uri.file(path.join(workspaceRoot(), 'py', 'app.py'));
    await vscode.workspace.openTextDocument(py);
    const pyLens = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', py)).find((l) => l.command?.command === COMMANDS.routeSendRequest);
    assert.ok(pyLens?.command?.arguments);
    const sent = await vscode.commands.executeCommand<SentRequest | undefined>(pyLens.command.command, ...pyLens.command.arguments, { method: 'POST', path: '/any/path?q=1', headers: 'content-type: text/plain', body: 'hi' });
    assert.equal(sent?.status, 200, sent?.body);
    const event = JSON.parse(sent.body) as { rawPath: string; body: string; queryStringParameters: Record<string, string>; requestContext: { http: { method: string } } };
    assert.deepEqual([event.rawPath, event.body, event.queryStringParameters, event.requestContext.http.method], ['/any/path', 'hi', { q: '1' }, 'POST']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('an edited template re-routes the running server and the view lists the new route', async () => {
    const a = await api();
    const original = readFileSync(mainTemplate(), 'utf8');
    const added = original.replace('            Path: /hello\n            Method: GET\n', '            Path: /hello\n            Method: GET\n        HelloAdded:\n          Type: HttpApi\n          Properties:\n            Path: /added/{n}\n            Method: GET\n');
    assert.notEqual(added, original);
    try {
      const seen: string[] = [];
      const sub = a.logs.onLine((l) => seen.push(l));
      writeFileSync(mainTemplate(), added);
      await waitFor('the server re-routed', () => seen.includes('Routes of template.yaml changed: 4 routes.'), 20_000).finally(() => sub.dispose());
      const node = await waitFor('GET /added/{n} in the APIs view', async () => (await a.apis.routes()).find((r) => r.route.routeKey === 'GET /added/{n}'), 20_000);
      const sent = await vscode.commands.executeCommand<SentRequest | undefined>(COMMANDS.routeSendRequest, node, { path: '/added/7' });
      assert.equal(sent?.status, 200, sent?.body);
      const reply = JSON.parse(sent.body) as { event: { routeKey: string; pathParameters: Record<string, string> } };
      assert.deepEqual([reply.event.routeKey, reply.event.pathParameters], ['GET /added/{n}', { n: '7' }]);
    } finally {
      writeFileSync(mainTemplate(), original);
    }
    await waitFor('the route gone again', async () => !(await a.apis.routes()).some((r) => r.route.routeKey === 'GET /added/{n}'), 20_000);
  });
});
