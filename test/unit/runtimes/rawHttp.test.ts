// Unit: the bootstrap's raw HTTP response parser — complete, partial, chunked and pipelined input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createServer } from 'node:http';
import { parseResponse, RawHttpConnection } from '../../../src/core/runtimes/nodejs/bootstrap/rawHttp';

const b = (s: string) => Buffer.from(s, 'utf8');

test('a Content-Length response, with lower-cased header names and UTF-8 values', () => {
  const raw = b('HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: abc\r\nX-Name: é\r\nContent-Length: 7\r\n\r\n{"a":1}');
  const r = parseResponse(raw)!;
  assert.equal(r.response.status, 200);
  assert.equal(r.response.headers['lambda-runtime-aws-request-id'], 'abc');
  assert.equal(r.response.headers['x-name'], 'é');
  assert.equal(r.response.body.toString(), '{"a":1}');
  assert.equal(r.consumed, raw.length);
});

test('incomplete head or body: wait for more bytes', () => {
  assert.equal(parseResponse(b('HTTP/1.1 202 Accepted\r\nContent-Length: 4')), undefined);
  assert.equal(parseResponse(b('HTTP/1.1 202 Accepted\r\nContent-Length: 4\r\n\r\nab')), undefined);
});

test('chunked bodies are joined; the bytes after the response are left for the next one', () => {
  const first = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n';
  const raw = b(first + 'HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n');
  const r = parseResponse(raw)!;
  assert.equal(r.response.body.toString(), 'abcde');
  assert.equal(r.consumed, Buffer.byteLength(first));
  assert.equal(parseResponse(raw.subarray(r.consumed))!.response.status, 202);
});

test('no body without Content-Length on a 202', () => {
  const r = parseResponse(b('HTTP/1.1 202 Accepted\r\n\r\n'))!;
  assert.equal(r.response.body.length, 0);
});

test('blanks around names and values are trimmed, empty values kept, malformed lines skipped', () => {
  const raw = b('HTTP/1.1 200 OK\r\nA:1\r\nB :\t two words \t\r\nEmpty:\r\nno colon here\r\n: nameless\r\nContent-Length: 0\r\n\r\n');
  const h = parseResponse(raw)!.response.headers;
  assert.deepEqual(h, { a: '1', b: 'two words', empty: '', 'content-length': '0' });
});

test('a status line alone parses, and a bare 404 reason is not the status', () => {
  const r = parseResponse(b('HTTP/1.1 404 Not Found\r\n\r\n'))!;
  assert.equal(r.response.status, 404);
  assert.deepEqual(r.response.headers, {});
});

test('a local socket that cannot be reached falls back to TCP, and the request in flight still gets its answer', async () => {
  const server = createServer((req, res) => res.end(`${req.method} ${req.url}`));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const port = (server.address() as { port: number }).port;
    const conn = new RawHttpConnection('127.0.0.1', port, `@lambda-workbench-test-missing-${process.pid}`);
    const first = await conn.request('GET', '/first', {});
    assert.equal(first.body.toString(), 'GET /first');
    // Later requests go straight to the connection that worked.
    assert.equal((await conn.request('POST', '/second', { 'Content-Type': 'text/plain' }, 'x')).body.toString(), 'POST /second');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
