// Integration: the proxy events the HTTP front doors send, through real HTTP (curl and fetch) to real functions:
// golden v2.0 (HTTP API), v1.0 (REST, and HTTP API with PayloadFormatVersion 1.0) and function URL events, and
// the path / query / header / cookie / base64 edge cases (lambda-semantics.md §12).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import '../helpers/tempDirs';
import { assertGolden, curl, placeholders, portOf, startHttpEngine, type HttpEngine } from './helpers/httpFront';

describe('HTTP front doors: proxy events', () => {
  let e: HttpEngine;
  let httpApi: string;
  let restApi: string;
  before(async () => {
    e = await startHttpEngine();
    httpApi = e.base('ServerlessHttpApi');
    restApi = e.base('ServerlessRestApi');
  });
  after(() => e.dispose());

  const event = async (args: string[]): Promise<any> => {
    const r = await curl(['-A', 'golden-agent', ...args]);
    assert.equal(r.status, 200, r.body);
    return JSON.parse(r.body);
  };

  test('HTTP API payload 2.0: routeKey, rawPath, comma-joined query and headers, cookies, path parameters', async () => {
    const ev = await event(['-H', 'X-Multi: a', '-H', 'X-Multi: b', '-H', 'Cookie: c1=v1; c2=v2', `${httpApi}/items/42?a=1&a=2&b=x`]);
    assertGolden('http-api-v2', placeholders(ev, portOf(httpApi)));
    assert.match(ev.requestContext.time, /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    assert.equal(typeof ev.requestContext.timeEpoch, 'number');
  });

  test('REST payload 1.0 under the stage prefix: multiValue maps, last values, original header case', async () => {
    const ev = await event(['-H', 'X-Multi: a', '-H', 'X-Multi: b', `${restApi}/Prod/pets/7?x=1&x=2&y=z`]);
    assertGolden('rest-v1', placeholders(ev, portOf(restApi)));
    // SAM's start-api path without the stage reaches the same route.
    const plain = await event([`${restApi}/pets/7`]);
    assert.equal(plain.resource, '/pets/{id}');
    assert.equal(plain.requestContext.path, '/Prod/pets/7');
  });

  test('HTTP API with PayloadFormatVersion 1.0 gets the 1.0 event with version and a JSON body', async () => {
    const ev = await event(['-X', 'POST', '-H', 'content-type: application/json', '--data', '{"n":1}', `${httpApi}/v1/echo?k=1&k=2`]);
    assertGolden('http-api-v1', placeholders(ev, portOf(httpApi)));
  });

  test('function URL event: $default route, IAM authorizer from a SigV4-signed request; unsigned is 403', async () => {
    const url = e.base('IamEchoUrl');
    const unsigned = await curl([`${url}/anything`]);
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.body, '{"Message":"Forbidden"}');
    const auth = 'AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd';
    const ev = await event(['-H', `Authorization: ${auth}`, '-H', 'X-Amz-Date: 20260101T000000Z', `${url}/some/path?q=1`]);
    assertGolden('function-url', placeholders(ev, portOf(url)));
    assert.ok(e.warnings.some((w) => /AuthType AWS_IAM: any SigV4-signed request is accepted locally/.test(w)), e.warnings.join('\n'));
  });

  test('path edge cases: encoded segments stay raw in rawPath and decode in pathParameters; {proxy+}; $default', async () => {
    const encoded = await event([`${httpApi}/items/a%20b%2Fc`]);
    assert.equal(encoded.rawPath, '/items/a%20b%2Fc');
    assert.deepEqual(encoded.pathParameters, { id: 'a b/c' });
    const proxy = await event(['-X', 'DELETE', `${httpApi}/files/a/b/c.txt`]);
    assert.equal(proxy.routeKey, 'ANY /files/{proxy+}');
    assert.deepEqual(proxy.pathParameters, { proxy: 'a/b/c.txt' });
    // `{proxy+}` needs at least one segment: /files falls through to the $default route.
    const fallback = await event([`${httpApi}/files`]);
    assert.equal(fallback.routeKey, '$default');
    assert.equal(fallback.pathParameters, undefined);
    const trailing = await event([`${httpApi}/items/9/`]);
    assert.equal(trailing.routeKey, 'GET /items/{id}');
  });

  test('query edge cases: empty values, + and %2B, a key without =, and no query at all', async () => {
    const ev = await event([`${httpApi}/items/1?e=&plus=a+b&enc=a%2Bb&flag`]);
    assert.equal(ev.rawQueryString, 'e=&plus=a+b&enc=a%2Bb&flag');
    assert.deepEqual(ev.queryStringParameters, { e: '', plus: 'a b', enc: 'a+b', flag: '' });
    const none = await event([`${httpApi}/items/1`]);
    assert.equal(none.rawQueryString, '');
    assert.equal(none.queryStringParameters, undefined);
    const rest = await event([`${restApi}/pets/1`]);
    assert.equal(rest.queryStringParameters, null);
    assert.equal(rest.multiValueQueryStringParameters, null);
  });

  test('bodies: text stays text; binary is base64 on HTTP APIs, and on REST only for BinaryMediaTypes', async () => {
    const png = Buffer.from('89504e470d0a1a0a00ff10', 'hex');
    const bin = await (await fetch(`${httpApi}/files/up`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: png })).json() as any;
    assert.equal(bin.isBase64Encoded, true);
    assert.deepEqual(Buffer.from(bin.body, 'base64'), png);
    const text = await (await fetch(`${httpApi}/files/up`, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'héllo' })).json() as any;
    assert.deepEqual([text.isBase64Encoded, text.body], [false, 'héllo']);
    const binApi = e.base('BinApi');
    const restBin = await (await fetch(`${binApi}/dev/upload`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: png })).json() as any;
    assert.equal(restBin.isBase64Encoded, true);
    assert.deepEqual(Buffer.from(restBin.body, 'base64'), png);
    assert.deepEqual(restBin.stageVariables, { mode: 'test' });
    const restText = await (await fetch(`${binApi}/upload`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: 'raw' })).json() as any;
    assert.deepEqual([restText.isBase64Encoded, restText.body], [false, 'raw']);
  });

  test('every request reaches the function through the common invoke path, with history origin http', async () => {
    await event([`${httpApi}/items/history`]);
    const records = await e.service.listHistory('HttpEcho');
    assert.ok(records.length > 0);
    assert.equal(records[0].origin, 'http');
  });
});
