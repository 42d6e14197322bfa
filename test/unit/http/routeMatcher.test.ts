// Unit: route selection as API Gateway does it (most specific path, exact method over ANY, {proxy+}, $default,
// REST stage prefixes) and the port plan (clashing APIs apart, URLs one port each, ports kept on reload).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planPorts } from '../../../src/core/http/portPlan';
import { RouteMatcher } from '../../../src/core/http/routeMatcher';
import type { ApiDecl, HttpMethod, RouteDecl } from '../../../src/core/http/routeTypes';

function api(id: string, kind: ApiDecl['kind'], routes: [HttpMethod, string][], stage = '$default'): ApiDecl {
  const rs: RouteDecl[] = routes.map(([method, path]) => ({
    apiId: id,
    method,
    path,
    routeKey: path === '$default' ? '$default' : `${method} ${path}`,
    isDefault: path === '$default',
    integration: { functionName: `${id}:${method} ${path}`, payloadFormatVersion: '2.0', timeoutMs: 1 },
    source: { logicalId: id },
  }));
  return { kind, id, logicalId: id, name: id, stage, stageVariables: {}, binaryMediaTypes: [], authorizers: [], routes: rs, implicit: false, properties: {}, source: { logicalId: id } };
}

void test('the most specific route wins: literal over {param} over {proxy+}; exact method over ANY; $default last', () => {
  const m = new RouteMatcher([api('A', 'http', [['ANY', '/{proxy+}'], ['GET', '/pets/{id}'], ['GET', '/pets/mine'], ['ANY', '/pets/{id}'], ['ANY', '$default'], ['GET', '/']])]);
  const key = (method: string, path: string) => m.match(method, path)?.route.routeKey;
  assert.equal(key('GET', '/pets/mine'), 'GET /pets/mine');
  assert.equal(key('GET', '/pets/7'), 'GET /pets/{id}');
  assert.equal(key('POST', '/pets/7'), 'ANY /pets/{id}');
  assert.equal(key('GET', '/pets/7/toys'), 'ANY /{proxy+}');
  assert.deepEqual(m.match('GET', '/a/b%2Fc')?.pathParameters, { proxy: 'a/b/c' });
  assert.equal(key('GET', '/'), 'GET /');
  assert.equal(key('POST', '/'), '$default');
});

void test('REST routes answer with and without their stage prefix; a miss is undefined', () => {
  const m = new RouteMatcher([api('R', 'rest', [['GET', '/pets']], 'Prod')]);
  assert.deepEqual([m.match('GET', '/pets')?.viaStage, m.match('GET', '/Prod/pets')?.viaStage], [false, true]);
  assert.equal(m.match('GET', '/Prod/pets')?.path, '/pets');
  assert.equal(m.match('GET', '/Dev/pets'), undefined);
  assert.equal(m.match('POST', '/pets'), undefined);
  assert.equal(m.match('POST', '/pets', true)?.route.routeKey, 'GET /pets');
  // An HTTP API with a named stage is reached under it too; with $default, a first segment is just a path.
  assert.equal(new RouteMatcher([api('H', 'http', [['GET', '/x']], 'beta')]).match('GET', '/beta/x')?.viaStage, true);
  assert.equal(new RouteMatcher([api('D', 'http', [['GET', '/x']])]).match('GET', '/$default/x'), undefined);
});

void test('port plan: clashing APIs get their own slot; URLs one slot each; previous slots are kept', () => {
  const a = api('A', 'http', [['GET', '/x/{id}']]);
  const b = api('B', 'rest', [['GET', '/x/{other}']]);
  const c = api('C', 'http', [['POST', '/x/{id}'], ['GET', '/y']]);
  const u1 = api('U1', 'url', [['ANY', '$default']]);
  const u2 = api('U2', 'url', [['ANY', '$default']]);
  const plan = planPorts([a, b, c, u1, u2]);
  assert.deepEqual(plan.map((g) => [g.kind, g.slot, g.apis.map((x) => x.id)]), [['api', 0, ['A', 'C']], ['api', 1, ['B']], ['url', 0, ['U1']], ['url', 1, ['U2']]]);
  // B stays on slot 1 after A is removed and a new clashing API D arrives.
  const d = api('D', 'http', [['ANY', '/x/{z}']]);
  const prev = new Map(plan.flatMap((g) => g.apis.map((x) => [x.id, { kind: g.kind, slot: g.slot }] as const)));
  const next = planPorts([b, c, d, u2], prev);
  assert.deepEqual(next.map((g) => [g.kind, g.slot, g.apis.map((x) => x.id)]), [['api', 0, ['C']], ['api', 1, ['B']], ['api', 2, ['D']], ['url', 1, ['U2']]]);
});
