// core/http/auth: the notes `start` and `routes` print under the route table about what is checked differently
// locally: SigV4 not verified (AWS_IAM), where JWT keys come from, where API keys come from.
import type { ApiDecl } from '../routeTypes';
import { API_KEYS_ENV } from './apiKeyGuard';
import { authorizerSpec } from './authorizerSpec';
import { JWKS_ENV } from './jwksSource';

export function authNotes(apis: readonly ApiDecl[]): string[] {
  const notes: string[] = [];
  const iam = apis.filter((a) => a.url?.authType === 'AWS_IAM' || a.routes.some((r) => (r.auth?.authorizer ?? a.defaultAuthorizer) === 'AWS_IAM'));
  if (iam.length) notes.push(`AWS_IAM (${iam.map((a) => a.id).join(', ')}): any SigV4-signed request is accepted locally; signatures and IAM policies are not checked, unsigned requests get 403.`);
  const jwt = apis.some((a) => a.authorizers.some((d) => ['JWT', 'COGNITO'].includes(authorizerSpec(d, a.kind)?.kind ?? '')));
  if (jwt) {
    const jwks = process.env[JWKS_ENV];
    notes.push(jwks ? `JWT authorizers verify signatures with the keys in ${JWKS_ENV}=${jwks}.` : `JWT authorizers check claims and scopes but not signatures: set ${JWKS_ENV} to a JWKS file or a 127.0.0.1 URL to verify them.`);
  }
  const keyed = apis.filter((a) => a.kind === 'rest' && (a.apiKeyRequired || a.routes.some((r) => r.auth?.apiKeyRequired)));
  if (keyed.length) {
    const templateKeys = keyed.flatMap((a) => a.apiKeys ?? []).filter((k) => k.value && k.enabled).length;
    notes.push(`API keys (${keyed.map((a) => a.id).join(', ')}): send x-api-key; valid keys are ${templateKeys} enabled key(s) of the template${process.env[API_KEYS_ENV] ? ` and those in ${API_KEYS_ENV}` : `; add your own with ${API_KEYS_ENV}=<key>[,<key>…]`}.`);
  }
  return notes;
}
