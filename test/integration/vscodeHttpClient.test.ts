// Integration (plain node, no vscode): the pieces of the VS Code side of the HTTP front doors that need no editor:
// serving the APIs from Start Local Lambda API (the next port up when the API port is taken), and Send Request's
// client (node:http) against the real engine's routes — multi-value Set-Cookie, binary bodies, a JSON POST —
// with the response document it renders; and the defaults and header line of its quick inputs.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { HttpHandle } from '../../src/core/http/httpFront';
import type { RouteDecl } from '../../src/core/http/routeTypes';
import { bodyText, defaultPath, firstParam, headerOf, methodsFor, parseHeaders, renderExchange, sendHttp } from '../../src/vscode/apis/httpClient';
import { httpLogLine, listenHttp } from '../../src/vscode/apis/httpServing';
import { startEngine, type TestEngine } from './helpers/engine';
import { httpFixture } from './helpers/httpFront';

function occupyFreePort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

describe('VS Code HTTP pieces against the real engine', () => {
  let e: TestEngine;
  let http: HttpHandle;
  let blocker: { server: Server; port: number };
  let apiPort: number;
  const base = (id: string): string => http.served.find((s) => s.api.id === id)!.baseUrl;

  before(async () => {
    e = startEngine(httpFixture);
    blocker = await occupyFreePort();
    ({ handle: http, apiPort } = await listenHttp(e.service, { apiPort: blocker.port, urlPort: 0 }));
  });
  after(async () => {
    await http?.close();
    blocker?.server.close();
    await e?.dispose();
  });

  test('the API port taken: the APIs are served on the next free port up', () => {
    assert.ok(apiPort > blocker.port && apiPort <= blocker.port + 20, `got ${apiPort} after ${blocker.port}`);
    assert.equal(base('ServerlessHttpApi'), `http://127.0.0.1:${apiPort}`);
  });

  test('Set-Cookie values come back one header each; the document shows status, headers, body and the request', async () => {
    const call = { method: 'GET', url: `${base('ServerlessHttpApi')}/respond/cookies`, headers: parseHeaders('accept: text/plain') };
    const answer = await sendHttp(call);
    assert.equal(answer.status, 201);
    assert.deepEqual(answer.headers.filter(([n]) => n.toLowerCase() === 'set-cookie').map(([, v]) => v), ['a=1; Path=/', 'b=2; HttpOnly']);
    assert.equal(headerOf(answer.headers, 'X-One'), 'a');
    assert.equal(answer.body.toString(), 'ok');
    const doc = renderExchange(call, answer);
    const lines = doc.split('\n');
    assert.equal(lines[0], 'HTTP/1.1 201 Created');
    assert.ok(lines.includes('set-cookie: a=1; Path=/') && lines.includes('set-cookie: b=2; HttpOnly'), doc);
    assert.ok(lines.includes('ok'), doc);
    assert.match(doc, new RegExp(`^### GET ${call.url} · 201 · \\d+\\.\\d ms · 2 bytes$`, 'm'));
    assert.ok(lines.includes('accept: text/plain'));
  });

  test('a binary body is shown as base64 with its size', async () => {
    const answer = await sendHttp({ method: 'GET', url: `${base('ServerlessHttpApi')}/respond/base64`, headers: [] });
    assert.equal(answer.status, 200);
    assert.equal(headerOf(answer.headers, 'content-type'), 'image/png');
    const text = bodyText(answer.body, 'image/png');
    assert.equal(text, `(${answer.body.length} bytes of binary data, base64)\n${answer.body.toString('base64')}`);
    assert.equal(answer.body.subarray(1, 4).toString(), 'PNG');
  });

  test('a JSON POST reaches the function with its headers and body; JSON answers are pretty-printed', async () => {
    const answer = await sendHttp({ method: 'POST', url: `${base('ServerlessHttpApi')}/v1/echo?x=1`, headers: parseHeaders('content-type: application/json; x-trace: abc; cookie: a=1; b=2'), body: '{"n":1}' });
    assert.equal(answer.status, 200);
    const event = JSON.parse(answer.body.toString()) as { httpMethod: string; body: string; headers: Record<string, string>; queryStringParameters: Record<string, string> };
    assert.equal(event.httpMethod, 'POST');
    assert.equal(event.body, '{"n":1}');
    assert.equal(event.headers['x-trace'], 'abc');
    assert.equal(event.headers.cookie, 'a=1; b=2');
    assert.deepEqual(event.queryStringParameters, { x: '1' });
    assert.match(bodyText(answer.body, 'application/json'), /^\{\n {2}"/);
  });

  test('nothing listening: the client rejects (nothing is shown as a response)', async () => {
    const { server, port } = await occupyFreePort();
    await new Promise((r) => server.close(r));
    await assert.rejects(sendHttp({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: [] }), /ECONNREFUSED/);
  });
});

describe('Send Request defaults and the header line', () => {
  const route = (method: RouteDecl['method'], path: string, isDefault = false) => ({ method, path, isDefault });

  test('paths: {proxy+} becomes {proxy}, $default and function URLs start at /; the first parameter is selected', () => {
    assert.equal(defaultPath(route('GET', '/files/{proxy+}')), '/files/{proxy}');
    assert.equal(defaultPath(route('ANY', '$default', true)), '/');
    assert.equal(defaultPath(route('GET', '/pets/{id}/toys/{toy}')), '/pets/{id}/toys/{toy}');
    assert.deepEqual(firstParam('/pets/{id}/toys/{toy}'), [6, 10]);
    assert.deepEqual(firstParam('/hello'), [6, 6]);
  });

  test('methods: the route\'s own first, GET first for ANY, no duplicates', () => {
    assert.deepEqual(methodsFor({ method: 'POST' }).slice(0, 2), ['POST', 'GET']);
    assert.equal(methodsFor({ method: 'ANY' })[0], 'GET');
    assert.equal(new Set(methodsFor({ method: 'DELETE' })).size, methodsFor({ method: 'DELETE' }).length);
  });

  test('headers: ";" separates only before a name:, so cookie values keep theirs; a bad part is a clear error', () => {
    assert.deepEqual(parseHeaders(''), []);
    assert.deepEqual(parseHeaders('content-type: application/json; Cookie: a=1; b=2; X-Empty:'), [['content-type', 'application/json'], ['Cookie', 'a=1; b=2'], ['X-Empty', '']]);
    assert.throws(() => parseHeaders('content-type application/json'), /is not a header: write name: value/);
  });

  test('the output channel line is the one `start` prints', () => {
    assert.equal(httpLogLine({ method: 'GET', path: '/hello', functionName: 'Hello', status: 502, gatewayError: 'functionError', durationMs: 3.14 }), '[http] GET /hello Hello 502 (functionError) 3.1 ms');
  });
});
