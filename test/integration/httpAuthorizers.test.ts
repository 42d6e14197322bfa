// Integration: Lambda authorizers through real HTTP (fetch and curl): REST TOKEN and REQUEST, HTTP API REQUEST with
// simple and IAM responses (payload 2.0 and 1.0): allow, deny, unauthorized, errors, the result cache (counted
// authorizer invocations) and a cached policy evaluated again for another ARN; AWS_IAM routes with SigV4.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';
import { assertGolden, curl, placeholders, portOf, startHttpEngine, type HttpEngine } from './helpers/httpFront';
import { signedHeaders } from './helpers/sigv4';

export const authFixture = join(fixtures, 'http-auth');

describe('Lambda authorizers', () => {
  let e: HttpEngine;
  let calls = 0;
  const get = (api: string, path: string, headers: Record<string, string> = {}) => fetch(`${e.base(api)}${path}`, { headers });
  const counted = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const before = calls;
    const r = await fn();
    return [r, calls - before];
  };
  before(async () => {
    e = await startHttpEngine(authFixture);
    e.service.onDidInvoke((i) => {
      if (i.functionName === 'Authorizer') calls++;
    });
  });
  after(() => e.dispose());

  test('REST TOKEN: a missing or malformed token is 401 without invoking the authorizer', async () => {
    const [missing, n1] = await counted(() => curl([`${e.base('AuthRest')}/token/1`]));
    assert.equal(missing.status, 401);
    assert.equal(missing.body, '{"message":"Unauthorized"}');
    assert.ok(missing.headers.some(([k, v]) => k === 'x-amzn-errortype' && v === 'UnauthorizedException'));
    const [bad, n2] = await counted(() => get('AuthRest', '/token/1', { authorization: 'Bearer Allow1' }));
    assert.equal(bad.status, 401);
    assert.deepEqual([n1, n2], [0, 0]);
  });

  test('REST TOKEN: allow passes principalId and context (as strings); the result is cached by token', async () => {
    const [r, n] = await counted(() => get('AuthRest', '/token/7', { authorization: 'Bearer allow' }));
    assert.equal(r.status, 200);
    const ev = (await r.json()) as any;
    assert.equal(typeof ev.requestContext.authorizer.integrationLatency, 'number');
    assert.deepEqual({ ...ev.requestContext.authorizer, integrationLatency: 0 }, { principalId: 'user-1', integrationLatency: 0, user: 'u-allow', n: '7', ok: 'true' });
    assert.equal(n, 1);
    const [again, n2] = await counted(() => curl(['-H', 'Authorization: Bearer allow', `${e.base('AuthRest')}/other`]));
    assert.equal(again.status, 200);
    assert.equal(n2, 0, 'the cached policy (Allow …/Prod/*) answers for another resource');
  });

  test('REST TOKEN: a cached policy is evaluated again for each method ARN', async () => {
    const [first, n1] = await counted(() => get('AuthRest', '/token/1', { authorization: 'Bearer narrow' }));
    assert.equal(first.status, 200);
    const [other, n2] = await counted(() => get('AuthRest', '/other', { authorization: 'Bearer narrow' }));
    assert.equal(other.status, 403);
    assert.equal(await other.text(), '{"Message":"User is not authorized to access this resource"}');
    assert.deepEqual([n1, n2], [1, 0]);
  });

  test('REST TOKEN: deny is 403 explicit deny; "Unauthorized" is 401; a failing or unusable authorizer is 500', async () => {
    const deny = await get('AuthRest', '/token/1', { authorization: 'Bearer deny' });
    assert.equal(deny.status, 403);
    assert.equal(await deny.text(), '{"Message":"User is not authorized to access this resource with an explicit deny"}');
    const unauth = await get('AuthRest', '/token/1', { authorization: 'Bearer unauthorized' });
    assert.equal(unauth.status, 401);
    assert.equal(await unauth.text(), '{"message":"Unauthorized"}');
    const failed = await get('AuthRest', '/token/1', { authorization: 'Bearer error' });
    assert.equal(failed.status, 500);
    assert.equal(await failed.text(), '{"message": null}');
    const bad = await get('AuthRest', '/token/1', { authorization: 'Bearer badcontext' });
    assert.equal(bad.status, 500);
    assert.ok(e.warnings.some((w) => /authorizer "TokenAuth"\) gave an answer API Gateway cannot use: context\.nested is an object/.test(w)), e.warnings.join('\n'));
  });

  test('REST REQUEST: every identity source is required; TTL 0 invokes every time; NONE and AWS_IAM routes', async () => {
    const missing = await get('AuthRest', '/request', { authorization: 'Bearer allow' });
    assert.equal(missing.status, 401);
    const [ok, n] = await counted(async () => {
      await get('AuthRest', '/request?tenant=a', { authorization: 'Bearer allow' });
      return get('AuthRest', '/request?tenant=a', { authorization: 'Bearer allow' });
    });
    assert.equal(ok.status, 200);
    assert.equal(n, 2);
    assert.equal(((await ok.json()) as any).requestContext.authorizer.user, 'u-allow');
    assert.equal((await get('AuthRest', '/open')).status, 200);
    const unsigned = await get('AuthRest', '/iam');
    assert.equal(unsigned.status, 403);
    assert.equal(await unsigned.text(), '{"message":"Missing Authentication Token"}');
    const url = `${e.base('AuthRest')}/iam`;
    const signed = await fetch(url, { headers: await signedHeaders(url, 'execute-api') });
    assert.equal(signed.status, 200);
    assert.equal(((await signed.json()) as any).requestContext.identity.accessKey, 'AKIDLOCALTEST');
  });

  test('HTTP API simple responses: isAuthorized with context under authorizer.lambda, cached; false is 403; missing source 401', async () => {
    const h = { authorization: 'Bearer allow', 'x-simple': '1' };
    const [r, n] = await counted(() => get('AuthHttp', '/simple', h));
    assert.equal(r.status, 200);
    assert.deepEqual(((await r.json()) as any).requestContext.authorizer, { lambda: { user: 'u-allow', n: 7, ok: true } });
    const [, n2] = await counted(() => get('AuthHttp', '/simple', h));
    assert.deepEqual([n, n2], [1, 0]);
    const deny = await curl(['-H', 'Authorization: Bearer deny', '-H', 'x-simple: 1', `${e.base('AuthHttp')}/simple`]);
    assert.equal(deny.status, 403);
    assert.equal(deny.body, '{"message":"Forbidden"}');
    const missing = await get('AuthHttp', '/simple', { authorization: 'Bearer allow' });
    assert.equal(missing.status, 401);
  });

  test('HTTP API IAM responses (2.0 and 1.0): allow, deny, error; no TTL means no caching', async () => {
    const [r, n] = await counted(async () => {
      await get('AuthHttp', '/policy', { authorization: 'Bearer allow' });
      return get('AuthHttp', '/policy', { authorization: 'Bearer allow' });
    });
    assert.equal(r.status, 200);
    assert.equal(n, 2);
    assert.deepEqual(((await r.json()) as any).requestContext.authorizer.lambda, { user: 'u-allow', n: 7, ok: true });
    const deny = await get('AuthHttp', '/policy', { authorization: 'Bearer deny' });
    assert.equal(deny.status, 403);
    const v1 = await get('AuthHttp', '/v1', { authorization: 'Bearer allow' });
    assert.equal(v1.status, 200);
    const failed = await get('AuthHttp', '/v1', { authorization: 'Bearer error' });
    assert.equal(failed.status, 500);
    assert.equal(await failed.text(), '{"message":"Internal Server Error"}');
  });
});

describe('Lambda authorizer events', () => {
  let e: HttpEngine;
  before(async () => {
    e = await startHttpEngine(authFixture);
  });
  after(() => e.dispose());

  /** The authorizer's event, as the "echo" token makes the authorizer hand it on through its context. */
  const authorizerEvent = async (api: string, path: string, headers: Record<string, string>) => {
    const r = await fetch(`${e.base(api)}${path}`, { headers: { 'user-agent': 'golden-client', ...headers } });
    assert.equal(r.status, 200);
    const ctx = ((await r.json()) as any).requestContext.authorizer;
    return placeholders(JSON.parse(ctx.event ?? ctx.lambda.event), portOf(e.base(api)));
  };

  test('REST TOKEN and REQUEST, HTTP API 2.0 and 1.0 authorizer events match their golden files', async () => {
    assertGolden('authorizer-rest-token', await authorizerEvent('AuthRest', '/token/42?x=1', { authorization: 'Bearer echo' }));
    assertGolden('authorizer-rest-request', await authorizerEvent('AuthRest', '/request?tenant=t1&tenant=t2', { authorization: 'Bearer echo' }));
    assertGolden('authorizer-http-v2', await authorizerEvent('AuthHttp', '/simple?q=1', { authorization: 'Bearer echo', 'x-simple': '1', cookie: 'a=1; b=2' }));
    assertGolden('authorizer-http-v1', await authorizerEvent('AuthHttp', '/v1', { authorization: 'Bearer echo' }));
  });
});

describe('AWS_IAM function URLs and the notes under the route table', () => {
  let e: HttpEngine;
  before(async () => {
    e = await startHttpEngine(authFixture);
  });
  after(() => e.dispose());

  test('a request signed by the SDK signer passes with authorizer.iam; an unsigned one is 403', async () => {
    const url = `${e.base('IamUrlEchoUrl')}/path?a=1`;
    const unsigned = await fetch(url);
    assert.equal(unsigned.status, 403);
    assert.equal(await unsigned.text(), '{"Message":"Forbidden"}');
    const signed = await fetch(url, { headers: await signedHeaders(url, 'lambda') });
    assert.equal(signed.status, 200);
    const iam = ((await signed.json()) as any).requestContext.authorizer.iam;
    assert.deepEqual([iam.accessKey, iam.accountId], ['AKIDLOCALTEST', '123456789012']);
  });

  test('`routes` prints what is checked differently locally', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'routes', '--state-dir', tempDir('lwb-auth-routes-')], { cwd: authFixture, encoding: 'utf8', timeout: 60_000, env: { ...process.env, LAMBDA_WORKBENCH_JWKS: '', LAMBDA_WORKBENCH_API_KEYS: '' } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^GET\s+\/token\/\{id\}\s+RestBackend\s+AuthRest \(REST API 1\.0\)\s+TokenAuth/m);
    assert.match(r.stdout, /^Note: AWS_IAM \(AuthRest, IamUrlEchoUrl\): any SigV4-signed request is accepted locally/m);
    assert.match(r.stdout, /^Note: JWT authorizers check claims and scopes but not signatures: set LAMBDA_WORKBENCH_JWKS/m);
    assert.match(r.stdout, /^Note: API keys \(KeyApi, SourceApi\): send x-api-key; valid keys are 1 enabled key\(s\) of the template; add your own with LAMBDA_WORKBENCH_API_KEYS/m);
  });
});
