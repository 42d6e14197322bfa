// Unit: the pure pieces of the request guards: IAM policy evaluation against execute-api ARNs (wildcards, Deny
// wins), identity source expressions, authorizer declarations of each dialect read into one spec, usage limits.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { authorizerSpec } from '../../../src/core/http/auth/authorizerSpec';
import { evaluatePolicy, executeApiArn } from '../../../src/core/http/auth/iamPolicy';
import { parseIdentitySources } from '../../../src/core/http/auth/identitySources';
import { UsageLimits } from '../../../src/core/http/auth/usageLimits';
import type { AuthorizerDecl } from '../../../src/core/http/routeTypes';

const arn = executeApiArn('us-east-1', '123456789012', 'api1', 'Prod', 'GET', '/pets/7');
const doc = (...st: { Effect: string; Resource: string | string[]; Action?: string | string[] }[]) => ({ Version: '2012-10-17', Statement: st.map((s) => ({ Action: 'execute-api:Invoke', ...s })) });

describe('IAM policy evaluation', () => {
  test('ARN shape, wildcards in Resource and Action', () => {
    assert.equal(arn, 'arn:aws:execute-api:us-east-1:123456789012:api1/Prod/GET/pets/7');
    assert.equal(evaluatePolicy(doc({ Effect: 'Allow', Resource: arn }), arn), 'allow');
    assert.equal(evaluatePolicy(doc({ Effect: 'Allow', Resource: 'arn:aws:execute-api:*:*:api1/Prod/*' }), arn), 'allow');
    assert.equal(evaluatePolicy(doc({ Effect: 'Allow', Resource: 'arn:aws:execute-api:us-east-1:123456789012:api1/Prod/GET/pets/?' }), arn), 'allow');
    assert.equal(evaluatePolicy(doc({ Effect: 'Allow', Resource: 'arn:aws:execute-api:us-east-1:123456789012:api1/Prod/POST/*' }), arn), 'none');
    assert.equal(evaluatePolicy(doc({ Effect: 'Allow', Resource: '*', Action: 'execute-api:*' }), arn), 'allow');
    assert.equal(evaluatePolicy(doc({ Effect: 'Allow', Resource: '*', Action: 's3:GetObject' }), arn), 'none');
    assert.equal(evaluatePolicy({ Statement: { Effect: 'allow', Action: '*', Resource: [arn] } }, arn), 'allow', 'a single statement object, lower-case effect');
  });

  test('an explicit Deny wins over any Allow', () => {
    assert.equal(evaluatePolicy(doc({ Effect: 'Allow', Resource: '*' }, { Effect: 'Deny', Resource: '*/GET/pets/*' }), arn), 'deny');
  });
});

describe('identity sources and authorizer specs', () => {
  test('REST, HTTP API and stage/context expressions', () => {
    assert.deepEqual(parseIdentitySources('method.request.header.Authorization, method.request.querystring.t,stageVariables.s,context.requestId'), [
      { where: 'header', name: 'Authorization' },
      { where: 'query', name: 't' },
      { where: 'stage', name: 's' },
      { where: 'context', name: 'requestId' },
    ]);
    assert.deepEqual(parseIdentitySources(['$request.header.X-Token', '$request.querystring.q', 'bogus']), [
      { where: 'header', name: 'X-Token' },
      { where: 'query', name: 'q' },
    ]);
  });

  const decl = (origin: AuthorizerDecl['origin'], properties: Record<string, unknown>): AuthorizerDecl => ({ name: 'A', apiId: 'api', origin, properties, functionName: 'Fn', source: { logicalId: 'api' } });

  test('each dialect, with the defaults API Gateway applies', () => {
    const samToken = authorizerSpec(decl('sam', { FunctionArn: 'x' }), 'rest')!;
    assert.deepEqual([samToken.kind, samToken.identity, samToken.ttlSeconds], ['TOKEN', [{ where: 'header', name: 'Authorization' }], 300]);
    const cfn = authorizerSpec(decl('apigateway', { Type: 'REQUEST', IdentitySource: 'method.request.header.h', AuthorizerResultTtlInSeconds: 0 }), 'rest')!;
    assert.deepEqual([cfn.kind, cfn.ttlSeconds], ['REQUEST', 0]);
    const v2 = authorizerSpec(decl('apigatewayv2', { AuthorizerType: 'JWT', JwtConfiguration: { Issuer: 'https://i', Audience: ['a'] } }), 'http')!;
    assert.deepEqual([v2.kind, v2.jwt], ['JWT', { issuer: 'https://i', audience: ['a'] }]);
    const oa = authorizerSpec(decl('openapi', { type: 'request', authorizerPayloadFormatVersion: '1.0', identitySource: '$request.header.a' }), 'http')!;
    assert.deepEqual([oa.kind, oa.payloadVersion, oa.simpleResponses, oa.ttlSeconds], ['HTTP_REQUEST', '1.0', false, 0]);
    const cognito = authorizerSpec(decl('sam', { UserPoolArn: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc' }), 'rest')!;
    assert.deepEqual([cognito.kind, cognito.jwt?.issuer], ['COGNITO', 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc']);
    assert.equal(authorizerSpec(decl('apigateway', { Type: 'AWS_IAM' }), 'rest'), undefined);
  });
});

describe('usage limits', () => {
  test('a token bucket per key (burst, then refill at the rate) and a daily quota', () => {
    const limits = new UsageLimits();
    const plan = { name: 'p', throttle: { rateLimit: 1, burstLimit: 2 } };
    const t0 = Date.UTC(2026, 0, 5, 12);
    assert.deepEqual([limits.take(plan, 'k', t0), limits.take(plan, 'k', t0), limits.take(plan, 'k', t0)], ['ok', 'ok', 'throttled']);
    assert.equal(limits.take(plan, 'k', t0 + 1000), 'ok');
    const quota = { name: 'q', quota: { limit: 1, period: 'DAY' as const } };
    assert.deepEqual([limits.take(quota, 'k', t0), limits.take(quota, 'k', t0 + 1)], ['ok', 'quota']);
    assert.equal(limits.take(quota, 'k', Date.UTC(2026, 0, 6)), 'ok', 'a new UTC day');
  });
});
