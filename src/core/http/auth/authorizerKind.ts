// core/http/auth: what a row of the authorizer table (AUTHORIZER_KINDS) gets and gives.
import type { GuardContext, GuardDecision, GuardDeps } from '../routeTypes';
import type { AuthorizerSpec } from './authorizerSpec';
import type { ResultCache } from './resultCache';

export interface AuthorizeInput {
  spec: AuthorizerSpec;
  ctx: GuardContext;
  deps: GuardDeps;
  /** Shared by every authorizer of the served APIs; keys start with the API id and authorizer name. */
  cache: ResultCache<unknown>;
  /** Scopes the route requires (JWT/Cognito). */
  scopes: string[];
}

export interface AuthorizerKind {
  authorize(input: AuthorizeInput): Promise<GuardDecision>;
}
