// Integration: the Lambda API's error wire format (lambda-semantics.md §5.4) against golden files under
// test/fixtures/api/golden — status, x-amzn-ErrorType, and the body's Type plus `message` or `Message` as the
// model has it — sent over plain HTTP (Node's fetch), and x-amzn-RequestId on every response.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixtures, UUID } from './helpers/engine';
import { startApiEngine, zipOf, type ApiEngine } from './helpers/lambdaApi';

const GOLDEN = join(fixtures, 'api', 'golden');
const ZIP = Buffer.from(zipOf({ 'index.js': 'exports.handler = async () => 1;' })).toString('base64');

/** Golden text may hold @@ANY@@ where Node's own wording (a JSON.parse message) varies. */
function assertGolden(name: string, actual: object): void {
  const file = join(GOLDEN, `${name}.json`);
  const text = JSON.stringify(actual, null, 2) + '\n';
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  assert.ok(existsSync(file), `no golden file ${file}: run with UPDATE_GOLDEN=1 to write it, then review it`);
  const golden = readFileSync(file, 'utf8');
  const pattern = new RegExp(`^${golden.split('@@ANY@@').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  assert.match(text, pattern, `${name}: differs from ${file}`);
}

describe('Lambda API: error responses as Lambda sends them', () => {
  let e: ApiEngine;
  before(async () => {
    e = await startApiEngine();
  });
  after(() => e.dispose());

  async function call(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) {
    const res = await fetch(`${e.api.url}${path}`, { method, body, headers: { 'content-type': 'application/json', ...headers } });
    const requestId = res.headers.get('x-amzn-requestid') ?? '';
    assert.match(requestId, UUID, `x-amzn-RequestId on ${method} ${path}`);
    const text = await res.text();
    return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), contentType: res.headers.get('content-type'), body: text ? (JSON.parse(text) as unknown) : null };
  }

  const cases: [string, string, string, (string | Buffer)?][] = [
    ['resource-not-found', 'GET', '/2015-03-31/functions/missing'],
    ['resource-not-found-arn', 'POST', '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amissing/invocations', '{}'],
    ['invalid-memory-size', 'POST', '/2015-03-31/functions', JSON.stringify({ FunctionName: 'm', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'r', Code: { ZipFile: ZIP }, MemorySize: 100000 })],
    ['invalid-runtime', 'POST', '/2015-03-31/functions', JSON.stringify({ FunctionName: 'm', Runtime: 'nodejs99.x', Handler: 'index.handler', Role: 'r', Code: { ZipFile: ZIP } })],
    ['resource-conflict', 'POST', '/2015-03-31/functions', JSON.stringify({ FunctionName: 'echo', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'r', Code: { ZipFile: ZIP } })],
    ['invalid-request-content', 'POST', '/2015-03-31/functions/echo/invocations', '{"unterminated": '],
    ['request-too-large', 'POST', '/2015-03-31/functions/echo/invocations', Buffer.alloc(6 * 1024 * 1024 + 1, 0x20)],
    ['unknown-operation', 'GET', '/2015-03-31/no-such-thing'],
    ['layer-not-found', 'GET', '/2018-10-31/layers/none/versions/1'],
  ];
  for (const [name, method, path, body] of cases) {
    test(`${name}: ${method} ${path.slice(0, 60)}`, async () => {
      assertGolden(name, await call(method, path, body));
    });
  }

  test('successful responses carry x-amzn-RequestId too; an invoke\'s is its request id', async () => {
    const res = await fetch(`${e.api.url}/2015-03-31/functions/echo/invocations`, { method: 'POST', body: '{}', headers: { 'x-amz-log-type': 'Tail' } });
    const id = res.headers.get('x-amzn-requestid')!;
    assert.match(id, UUID);
    assert.match(Buffer.from(res.headers.get('x-amz-log-result')!, 'base64').toString(), new RegExp(`START RequestId: ${id} `));
    await res.arrayBuffer();
    const list = await fetch(`${e.api.url}/2016-08-19/account-settings/`);
    assert.equal(list.status, 200, 'a trailing slash as older clients send it');
    assert.match(list.headers.get('x-amzn-requestid')!, UUID);
    await list.arrayBuffer();
  });
});
