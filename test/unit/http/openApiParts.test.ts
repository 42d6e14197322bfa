// Unit: the OpenAPI pieces the reader relies on: the function an integration uri names (resolved ARN with a
// qualifier, an unresolved Fn::Sub, ${stageVariables.x}, a logical id), local $ref inlining with cycles, body models.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyModels, inlineRefs, requiredParameters, uriTarget } from '../../../src/core/http/openapi/openApiParts';

const names = new Map([
  ['OrdersFn', 'orders-prod'],
  ['Echo', 'Echo'],
]);

test('uriTarget: ARN (with qualifier), Fn::Sub left as written, stage variables, unknown functions', () => {
  const arn = (fn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${fn}/invocations`;
  assert.deepEqual(uriTarget(arn('orders-prod'), {}, names), { functionName: 'orders-prod' });
  assert.deepEqual(uriTarget(arn('orders-prod:live'), {}, names), { functionName: 'orders-prod', qualifier: 'live' });
  assert.deepEqual(uriTarget({ 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${OrdersFn.Arn}/invocations' }, {}, names), { functionName: 'orders-prod' });
  assert.deepEqual(uriTarget(arn('${stageVariables.fn}'), { fn: 'OrdersFn' }, names), { functionName: 'orders-prod' });
  assert.equal(uriTarget(arn('someone-else'), {}, names), undefined);
  assert.equal(uriTarget(42, {}, names), undefined);
});

test('inlineRefs follows local pointers and stops on cycles; body models and required parameters', () => {
  const doc: Record<string, unknown> = { components: { schemas: { Pet: { type: 'object', properties: { self: { $ref: '#/components/schemas/Pet' } } } } } };
  const inlined = inlineRefs(doc, { $ref: '#/components/schemas/Pet' }) as any;
  assert.equal(inlined.type, 'object');
  assert.equal(inlined.properties.self.type, 'object');
  const op = { requestBody: { content: { 'Application/JSON': { schema: { $ref: '#/components/schemas/Pet' } } } }, parameters: [{ in: 'query', name: 'q', required: true }, { in: 'header', name: 'x-h', required: false }] };
  assert.deepEqual(Object.keys(bodyModels(doc, op) ?? {}), ['application/json']);
  assert.deepEqual(requiredParameters(doc, [op.parameters, [{ in: 'path', name: 'id', required: true }]]), { 'method.request.querystring.q': true, 'method.request.path.id': true });
});
