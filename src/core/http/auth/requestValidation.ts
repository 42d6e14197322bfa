// core/http/auth: REST request validators: required query strings, headers and path parameters
// (`method.request.querystring.q`) → 400 "Missing required request parameters: [q]", and the body against the
// JSON Schema model for its content type (API Gateway models are draft-04) → 400 "Invalid request body".
// Declared by SAM's RequestModel (ValidateBody / ValidateParameters), a method's RequestValidatorId with
// RequestModels / RequestParameters, or OpenAPI's x-amazon-apigateway-request-validator(s).
import { Validator } from '@cfworker/json-schema';
import type { ApiDecl, ApiRequestGuardFactory, GuardDecision, HttpRequestInfo, RouteDecl } from '../routeTypes';
import { refuse } from './authAnswers';

interface Validation {
  body: boolean;
  params: boolean;
  /** Content type (or `$default`) → JSON Schema. */
  models: Record<string, unknown>;
  /** `method.request.<querystring|header|path>.<name>` that must be present. */
  required: string[];
}

const ALLOW: GuardDecision = { allow: true };
const isRec = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Required parameters from `{ 'method.request.x.y': true }` or SAM's list (`'method.request.x.y'` or `{ …: { Required: true } }`). */
function requiredParams(v: unknown): string[] {
  const out: string[] = [];
  const add = (name: string, flag: unknown) => {
    if (flag === true || flag === 'true' || (isRec(flag) && (flag.Required === true || flag.Required === 'true'))) out.push(name);
  };
  if (Array.isArray(v)) for (const item of v) if (isRec(item)) for (const [k, x] of Object.entries(item)) add(k, x);
  if (isRec(v)) for (const [k, x] of Object.entries(v)) add(k, x);
  return out;
}

function modelOf(api: ApiDecl, ref: unknown): unknown {
  return typeof ref === 'string' ? api.models?.[ref] : ref;
}

function validationOf(api: ApiDecl, route: RouteDecl): Validation | undefined {
  if (api.kind !== 'rest') return undefined;
  const rm = route.requestModels;
  if (rm && typeof rm.Model === 'string' && route.source.eventName !== undefined) {
    // SAM's RequestModel: validation only where ValidateBody / ValidateParameters ask for it.
    const body = rm.ValidateBody === true;
    const params = rm.ValidateParameters === true;
    if (!body && !params) return undefined;
    return { body, params, models: { 'application/json': modelOf(api, rm.Model) }, required: requiredParams(route.requestParameters) };
  }
  const v = route.requestValidator ? api.requestValidators?.[route.requestValidator] : undefined;
  if (!v || (!v.body && !v.params)) return undefined;
  const models: Record<string, unknown> = {};
  for (const [type, ref] of Object.entries(rm ?? {})) models[type.toLowerCase()] = modelOf(api, ref);
  return { body: v.body, params: v.params, models, required: requiredParams(route.requestParameters) };
}

function missingParams(required: string[], req: HttpRequestInfo): string[] {
  return required
    .map((r) => /^method\.request\.(querystring|header|path)\.(.+)$/.exec(r))
    .filter((m): m is RegExpExecArray => m !== null)
    .filter(([, where, name]) => {
      const v = where === 'querystring' ? req.query[name]?.[0] : where === 'header' ? req.headers[name.toLowerCase()]?.[0] : req.pathParameters[name];
      return v === undefined || v === '';
    })
    .map(([, , name]) => name);
}

export const requestValidatorGuard: ApiRequestGuardFactory = {
  name: 'request validators',
  create(deps) {
    const compiled = new WeakMap<object, Validator>();
    const validator = (schema: object): Validator => {
      let v = compiled.get(schema);
      if (!v) {
        v = new Validator(schema as ConstructorParameters<typeof Validator>[0], '4', true);
        compiled.set(schema, v);
      }
      return v;
    };
    return (ctx) => {
      const { api, route, request } = ctx;
      const val = validationOf(api, route);
      if (!val) return Promise.resolve(ALLOW);
      if (val.params) {
        const missing = missingParams(val.required, request);
        if (missing.length) return Promise.resolve(refuse(api.kind, 'badParams', {}, missing.join(', ')));
      }
      if (val.body) {
        // A request without a Content-Type is validated against the application/json model, as API Gateway does.
        const type = (request.headers['content-type']?.[0] ?? 'application/json').split(';')[0].trim().toLowerCase();
        const schema = val.models[type] ?? val.models.$default;
        if (schema === undefined && (type in val.models || '$default' in val.models)) {
          deps.warn(`Route ${route.routeKey} of "${api.id}" validates its body against a model the API does not declare; the body is not checked.`);
        }
        if (isRec(schema)) {
          let body: unknown;
          try {
            body = JSON.parse(request.body.toString('utf8'));
          } catch {
            return Promise.resolve(refuse(api.kind, 'badBody'));
          }
          if (!validator(schema).validate(body).valid) return Promise.resolve(refuse(api.kind, 'badBody'));
        }
      }
      return Promise.resolve(ALLOW);
    };
  },
};
