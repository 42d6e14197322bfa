// Integration: what clients get back from the HTTP front doors (lambda-semantics.md §12): the 2.0 and 1.0 response
// conversions, base64 bodies, cookies, gateway errors (502 malformed / function error, 403/404 unknown routes),
// CORS preflight and CORS headers, 429 under reserved concurrency 1 and the integration timeout.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import '../helpers/tempDirs';
import { curl, startHttpEngine, type HttpEngine } from './helpers/httpFront';

describe('HTTP front doors: responses and gateway errors', () => {
  let e: HttpEngine;
  let httpApi: string;
  let restApi: string;
  before(async () => {
    e = await startHttpEngine();
    httpApi = e.base('ServerlessHttpApi');
    restApi = e.base('ServerlessRestApi');
  });
  after(() => e.dispose());

  test('2.0: a result without statusCode is a 200 JSON body, verbatim (a string keeps its quotes)', async () => {
    const obj = await fetch(`${httpApi}/respond/nostatus`);
    assert.equal(obj.status, 200);
    assert.equal(obj.headers.get('content-type'), 'application/json');
    assert.equal(await obj.text(), '{"hello":"world"}');
    const str = await fetch(`${httpApi}/respond/string`);
    assert.equal(await str.text(), '"Hello"');
    assert.ok(str.headers.get('apigw-requestid'));
  });

  test('2.0: statusCode, headers and cookies become one Set-Cookie header each', async () => {
    const r = await curl([`${httpApi}/respond/cookies`]);
    assert.equal(r.status, 201);
    assert.deepEqual(r.headers.filter(([k]) => k === 'set-cookie').map(([, v]) => v), ['a=1; Path=/', 'b=2; HttpOnly']);
    assert.deepEqual(r.headers.find(([k]) => k === 'x-one'), ['x-one', 'a']);
    assert.equal(r.body, 'ok');
  });

  test('base64 bodies are decoded (HTTP API always; REST only for BinaryMediaTypes)', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const http = await fetch(`${httpApi}/respond/base64`);
    assert.equal(http.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await http.arrayBuffer()), png);
    // The implicit REST API has no BinaryMediaTypes: the client gets the base64 text, as API Gateway sends it.
    const rest = await fetch(`${restApi}/respond/base64`);
    assert.equal(await rest.text(), png.toString('base64'));
  });

  test('1.0: headers and multiValueHeaders are merged; a name in both takes multiValueHeaders only', async () => {
    const r = await curl([`${restApi}/Prod/respond/multi`]);
    assert.equal(r.status, 200);
    const values = (name: string) => r.headers.filter(([k]) => k === name).map(([, v]) => v);
    assert.deepEqual(values('x-single'), ['s']);
    assert.deepEqual(values('x-multi'), ['m1', 'm2']);
    assert.deepEqual(values('x-both'), ['from-multi']);
    assert.ok(values('x-amzn-requestid').length === 1);
  });

  test('a malformed response or a function error is 502 with the gateway body of each API kind', async () => {
    for (const shape of ['malformed', 'objectbody', 'throws']) {
      const http = await curl([`${httpApi}/respond/${shape}`]);
      assert.deepEqual([http.status, http.body], [502, '{"message":"Internal Server Error"}'], shape);
      const rest = await curl([`${restApi}/respond/${shape}`]);
      assert.deepEqual([rest.status, rest.body], [502, '{"message": "Internal server error"}'], shape);
    }
    const url = await curl([`${e.base('RespondUrl')}/?shape=throws`]);
    assert.deepEqual([url.status, url.body], [502, 'Internal Server Error']);
    // REST without statusCode is malformed too (only 2.0 accepts it).
    const rest = await curl([`${restApi}/respond/nostatus`]);
    assert.equal(rest.status, 502);
  });

  test('unknown routes: REST answers 403 Missing Authentication Token, as API Gateway does', async () => {
    const r = await curl([`${restApi}/nothing/here`]);
    assert.equal(r.status, 403);
    assert.equal(r.body, '{"message":"Missing Authentication Token"}');
    assert.deepEqual(r.headers.find(([k]) => k === 'x-amzn-errortype'), ['x-amzn-errortype', 'MissingAuthenticationTokenException']);
    const wrongMethod = await curl(['-X', 'DELETE', `${restApi}/pets/1`]);
    assert.equal(wrongMethod.status, 403);
  });

  test('CORS preflight from CorsConfiguration: allowed origin gets the headers, others get none', async () => {
    const api = e.base('CorsApi');
    const pre = await curl(['-X', 'OPTIONS', '-H', 'Origin: https://app.example.com', '-H', 'Access-Control-Request-Method: POST', '-H', 'Access-Control-Request-Headers: x-custom', `${api}/cors/x`]);
    assert.equal(pre.status, 204);
    const h = Object.fromEntries(pre.headers);
    assert.equal(h['access-control-allow-origin'], 'https://app.example.com');
    assert.equal(h['access-control-allow-methods'], 'GET,POST');
    assert.equal(h['access-control-allow-headers'], 'content-type,x-custom');
    assert.equal(h['access-control-max-age'], '600');
    const other = await curl(['-X', 'OPTIONS', '-H', 'Origin: https://evil.example', '-H', 'Access-Control-Request-Method: GET', `${api}/cors/x`]);
    assert.equal(other.status, 204);
    assert.equal(Object.fromEntries(other.headers)['access-control-allow-origin'], undefined);
    const get = await fetch(`${api}/cors/nostatus`, { headers: { origin: 'https://app.example.com' } });
    assert.equal(get.headers.get('access-control-allow-origin'), 'https://app.example.com');
    assert.equal(get.headers.get('access-control-expose-headers'), 'x-request-id');
  });

  test('CORS on a function URL and on a SAM REST API (its OPTIONS answer is 200)', async () => {
    const url = await curl(['-X', 'OPTIONS', '-H', 'Origin: https://app.example.com', '-H', 'Access-Control-Request-Method: GET', `${e.base('RespondUrl')}/x`]);
    assert.equal(url.status, 204);
    assert.equal(Object.fromEntries(url.headers)['access-control-max-age'], '300');
    const rest = await curl(['-X', 'OPTIONS', '-H', 'Origin: https://any.example', '-H', 'Access-Control-Request-Method: POST', `${e.base('BinApi')}/upload`]);
    assert.equal(rest.status, 200);
    assert.equal(Object.fromEntries(rest.headers)['access-control-allow-origin'], '*');
    assert.equal(Object.fromEntries(rest.headers)['access-control-allow-headers'], 'content-type');
  });

  test('reserved concurrency 1: a second request while one is held is 429 Too Many Requests', async () => {
    const held = fetch(`${httpApi}/hold?ms=1500`);
    // Wait until the held request runs (its environment is busy), then the next one is throttled.
    for (let i = 0; i < 200 && !e.logs.some((l) => l.functionName === 'Hold' && /^START /.test(l.message)); i++) await new Promise((r) => setTimeout(r, 25));
    const throttled = await curl([`${httpApi}/hold?ms=1`]);
    assert.equal(throttled.status, 429);
    assert.equal(throttled.body, '{"message":"Too Many Requests"}');
    const first = await held;
    assert.equal(first.status, 200);
    assert.equal(await first.text(), 'held 1500');
  });

  test('an integration that runs past TimeoutInMillis: HTTP API 503, REST 504; the function goes on', async () => {
    const r = await curl([`${httpApi}/short?ms=1500`]);
    assert.equal(r.status, 503);
    assert.equal(r.body, '{"message":"Service Unavailable"}');
    const rest = await curl([`${restApi}/slow?ms=1500`]);
    assert.equal(rest.status, 504);
    assert.equal(rest.body, '{"message": "Endpoint request timed out"}');
    // The function was not stopped: it finishes and its invocation is recorded.
    for (let i = 0; i < 200 && !e.logs.some((l) => l.functionName === 'SlowRest' && /^END /.test(l.message)); i++) await new Promise((res) => setTimeout(res, 25));
    assert.ok(e.logs.some((l) => l.functionName === 'SlowRest' && /^END /.test(l.message)));
  });

  test('a body over 10 MB is 413 before the function runs', async () => {
    const r = await fetch(`${httpApi}/files/big`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 97) });
    assert.equal(r.status, 413);
    assert.equal(await r.text(), '{"message":"Request Entity Too Large"}');
  });
});
