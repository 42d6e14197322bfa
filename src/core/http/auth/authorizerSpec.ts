// core/http/auth: an authorizer declaration (SAM, AWS::ApiGateway::Authorizer, AWS::ApiGatewayV2::Authorizer or an
// OpenAPI x-amazon-apigateway-authorizer) read into one shape. One reader per dialect, in a table.
import type { ApiKind, AuthorizerDecl } from '../routeTypes';
import { parseIdentitySources, samIdentitySources, type IdentitySource } from './identitySources';

/** The authorizer kinds served (rows of AUTHORIZER_KINDS). */
export type AuthorizerKindName = 'TOKEN' | 'REQUEST' | 'HTTP_REQUEST' | 'JWT' | 'COGNITO';

export interface AuthorizerSpec {
  name: string;
  kind: AuthorizerKindName;
  functionName?: string;
  identity: IdentitySource[];
  /** REST TOKEN authorizers: the token must match, else 401 without invoking. */
  validation?: RegExp;
  /** Result cache TTL; 0 = no caching. */
  ttlSeconds: number;
  /** HTTP API Lambda authorizers. */
  payloadVersion: '1.0' | '2.0';
  simpleResponses: boolean;
  jwt?: { issuer?: string; audience: string[] };
}

type Props = Record<string, unknown>;

const isRec = (v: unknown): v is Props => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

function ttl(v: unknown, dflt: number): number {
  const n = Number(v);
  return v === undefined || v === null || !Number.isFinite(n) ? dflt : Math.max(0, Math.min(3600, n));
}

function regex(v: unknown): RegExp | undefined {
  const s = str(v);
  if (!s) return undefined;
  try {
    return new RegExp(s);
  } catch {
    return undefined;
  }
}

function jwtConfig(v: unknown): AuthorizerSpec['jwt'] {
  const c = isRec(v) ? v : {};
  return { issuer: str(c.Issuer ?? c.issuer), audience: strList(c.Audience ?? c.audience) };
}

function base(decl: AuthorizerDecl, kind: AuthorizerKindName, identity: IdentitySource[]): AuthorizerSpec {
  return { name: decl.name, kind, functionName: decl.functionName, identity, ttlSeconds: 0, payloadVersion: '2.0', simpleResponses: false };
}

/** REST: REST default TTL 300 s (SAM ReauthorizeEvery, AuthorizerResultTtlInSeconds). HTTP APIs: 0 unless set. */
const DIALECTS: Record<AuthorizerDecl['origin'], (decl: AuthorizerDecl, kind: ApiKind) => AuthorizerSpec | undefined> = {
  sam: (decl, kind) => {
    const p = decl.properties;
    const identity = isRec(p.Identity) ? p.Identity : {};
    if (kind === 'rest') {
      if (p.UserPoolArn !== undefined) {
        return { ...base(decl, 'COGNITO', [{ where: 'header', name: str(identity.Header) ?? 'Authorization' }]), validation: regex(identity.ValidationExpression), jwt: { issuer: cognitoIssuer(p.UserPoolArn), audience: [] } };
      }
      const type = str(p.FunctionPayloadType)?.toUpperCase() === 'REQUEST' ? 'REQUEST' : 'TOKEN';
      const sources = type === 'TOKEN' ? [{ where: 'header' as const, name: str(identity.Header) ?? 'Authorization' }] : samIdentitySources(identity);
      return { ...base(decl, type, sources), validation: type === 'TOKEN' ? regex(identity.ValidationExpression) : undefined, ttlSeconds: ttl(identity.ReauthorizeEvery, 300) };
    }
    if (p.JwtConfiguration !== undefined) return { ...base(decl, 'JWT', parseIdentitySources(p.IdentitySource ?? '$request.header.Authorization')), jwt: jwtConfig(p.JwtConfiguration) };
    return {
      ...base(decl, 'HTTP_REQUEST', samIdentitySources(identity)),
      ttlSeconds: ttl(identity.ReauthorizeEvery, 0),
      payloadVersion: String(p.AuthorizerPayloadFormatVersion) === '1.0' ? '1.0' : '2.0',
      simpleResponses: p.EnableSimpleResponses === true,
    };
  },
  apigateway: (decl) => {
    const p = decl.properties;
    const type = str(p.Type)?.toUpperCase();
    const identity = parseIdentitySources(p.IdentitySource ?? (type === 'TOKEN' || type === 'COGNITO_USER_POOLS' ? 'method.request.header.Authorization' : undefined));
    if (type === 'COGNITO_USER_POOLS') return { ...base(decl, 'COGNITO', identity), validation: regex(p.IdentityValidationExpression), jwt: { issuer: cognitoIssuer(strList(p.ProviderARNs)[0]), audience: [] } };
    if (type !== 'TOKEN' && type !== 'REQUEST') return undefined;
    return { ...base(decl, type, identity), validation: type === 'TOKEN' ? regex(p.IdentityValidationExpression) : undefined, ttlSeconds: ttl(p.AuthorizerResultTtlInSeconds, 300) };
  },
  apigatewayv2: (decl) => {
    const p = decl.properties;
    const type = str(p.AuthorizerType)?.toUpperCase();
    const identity = parseIdentitySources(p.IdentitySource);
    if (type === 'JWT') return { ...base(decl, 'JWT', identity.length ? identity : [{ where: 'header', name: 'Authorization' }]), jwt: jwtConfig(p.JwtConfiguration) };
    if (type !== 'REQUEST') return undefined;
    return { ...base(decl, 'HTTP_REQUEST', identity), ttlSeconds: ttl(p.AuthorizerResultTtlInSeconds, 0), payloadVersion: String(p.AuthorizerPayloadFormatVersion) === '1.0' ? '1.0' : '2.0', simpleResponses: p.EnableSimpleResponses === true };
  },
  openapi: (decl, kind) => {
    const p = decl.properties;
    const type = str(p.type)?.toLowerCase();
    const identity = parseIdentitySources(p.identitySource);
    if (type === 'jwt') return { ...base(decl, 'JWT', identity.length ? identity : [{ where: 'header', name: 'Authorization' }]), jwt: jwtConfig(p.jwtConfiguration) };
    if (type === 'cognito_user_pools') return { ...base(decl, 'COGNITO', identity.length ? identity : [{ where: 'header', name: 'Authorization' }]), jwt: { issuer: cognitoIssuer(strList(p.providerARNs)[0]), audience: [] } };
    if (kind === 'http' && type === 'request') {
      return { ...base(decl, 'HTTP_REQUEST', identity), ttlSeconds: ttl(p.authorizerResultTtlInSeconds, 0), payloadVersion: String(p.authorizerPayloadFormatVersion) === '1.0' ? '1.0' : '2.0', simpleResponses: p.enableSimpleResponses === true };
    }
    if (type !== 'token' && type !== 'request') return undefined;
    const k = type === 'token' ? 'TOKEN' : 'REQUEST';
    return { ...base(decl, k, identity.length || k === 'REQUEST' ? identity : [{ where: 'header', name: 'Authorization' }]), validation: k === 'TOKEN' ? regex(p.identityValidationExpression) : undefined, ttlSeconds: ttl(p.authorizerResultTtlInSeconds, 300) };
  },
};

/** `https://cognito-idp.<region>.amazonaws.com/<pool id>` from a user pool ARN. */
function cognitoIssuer(arn: unknown): string | undefined {
  const m = typeof arn === 'string' ? /^arn:aws[\w-]*:cognito-idp:([\w-]+):\d*:userpool\/(.+)$/.exec(arn) : null;
  return m ? `https://cognito-idp.${m[1]}.amazonaws.com/${m[2]}` : undefined;
}

/** The spec of `decl`, or undefined for an authorizer type not served locally. */
export function authorizerSpec(decl: AuthorizerDecl, kind: ApiKind): AuthorizerSpec | undefined {
  return DIALECTS[decl.origin](decl, kind);
}
