// Integration: APIs defined by OpenAPI documents (a DefinitionUri file and an AWS::Include), served and listed:
// routes from aws_proxy integrations (ARN, ${stageVariables.x}, Fn::Sub), authorizers and API keys from security
// schemes, a request validator, binary media types, $default and x-amazon-apigateway-cors; `routes --json`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';
import { curl, startHttpEngine, type HttpEngine } from './helpers/httpFront';

const openApiFixture = join(fixtures, 'http-openapi');

describe('OpenAPI definitions', () => {
  let e: HttpEngine;
  const saved = process.env.LAMBDA_WORKBENCH_API_KEYS;
  before(async () => {
    process.env.LAMBDA_WORKBENCH_API_KEYS = 'doc-key';
    e = await startHttpEngine(openApiFixture);
  });
  after(async () => {
    if (saved === undefined) delete process.env.LAMBDA_WORKBENCH_API_KEYS;
    else process.env.LAMBDA_WORKBENCH_API_KEYS = saved;
    await e.dispose();
  });

  test('routes come from the documents, with their auth; a non-proxy operation is reported, not served', async () => {
    const rows = e.http.rows().map((r) => `${r.apiId} ${r.method} ${r.path} ${r.functionName} ${r.payloadFormatVersion} ${r.auth}`);
    assert.deepEqual(rows.sort(), [
      'DocHttp ANY /* Echo 2.0 NONE',
      'DocHttp GET /hello Echo 2.0 Simple',
      'DocRest GET /items/{id} Echo 1.0 TokenAuth',
      'DocRest POST /files Echo 1.0 NONE',
      'DocRest POST /items Echo 1.0 API key',
    ]);
    const { broken } = await e.service.http.routes();
    assert.deepEqual(broken, []);
    assert.ok(e.warnings.some((w) => /1 operation\(s\) of its OpenAPI definition are not served: GET \/mock has no aws_proxy/.test(w)), e.warnings.join('\n'));
  });

  test('REST: the TOKEN authorizer of the security scheme guards GET /items/{id}', async () => {
    const base = e.base('DocRest');
    assert.equal((await fetch(`${base}/items/5`)).status, 401);
    const r = await fetch(`${base}/dev/items/5`, { headers: { authorization: 'allow' } });
    assert.equal(r.status, 200);
    const ev = (await r.json()) as any;
    assert.deepEqual([ev.resource, ev.pathParameters, ev.requestContext.authorizer.via, ev.stageVariables], ['/items/{id}', { id: '5' }, 'openapi', { fn: 'Echo' }]);
  });

  test('REST: API key scheme, request validator from the document, binary media types', async () => {
    const base = e.base('DocRest');
    assert.equal((await fetch(`${base}/items`, { method: 'POST', body: '{"name":"a"}' })).status, 403);
    const bad = await curl(['-X', 'POST', '-H', 'x-api-key: doc-key', '-H', 'content-type: application/json', '--data', '{"nom":"a"}', `${base}/items`]);
    assert.equal(bad.status, 400);
    assert.equal(bad.body, '{"message": "Invalid request body"}');
    const ok = await fetch(`${base}/items`, { method: 'POST', headers: { 'x-api-key': 'doc-key', 'content-type': 'application/json' }, body: '{"name":"a"}' });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as any).requestContext.identity.apiKey, 'doc-key');
    const png = await fetch(`${base}/files`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    const ev = (await png.json()) as any;
    assert.deepEqual([ev.isBase64Encoded, ev.body], [true, 'iVBORw==']);
  });

  test('HTTP API from AWS::Include: simple-response authorizer, $default route, CORS from the document', async () => {
    const base = e.base('DocHttp');
    const ok = await fetch(`${base}/hello`, { headers: { authorization: 'allow' } });
    assert.equal(ok.status, 200);
    assert.deepEqual(((await ok.json()) as any).requestContext.authorizer, { lambda: { via: 'openapi' } });
    const refused = await fetch(`${base}/hello`, { headers: { authorization: 'nope', origin: 'https://app.example.com' } });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), 'https://app.example.com', 'refusals carry the CORS headers too');
    const fallback = (await (await fetch(`${base}/anything/else`)).json()) as any;
    assert.equal(fallback.routeKey, '$default');
    const pre = await curl(['-X', 'OPTIONS', '-H', 'Origin: https://app.example.com', '-H', 'Access-Control-Request-Method: GET', `${base}/hello`]);
    assert.equal(pre.status, 204);
    assert.ok(pre.headers.some(([k, v]) => k === 'access-control-allow-origin' && v === 'https://app.example.com'), JSON.stringify(pre.headers));
  });
});

describe('OpenAPI definitions: CLI', () => {
  test('`routes --json` lists the routes the documents define', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'routes', '--json', '--state-dir', tempDir('lwb-openapi-cli-')], { cwd: openApiFixture, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.ok(out.routes.some((x: any) => x.apiId === 'DocRest' && x.method === 'GET' && x.path === '/items/{id}' && x.auth === 'TokenAuth'), r.stdout);
    assert.ok(out.routes.some((x: any) => x.apiId === 'DocHttp' && x.path === '/hello' && x.auth === 'Simple'), r.stdout);
  });
});
