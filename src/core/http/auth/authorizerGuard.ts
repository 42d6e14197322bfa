// core/http/auth: the authorizer stage of the request pipeline: finds the route's authorizer (its own, else the
// API's default; NONE turns it off), reads its declaration into a spec, and hands the request to the row of
// AUTHORIZER_KINDS for its kind. Routes with AWS_IAM accept any SigV4-signed request locally.
import { isSigV4Signed, sigV4AccessKey } from '../requestInfo';
import type { ApiRequestGuardFactory, AuthorizerDecl, GuardContext, GuardDecision, GuardDeps } from '../routeTypes';
import { refuse } from './authAnswers';
import type { AuthorizerKind } from './authorizerKind';
import { authorizerSpec, type AuthorizerKindName, type AuthorizerSpec } from './authorizerSpec';
import { JwksSource } from './jwksSource';
import { jwtKind } from './jwtAuthorizers';
import { HTTP_REQUEST_AUTHORIZER, REQUEST_AUTHORIZER, TOKEN_AUTHORIZER } from './lambdaAuthorizers';
import { ResultCache } from './resultCache';

const ALLOW: GuardDecision = { allow: true };

function iamRoute(ctx: GuardContext, deps: GuardDeps): GuardDecision {
  const { api, request } = ctx;
  deps.warn(`Routes of "${api.id}" with AWS_IAM authorization accept any SigV4-signed request locally (signatures and IAM policies are not checked); unsigned requests get 403.`);
  if (!isSigV4Signed(request)) {
    return api.kind === 'rest' ? { allow: false, status: 403, body: '{"message":"Missing Authentication Token"}', headers: { 'x-amzn-ErrorType': 'MissingAuthenticationTokenException' } } : refuse(api.kind, 'forbidden');
  }
  const key = sigV4AccessKey(request) ?? 'LOCAL';
  if (api.kind === 'rest') return { allow: true, identity: { accessKey: key, accountId: deps.accountId, caller: key, user: key, userArn: `arn:aws:iam::${deps.accountId}:user/local` } };
  return { allow: true, authorizer: { iam: { accessKey: key, accountId: deps.accountId, callerId: key, cognitoIdentity: null, principalOrgId: null, userArn: `arn:aws:iam::${deps.accountId}:user/local`, userId: key } } };
}

export const authorizerGuard: ApiRequestGuardFactory = {
  name: 'authorizers',
  create(deps) {
    const cache = new ResultCache<unknown>();
    const jwks = new JwksSource(() => deps.templateDir);
    const kinds: Record<AuthorizerKindName, AuthorizerKind> = {
      TOKEN: TOKEN_AUTHORIZER,
      REQUEST: REQUEST_AUTHORIZER,
      HTTP_REQUEST: HTTP_REQUEST_AUTHORIZER,
      JWT: jwtKind(jwks, 'http'),
      COGNITO: jwtKind(jwks, 'cognito'),
    };
    const specs = new WeakMap<AuthorizerDecl, AuthorizerSpec | null>();
    return async (ctx) => {
      const { api, route } = ctx;
      if (api.kind === 'url') return ALLOW;
      const name = route.auth?.authorizer ?? api.defaultAuthorizer;
      if (!name || name === 'NONE') return ALLOW;
      if (name === 'AWS_IAM') return iamRoute(ctx, deps);
      const decl = api.authorizers.find((a) => a.name === name);
      let spec = decl ? specs.get(decl) : null;
      if (decl && spec === undefined) {
        spec = authorizerSpec(decl, api.kind) ?? null;
        specs.set(decl, spec);
      }
      if (!spec) {
        deps.warn(`Route ${route.routeKey} of "${api.id}" uses authorizer "${name}", which ${decl ? 'is of a type not served locally' : 'the API does not declare'}; its requests get 500. Declare it under Auth.Authorizers (or as an Authorizer resource).`);
        return refuse(api.kind, 'authorizerError');
      }
      const declScopes = decl && Array.isArray(decl.properties.AuthorizationScopes) ? decl.properties.AuthorizationScopes.filter((s): s is string => typeof s === 'string') : [];
      const scopes = route.auth?.scopes ?? declScopes;
      return kinds[spec.kind].authorize({ spec, ctx, deps, cache, scopes });
    };
  },
};
