// Integration: how the HTTP front doors are served: one port for the APIs unless routes clash, a port per function
// URL, RESPONSE_STREAM URLs streaming chunks before the function ends, a template edit re-routing the running
// servers (ports kept), and the CLI's `routes` and `start` with curl.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { createServer } from 'node:net';
import { repoRoot, startEngine } from './helpers/engine';
import { curl, httpFixture, portOf, startHttpEngine, type HttpEngine } from './helpers/httpFront';

describe('HTTP front doors: ports, streaming', () => {
  let e: HttpEngine;
  before(async () => {
    e = await startHttpEngine();
  });
  after(() => e.dispose());

  test('APIs share one port unless their routes clash; each function URL has its own', () => {
    const port = (id: string) => portOf(e.base(id));
    // GET /respond/{shape} is on both implicit APIs: the REST API moves to a port of its own.
    assert.equal(port('CorsApi'), port('ServerlessHttpApi'));
    assert.equal(port('BinApi'), port('ServerlessHttpApi'));
    assert.notEqual(port('ServerlessRestApi'), port('ServerlessHttpApi'));
    const urls = ['RespondUrl', 'StreamerUrl', 'IamEchoUrl'].map(port);
    assert.equal(new Set([...urls, port('ServerlessHttpApi'), port('ServerlessRestApi')]).size, 5);
    const rows = e.http.rows();
    const stream = rows.find((r) => r.apiId === 'StreamerUrl');
    assert.deepEqual([stream?.method, stream?.kind, stream?.notes], ['ANY', 'url', ['RESPONSE_STREAM']]);
    assert.equal(rows.find((r) => r.apiId === 'IamEchoUrl')?.auth, 'AWS_IAM (any SigV4 accepted locally)');
    assert.deepEqual(rows.find((r) => r.apiId === 'ServerlessRestApi' && r.path === '/pets')?.notes, [`also ${e.base('ServerlessRestApi')}/Prod/pets`]);
  });

  test('RESPONSE_STREAM: the first chunk reaches the client before the function ends', async () => {
    const ended: string[] = [];
    const sub = e.service.onDidInvoke((i) => ended.push(i.functionName));
    try {
      const res = await fetch(`${e.base('StreamerUrl')}/?gap=1500`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-streamed'), 'yes');
      assert.equal(res.headers.get('set-cookie'), 's=1');
      assert.equal(res.headers.get('content-type'), 'text/plain');
      const reader = res.body!.getReader();
      const first = await reader.read();
      assert.equal(Buffer.from(first.value!).toString(), 'first\n');
      assert.deepEqual(ended.filter((f) => f === 'Streamer'), [], 'the invocation was still running when the first chunk arrived');
      let rest = '';
      for (let r = await reader.read(); !r.done; r = await reader.read()) rest += Buffer.from(r.value).toString();
      assert.equal(rest, 'second\n');
    } finally {
      void sub.dispose();
    }
  });
});

describe('HTTP front doors: the API port in use', () => {
  test('listen() as the first call on a fresh engine (it loads the template itself) reports API_PORT_IN_USE', async () => {
    const blocker = createServer();
    await new Promise<void>((res) => blocker.listen(0, '127.0.0.1', res));
    const port = (blocker.address() as { port: number }).port;
    const e = startEngine(httpFixture);
    try {
      await assert.rejects(e.service.http.listen({ apiPort: port, urlPort: 0, watchTemplate: false }), (err: { code?: string; message: string }) => err.code === 'API_PORT_IN_USE' && err.message.includes(String(port)));
    } finally {
      await e.dispose();
      blocker.close();
    }
  });
});

describe('HTTP front doors: template reload', () => {
  let e: HttpEngine;
  let dir: string;
  before(async () => {
    dir = tempDir('lwb-http-reload-');
    cpSync(httpFixture, dir, { recursive: true });
    e = await startHttpEngine(dir);
  });
  after(() => e.dispose());

  test('an edited template adds a route on the running server; ports are kept', async () => {
    const base = e.base('ServerlessHttpApi');
    const before = await fetch(`${base}/added/1`);
    assert.equal(((await before.json()) as any).routeKey, '$default');
    const routed = new Promise<void>((resolve) => e.http.onDidRoute(() => resolve()));
    const file = join(dir, 'template.yaml');
    const text = readFileSync(file, 'utf8').replace("        Fallback: { Type: HttpApi }\n", "        Fallback: { Type: HttpApi }\n        Added: { Type: HttpApi, Properties: { Path: '/added/{n}', Method: get } }\n");
    writeFileSync(file, text);
    await routed;
    assert.equal(e.base('ServerlessHttpApi'), base);
    const after = (await (await fetch(`${base}/added/1`)).json()) as any;
    assert.equal(after.routeKey, 'GET /added/{n}');
    assert.deepEqual(after.pathParameters, { n: '1' });
  });
});

describe('HTTP front doors: CLI', () => {
  const bin = join(repoRoot, 'dist', 'cli.js');

  test('`routes --json` lists the routes without starting; a broken event is reported with its line', () => {
    const dir = tempDir('lwb-http-cli-');
    cpSync(httpFixture, dir, { recursive: true });
    const file = join(dir, 'template.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace("Path: '/hold', Method: get", "Path: '/hold', Method: fetch"));
    const r = spawnSync(process.execPath, [bin, 'routes', '--json', '--state-dir', join(dir, '.state')], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.ok(out.routes.some((x: any) => x.method === 'GET' && x.url === '/items/{id}' && x.functionName === 'HttpEcho' && x.payloadFormatVersion === '2.0'));
    assert.equal(out.broken.length, 1);
    assert.equal(out.broken[0].error.code, 'TEMPLATE_INVALID');
    assert.match(out.broken[0].error.message, /Event "Held" of function "Hold" has Method "fetch" \(template\.yaml:45\)/);
    const table = spawnSync(process.execPath, [bin, 'routes', '--state-dir', join(dir, '.state')], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.match(table.stdout, /^METHOD\s+URL\s+FUNCTION\s+API\s+AUTH\s+NOTES$/m);
    assert.match(table.stdout, /^GET\s+\/items\/\{id\}\s+HttpEcho\s+ServerlessHttpApi \(HTTP API 2\.0\)\s+NONE/m);
    assert.match(table.stdout, /AWS::Serverless::Function Hold is not served: \[TEMPLATE_INVALID\]/);
  });

  test('`start` prints the route table and serves the routes to curl', async () => {
    const state = tempDir('lwb-http-start-');
    const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--api-port', '0', '--url-port', '0', '--state-dir', state], { cwd: httpFixture, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      for (let i = 0; i < 600 && !out.includes('Press Ctrl-C'); i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(out.includes('Press Ctrl-C'), out + err);
      const url = /^GET\s+(http:\/\/127\.0\.0\.1:\d+)\/items\/\{id\}\s+HttpEcho/m.exec(out)?.[1];
      assert.ok(url, out);
      const r = await curl([`${url}/items/cli`]);
      assert.equal(r.status, 200);
      assert.deepEqual(JSON.parse(r.body).pathParameters, { id: 'cli' });
      for (let i = 0; i < 100 && !/\[http\] GET \/items\/cli HttpEcho 200/.test(err); i++) await new Promise((res) => setTimeout(res, 20));
      assert.match(err, /\[http\] GET \/items\/cli HttpEcho 200 /);
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
