// Integration: REST API keys and usage plans through real HTTP: x-api-key checked against the template's keys
// (enabled, in a usage plan of the API) and LAMBDA_WORKBENCH_API_KEYS; the plan's quota (429 Limit Exceeded) and
// throttle (429 Too Many Requests); the key in requestContext.identity.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixtures } from './helpers/engine';
import { curl, startHttpEngine, type HttpEngine } from './helpers/httpFront';

describe('API keys and usage plans', () => {
  let e: HttpEngine;
  const saved = process.env.LAMBDA_WORKBENCH_API_KEYS;
  const get = (path: string, key?: string) => fetch(`${e.base('KeyApi')}${path}`, { headers: key ? { 'x-api-key': key } : {} });
  before(async () => {
    process.env.LAMBDA_WORKBENCH_API_KEYS = 'env-key-1, env-key-2';
    e = await startHttpEngine(join(fixtures, 'http-auth'));
  });
  after(async () => {
    if (saved === undefined) delete process.env.LAMBDA_WORKBENCH_API_KEYS;
    else process.env.LAMBDA_WORKBENCH_API_KEYS = saved;
    await e.dispose();
  });

  test('no key or an unknown key is 403 Forbidden; a method with ApiKeyRequired false needs none', async () => {
    const none = await curl([`${e.base('KeyApi')}/keyed`]);
    assert.equal(none.status, 403);
    assert.equal(none.body, '{"message":"Forbidden"}');
    assert.ok(none.headers.some(([k, v]) => k === 'x-amzn-errortype' && v === 'ForbiddenException'));
    assert.equal((await get('/keyed', 'not-a-key')).status, 403);
    assert.equal((await get('/free')).status, 200);
    assert.equal(e.http.rows().find((r) => r.apiId === 'KeyApi' && r.path === '/keyed')?.auth, 'API key');
  });

  test('a template key passes with identity.apiKey/apiKeyId until its plan quota (3 a day) is used up', async () => {
    const key = 'template-key-0123456789abcdef';
    for (let i = 0; i < 3; i++) {
      const r = await get('/keyed', key);
      assert.equal(r.status, 200, `request ${i + 1}`);
      const identity = ((await r.json()) as any).requestContext.identity;
      assert.deepEqual([identity.apiKey, identity.apiKeyId], [key, 'TemplateKey']);
    }
    const over = await curl(['-H', `x-api-key: ${key}`, `${e.base('KeyApi')}/keyed`]);
    assert.equal(over.status, 429);
    assert.equal(over.body, '{"message":"Limit Exceeded"}');
  });

  test('a disabled key is 403 with a warning; env keys fall under the SAM usage plan throttle (burst 2)', async () => {
    assert.equal((await get('/keyed', 'disabled-key-0123456789abcdef')).status, 403);
    assert.ok(e.warnings.some((w) => /API key "DisabledKey" is not enabled/.test(w)), e.warnings.join('\n'));
    assert.equal((await get('/keyed', 'env-key-1')).status, 200);
    assert.equal((await get('/keyed', 'env-key-1')).status, 200);
    const throttled = await get('/keyed', 'env-key-1');
    assert.equal(throttled.status, 429);
    assert.equal(await throttled.text(), '{"message":"Too Many Requests"}');
    assert.equal((await get('/keyed', 'env-key-2')).status, 200, 'each key has its own bucket');
  });

  test('ApiKeySourceType AUTHORIZER: the key is the authorizer\'s usageIdentifierKey, not the header', async () => {
    const url = `${e.base('SourceApi')}/via-authorizer`;
    const ok = await fetch(url, { headers: { authorization: 'Bearer withkey' } });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as any).requestContext.identity.apiKey, 'env-key-2');
    assert.equal((await fetch(url, { headers: { authorization: 'Bearer allow', 'x-api-key': 'env-key-2' } })).status, 403);
  });
});
