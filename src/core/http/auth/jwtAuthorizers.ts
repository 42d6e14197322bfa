// core/http/auth: JWT authorizers (HTTP APIs) and Cognito user pool authorizers (REST): the token from the identity
// source (with or without `Bearer `), its iss / aud-or-client_id / exp / nbf / iat claims and the route's scopes
// checked as API Gateway checks them, the signature against the local JWKS (jwksSource.ts), and the claims passed
// on in requestContext.authorizer (`jwt.claims` / `claims`, values as strings).
import type { GuardDecision } from '../routeTypes';
import { refuse } from './authAnswers';
import type { AuthorizeInput, AuthorizerKind } from './authorizerKind';
import { identityValues } from './identitySources';
import { loadJose, type Jose } from './joseModule';
import { JWKS_ENV, type JwksSource } from './jwksSource';

type JWTPayload = ReturnType<Jose['decodeJwt']>;

function bearer(description: string, scope?: string): Record<string, string> {
  return { 'www-authenticate': `Bearer${scope !== undefined ? ` scope="${scope}"` : ''} error="${scope !== undefined ? 'insufficient_scope' : 'invalid_token'}" error_description="${description}"` };
}

function tokenScopes(claims: JWTPayload): string[] {
  const raw = claims.scope ?? claims.scp;
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  return typeof raw === 'string' ? raw.split(' ').filter(Boolean) : [];
}

/** API Gateway hands claims on as strings: numbers as digits, lists as `[a b]`. */
function stringClaims(claims: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(claims)) {
    out[k] = Array.isArray(v) ? `[${v.map(String).join(' ')}]` : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  }
  return out;
}

/** The first claim check that fails, as API Gateway describes it; undefined when all pass. */
function claimProblem(claims: JWTPayload, input: AuthorizeInput, nowSec: number): string | undefined {
  const jwt = input.spec.jwt;
  if (jwt?.issuer && claims.iss !== jwt.issuer) return 'the token does not have a valid issuer';
  if (jwt && jwt.audience.length) {
    const auds = Array.isArray(claims.aud) ? claims.aud : claims.aud !== undefined ? [claims.aud] : [];
    const clientId = typeof claims.client_id === 'string' ? [claims.client_id] : [];
    if (![...auds, ...clientId].some((a) => jwt.audience.includes(a))) return 'the token does not have a valid audience';
  }
  if (typeof claims.exp !== 'number' || claims.exp <= nowSec) return 'the token has expired';
  if (typeof claims.nbf === 'number' && claims.nbf > nowSec) return 'the token is not valid yet';
  if (typeof claims.iat === 'number' && claims.iat > nowSec + 1) return 'the token was issued in the future';
  return undefined;
}

export function jwtKind(keys: JwksSource, style: 'http' | 'cognito'): AuthorizerKind {
  return {
    async authorize(input): Promise<GuardDecision> {
      const { spec, ctx, deps } = input;
      const kind = ctx.api.kind;
      const denied = (description: string) => refuse(kind, 'unauthorized', kind === 'rest' ? {} : bearer(description));
      const raw = identityValues(spec.identity.slice(0, 1), ctx.api, ctx.route, ctx.request)[0];
      if (!raw) return refuse(kind, 'unauthorized');
      const token = raw.replace(/^Bearer\s+/i, '').trim();
      if (spec.validation && !spec.validation.test(raw)) return refuse(kind, 'unauthorized');
      const jose = await loadJose();
      let claims: JWTPayload;
      try {
        claims = jose.decodeJwt(token);
      } catch {
        return denied('the token is not a valid JWT');
      }
      const problem = claimProblem(claims, input, Math.floor(deps.now() / 1000));
      if (problem) return denied(problem);
      const scopes = tokenScopes(claims);
      if (input.scopes.length && !input.scopes.some((s) => scopes.includes(s))) {
        return kind === 'rest' ? refuse(kind, 'unauthorized') : refuse(kind, 'forbidden', bearer(`expected scopes: [${input.scopes.join(' ')}]`, input.scopes.join(' ')));
      }
      const keySet = await keys.get();
      if ('error' in keySet) {
        deps.warn(keySet.error);
        return refuse(kind, 'authorizerError');
      }
      if ('none' in keySet) {
        deps.warn(`${JWKS_ENV} is not set: JWT signatures are not verified locally (claims, expiry and scopes still are). Set it to a JWKS file or a 127.0.0.1 URL to verify them.`);
      } else {
        try {
          await jose.jwtVerify(token, keySet.keys, { currentDate: new Date(deps.now()) });
        } catch {
          return denied('signing method or signature is invalid');
        }
      }
      const strings = stringClaims(claims);
      if (style === 'cognito') return { allow: true, authorizer: { claims: strings } };
      return { allow: true, authorizer: { jwt: { claims: strings, scopes: scopes.length ? scopes : null } } };
    },
  };
}
