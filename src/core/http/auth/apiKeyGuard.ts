// core/http/auth: the API key stage (REST methods with ApiKeyRequired): the x-api-key header (or, with
// ApiKeySourceType AUTHORIZER, the Lambda authorizer's usageIdentifierKey) must hold a key of the
// template valid on this API (enabled, in a usage plan of the API or with a StageKey for it) or one listed in
// LAMBDA_WORKBENCH_API_KEYS; else 403 Forbidden. The key's usage plan throttles (429 Too Many Requests) and
// counts its quota (429 Limit Exceeded). The key lands in requestContext.identity.apiKey / apiKeyId.
import type { ApiDecl, ApiKeyDecl, ApiRequestGuardFactory, GuardDecision } from '../routeTypes';
import { refuse } from './authAnswers';
import { UsageLimits } from './usageLimits';

export const API_KEYS_ENV = 'LAMBDA_WORKBENCH_API_KEYS';

const ALLOW: GuardDecision = { allow: true };

function envKeys(api: ApiDecl): ApiKeyDecl[] {
  const raw = process.env[API_KEYS_ENV] ?? '';
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((value, i) => ({ id: `local-key-${i + 1}`, value, enabled: true, ...(api.usagePlan ? { plan: api.usagePlan } : {}) }));
}

export const apiKeyGuard: ApiRequestGuardFactory = {
  name: 'api keys',
  create(deps) {
    const limits = new UsageLimits();
    return (ctx) => {
      const { api, route, request } = ctx;
      if (api.kind !== 'rest' || !(route.auth?.apiKeyRequired ?? api.apiKeyRequired)) return Promise.resolve(ALLOW);
      // ApiKeySourceType AUTHORIZER: the key is the Lambda authorizer's usageIdentifierKey, not the header.
      const fromAuthorizer = String(api.properties.ApiKeySourceType ?? '').toUpperCase() === 'AUTHORIZER';
      const granted = ctx.granted?.identity?.apiKey;
      const presented = fromAuthorizer ? (typeof granted === 'string' ? granted : undefined) : request.headers['x-api-key']?.[0];
      const candidates = presented ? [...(api.apiKeys ?? []), ...envKeys(api)].filter((k) => k.value === presented) : [];
      const key = candidates.find((k) => k.enabled);
      if (!key) {
        if (candidates.length) deps.warn(`API key "${candidates[0].id}" is not enabled (AWS::ApiGateway::ApiKey Enabled defaults to false); requests with it get 403.`);
        else if (!(api.apiKeys ?? []).some((k) => k.value) && !process.env[API_KEYS_ENV]) {
          deps.warn(`API "${api.id}" requires an API key but none has a value locally: set ${API_KEYS_ENV}=<key>[,<key>…] or give the AWS::ApiGateway::ApiKey a Value.`);
        }
        return Promise.resolve(refuse(api.kind, 'forbidden'));
      }
      if (key.plan) {
        const verdict = limits.take(key.plan, key.value!, deps.now());
        if (verdict !== 'ok') return Promise.resolve(refuse(api.kind, verdict));
      }
      return Promise.resolve({ allow: true, identity: { apiKey: key.value, apiKeyId: key.id } });
    };
  },
};
