// core/http: the two tables the auth and OpenAPI plug-ins register in (one line each): request guards, run in
// order before every integration, and readers of routes an API defines in its own body (DefinitionBody).
import { apiKeyGuard } from './auth/apiKeyGuard';
import { authorizerGuard } from './auth/authorizerGuard';
import { requestValidatorGuard } from './auth/requestValidation';
import { openApiReader } from './openapi/openApiReader';
import type { ApiDefinitionReader, ApiRequestGuardFactory } from './routeTypes';

/** Authorizers, API keys, request validators (src/core/http/auth/). Empty: every request reaches its integration. */
export const REQUEST_GUARDS: readonly ApiRequestGuardFactory[] = [authorizerGuard, apiKeyGuard, requestValidatorGuard];

/** OpenAPI `DefinitionBody` / `DefinitionUri` / `AWS::Include` (src/core/http/openapi/). */
export const DEFINITION_READERS: readonly ApiDefinitionReader[] = [openApiReader];
