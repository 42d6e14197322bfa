// Integration: REST request validators through real HTTP: SAM RequestModel (body + required parameters) and a
// CloudFormation Method with RequestValidatorId + RequestModels (draft-04 model): 400s as API Gateway words them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixtures } from './helpers/engine';
import { curl, startHttpEngine, type HttpEngine } from './helpers/httpFront';

describe('request validators', () => {
  let e: HttpEngine;
  const post = (api: string, path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(`${e.base(api)}${path}`, { method: 'POST', headers, body });
  before(async () => {
    e = await startHttpEngine(join(fixtures, 'http-auth'));
  });
  after(() => e.dispose());

  test('SAM RequestModel: required query string first, then the body against the model', async () => {
    const noOwner = await post('ValApi', '/pets', '{"name":"rex"}');
    assert.equal(noOwner.status, 400);
    assert.equal(await noOwner.text(), '{"message": "Missing required request parameters: [owner]"}');
    assert.equal(noOwner.headers.get('x-amzn-errortype'), 'BadRequestException');
    const bad = await curl(['-X', 'POST', '-H', 'content-type: application/json', '--data', '{"age":-1}', `${e.base('ValApi')}/pets?owner=ann`]);
    assert.equal(bad.status, 400);
    assert.equal(bad.body, '{"message": "Invalid request body"}');
    assert.equal((await post('ValApi', '/pets?owner=ann', 'not json')).status, 400);
    const ok = await post('ValApi', '/pets?owner=ann', '{"name":"rex","age":3}');
    assert.equal(ok.status, 200);
    assert.equal(JSON.parse(((await ok.json()) as any).body).name, 'rex');
  });

  test('CloudFormation RequestValidator + Model: body checked, parameters not', async () => {
    const bad = await post('CfnRest', '/orders', '{"qty":"two"}');
    assert.equal(bad.status, 400);
    assert.equal(await bad.text(), '{"message": "Invalid request body"}');
    assert.equal((await post('CfnRest', '/orders', '{"item":"tea","qty":2}')).status, 200);
    assert.equal((await post('CfnRest', '/Prod/orders', '{"item":"tea"}', {})).status, 200, 'no content type: the application/json model applies');
  });
});
