// core/template: what REST APIs check before the integration besides authorizers: API keys and usage plans
// (AWS::ApiGateway::ApiKey, UsagePlan, UsagePlanKey; SAM `Auth.UsagePlan`), body models (AWS::ApiGateway::Model,
// SAM `Models`) and request validators (AWS::ApiGateway::RequestValidator), attached to their ApiDecl.
import type { ApiDecl, ApiKeyDecl, UsagePlanDecl } from '../http/routeTypes';
import { isRecord, type ResourceEntry } from './context';
import { refTarget, type HttpRead } from './httpShared';

function ofType(included: readonly ResourceEntry[], type: string): ResourceEntry[] {
  return included.filter((e) => e.type === type);
}

function restApi(read: HttpRead, raw: unknown): ApiDecl | undefined {
  const ref = refTarget(raw);
  const api = ref ? read.apis.get(ref) : undefined;
  return api?.kind === 'rest' ? api : undefined;
}

/** A usage plan's Throttle / Quota (CloudFormation and SAM spell them alike). */
export function planLimits(name: string, p: Record<string, unknown>): UsagePlanDecl {
  const plan: UsagePlanDecl = { name };
  const t = isRecord(p.Throttle) ? p.Throttle : undefined;
  if (t) plan.throttle = { ...(Number(t.RateLimit) > 0 ? { rateLimit: Number(t.RateLimit) } : {}), ...(Number(t.BurstLimit) > 0 ? { burstLimit: Number(t.BurstLimit) } : {}) };
  const q = isRecord(p.Quota) ? p.Quota : undefined;
  const period = typeof q?.Period === 'string' ? q.Period.toUpperCase() : 'DAY';
  if (q && Number(q.Limit) >= 0 && (period === 'DAY' || period === 'WEEK' || period === 'MONTH')) plan.quota = { limit: Number(q.Limit), period };
  return plan;
}

function readPlans(read: HttpRead, included: readonly ResourceEntry[]): void {
  const plans = new Map<string, { plan: UsagePlanDecl; apis: ApiDecl[] }>();
  for (const e of ofType(included, 'AWS::ApiGateway::UsagePlan')) {
    const p = read.props(e);
    const stages = Array.isArray(e.properties.ApiStages) ? e.properties.ApiStages : [];
    const apis = stages.map((s) => (isRecord(s) ? restApi(read, s.ApiId) : undefined)).filter((a): a is ApiDecl => a !== undefined);
    plans.set(e.logicalId, { plan: planLimits(typeof p.UsagePlanName === 'string' ? p.UsagePlanName : e.logicalId, p), apis });
  }
  const keys = new Map<string, ApiKeyDecl & { apis: Set<ApiDecl> }>();
  for (const e of ofType(included, 'AWS::ApiGateway::ApiKey')) {
    const p = read.props(e);
    const apis = new Set<ApiDecl>();
    for (const s of Array.isArray(e.properties.StageKeys) ? e.properties.StageKeys : []) {
      const api = isRecord(s) ? restApi(read, s.RestApiId) : undefined;
      if (api) apis.add(api);
    }
    // CloudFormation creates keys disabled unless Enabled is true.
    keys.set(e.logicalId, { id: e.logicalId, ...(typeof p.Value === 'string' ? { value: p.Value } : {}), enabled: p.Enabled === true || p.Enabled === 'true', apis });
  }
  for (const e of ofType(included, 'AWS::ApiGateway::UsagePlanKey')) {
    const key = keys.get(refTarget(e.properties.KeyId) ?? '');
    const plan = plans.get(refTarget(e.properties.UsagePlanId) ?? '');
    if (!key || !plan) continue;
    key.plan = plan.plan;
    for (const api of plan.apis) api.apiKeys = [...(api.apiKeys ?? []), { id: key.id, value: key.value, enabled: key.enabled, plan: plan.plan }];
    key.apis.clear();
  }
  for (const key of keys.values()) for (const api of key.apis) api.apiKeys = [...(api.apiKeys ?? []), { id: key.id, value: key.value, enabled: key.enabled }];
  // Keys from LAMBDA_WORKBENCH_API_KEYS fall under the API's only plan, when it has exactly one.
  for (const { plan, apis } of plans.values()) for (const api of apis) if (!api.usagePlan && [...plans.values()].filter((x) => x.apis.includes(api)).length === 1) api.usagePlan = plan;
}

function readModels(read: HttpRead, included: readonly ResourceEntry[]): void {
  for (const e of ofType(included, 'AWS::ApiGateway::Model')) {
    const api = restApi(read, e.properties.RestApiId);
    if (!api) continue;
    const p = read.props(e);
    const schema = typeof p.Schema === 'string' ? safeJson(p.Schema) : p.Schema;
    api.models = { ...api.models, [e.logicalId]: schema, ...(typeof p.Name === 'string' ? { [p.Name]: schema } : {}) };
  }
  for (const e of ofType(included, 'AWS::ApiGateway::RequestValidator')) {
    const api = restApi(read, e.properties.RestApiId);
    if (!api) continue;
    const p = read.props(e);
    const v = { body: p.ValidateRequestBody === true || p.ValidateRequestBody === 'true', params: p.ValidateRequestParameters === true || p.ValidateRequestParameters === 'true' };
    api.requestValidators = { ...api.requestValidators, [e.logicalId]: v, ...(typeof p.Name === 'string' ? { [p.Name]: v } : {}) };
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

/** SAM APIs: `Models` and `Auth.UsagePlan` (PER_API, SHARED) from their own properties. */
function readSamExtras(read: HttpRead): void {
  for (const api of read.apis.values()) {
    if (api.kind !== 'rest') continue;
    const p = api.properties;
    if (isRecord(p.Models)) api.models = { ...p.Models, ...api.models };
    const auth = isRecord(p.Auth) ? p.Auth : undefined;
    const up = isRecord(auth?.UsagePlan) ? auth.UsagePlan : undefined;
    const mode = typeof up?.CreateUsagePlan === 'string' ? up.CreateUsagePlan.toUpperCase() : 'NONE';
    if (up && (mode === 'PER_API' || mode === 'SHARED')) api.usagePlan = planLimits(mode === 'SHARED' ? 'ServerlessUsagePlan' : `${api.id}UsagePlan`, up);
  }
}

export function readApiGatewayExtras(read: HttpRead, included: readonly ResourceEntry[]): void {
  readSamExtras(read);
  readPlans(read, included);
  readModels(read, included);
}
