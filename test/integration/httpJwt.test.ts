// Integration: HTTP API JWT authorizers against a locally generated key (jose): a valid token's claims and scopes in
// requestContext.authorizer.jwt; expired, wrong audience, wrong issuer, wrong key and missing scope refused as API
// Gateway refuses them; the key set from a JWKS file or a 127.0.0.1 URL; without one, signatures are skipped with a warning.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures } from './helpers/engine';
import { curl, startHttpEngine, type HttpEngine } from './helpers/httpFront';

type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });
type CryptoKey = Awaited<ReturnType<Jose['generateKeyPair']>>['privateKey'];

describe('JWT authorizers', () => {
  let e: HttpEngine;
  let jose: Jose;
  let key: CryptoKey;
  let otherKey: CryptoKey;
  let jwksFile: string;
  let jwksServer: Server;
  let jwksUrl: string;
  const saved = process.env.LAMBDA_WORKBENCH_JWKS;

  const token = async (claims: Record<string, unknown> = {}, opts: { exp?: string | number; aud?: string; iss?: string; signWith?: CryptoKey } = {}) => {
    const jwt = new jose.SignJWT({ scope: 'pets/read profile', 'cognito:groups': ['admin', 'dev'], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'local-1' })
      .setIssuer(opts.iss ?? 'https://issuer.local')
      .setSubject('user-42')
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '5m');
    if (opts.aud !== '') jwt.setAudience(opts.aud ?? 'workbench-app');
    return jwt.sign(opts.signWith ?? key);
  };
  const call = async (path: string, jwt?: string) => fetch(`${e.base('AuthHttp')}${path}`, { headers: jwt ? { authorization: `Bearer ${jwt}` } : {} });

  before(async () => {
    jose = await import('jose');
    const pair = await jose.generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    otherKey = (await jose.generateKeyPair('RS256')).privateKey;
    const jwks = JSON.stringify({ keys: [{ ...(await jose.exportJWK(pair.publicKey)), kid: 'local-1', alg: 'RS256', use: 'sig' }] });
    jwksFile = join(tempDir('lwb-jwks-'), 'jwks.json');
    writeFileSync(jwksFile, jwks);
    jwksServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', () => r()));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
    process.env.LAMBDA_WORKBENCH_JWKS = jwksFile;
    e = await startHttpEngine(join(fixtures, 'http-auth'));
  });
  after(async () => {
    if (saved === undefined) delete process.env.LAMBDA_WORKBENCH_JWKS;
    else process.env.LAMBDA_WORKBENCH_JWKS = saved;
    jwksServer.close();
    await e.dispose();
  });

  test('a valid token reaches the function with its claims (as strings) and scopes', async () => {
    const r = await call('/jwt', await token());
    assert.equal(r.status, 200);
    const jwt = ((await r.json()) as any).requestContext.authorizer.jwt;
    assert.equal(jwt.claims.iss, 'https://issuer.local');
    assert.equal(jwt.claims.sub, 'user-42');
    assert.match(jwt.claims.exp, /^\d+$/);
    assert.equal(jwt.claims['cognito:groups'], '[admin dev]');
    assert.deepEqual(jwt.scopes, ['pets/read', 'profile']);
    // Without the `Bearer ` prefix too, and with client_id in place of aud (Cognito access tokens).
    const bare = await curl(['-H', `Authorization: ${await token({ client_id: 'workbench-app' }, { aud: '' })}`, `${e.base('AuthHttp')}/jwt`]);
    assert.equal(bare.status, 200);
  });

  test('expired, wrong audience, wrong issuer, wrong key, no token: 401; missing scope: 403', async () => {
    const expired = await call('/jwt', await token({}, { exp: Math.floor(Date.now() / 1000) - 60 }));
    assert.equal(expired.status, 401);
    assert.equal(await expired.text(), '{"message":"Unauthorized"}');
    assert.match(expired.headers.get('www-authenticate') ?? '', /error="invalid_token" error_description="the token has expired"/);
    const aud = await call('/jwt', await token({}, { aud: 'someone-else' }));
    assert.equal(aud.status, 401);
    assert.match(aud.headers.get('www-authenticate') ?? '', /valid audience/);
    assert.equal((await call('/jwt', await token({}, { iss: 'https://evil.example' }))).status, 401);
    assert.equal((await call('/jwt', await token({}, { signWith: otherKey }))).status, 401);
    assert.equal((await call('/jwt')).status, 401);
    const scoped = await call('/scoped', await token());
    assert.equal(scoped.status, 403);
    assert.equal(await scoped.text(), '{"message":"Forbidden"}');
    assert.match(scoped.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
    assert.equal((await call('/scoped', await token({ scope: 'pets/write' }))).status, 200);
  });

  test('the key set can come from a 127.0.0.1 URL; another host is refused; unset skips signatures with one warning', async () => {
    process.env.LAMBDA_WORKBENCH_JWKS = jwksUrl;
    assert.equal((await call('/jwt', await token())).status, 200);
    assert.equal((await call('/jwt', await token({}, { signWith: otherKey }))).status, 401);
    process.env.LAMBDA_WORKBENCH_JWKS = 'http://keys.example.com/jwks.json';
    assert.equal((await call('/jwt', await token())).status, 500);
    assert.ok(e.warnings.some((w) => /must be a file or a URL on 127\.0\.0\.1/.test(w)), e.warnings.join('\n'));
    delete process.env.LAMBDA_WORKBENCH_JWKS;
    assert.equal((await call('/jwt', await token({}, { signWith: otherKey }))).status, 200);
    assert.equal((await call('/jwt', await token({}, { exp: Math.floor(Date.now() / 1000) - 60 }))).status, 401, 'claims are still checked');
    assert.equal(e.warnings.filter((w) => /LAMBDA_WORKBENCH_JWKS is not set/.test(w)).length, 1);
  });

  test('a REST Cognito user pool authorizer checks the pool issuer and passes the claims in authorizer.claims', async () => {
    const url = `${e.base('AuthRest')}/cognito`;
    process.env.LAMBDA_WORKBENCH_JWKS = jwksFile;
    const iss = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_local';
    const ok = await fetch(url, { headers: { authorization: await token({ token_use: 'id' }, { iss }) } });
    assert.equal(ok.status, 200);
    const claims = ((await ok.json()) as any).requestContext.authorizer.claims;
    assert.deepEqual([claims.sub, claims.iss, claims.token_use], ['user-42', iss, 'id']);
    const other = await fetch(url, { headers: { authorization: await token({}, { iss: 'https://issuer.local' }) } });
    assert.equal(other.status, 401);
    assert.equal(await other.text(), '{"message":"Unauthorized"}');
    assert.equal((await fetch(url)).status, 401);
  });
});
