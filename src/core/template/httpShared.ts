// core/template: what the HTTP readers (SAM events and APIs, API Gateway and Lambda URL resources) share: the
// read state, resolved properties, Ref targets, the function an integration URI names, and positioned errors.
import type { FunctionConfig } from '../model/functionConfig';
import type { ApiDecl, ApiKind, AuthorizerDecl, BrokenHttpDecl, RouteIntegration } from '../http/routeTypes';
import { WorkbenchError } from '../common/errors';
import { isRecord, type ResourceEntry, type TemplateContext } from './context';
import type { Resolver } from './intrinsics';
import type { SourcePos } from './parse';

/** API Gateway's integration timeouts: REST 29 s by default; HTTP APIs 30 s by default, at most 30 s. */
export const REST_TIMEOUT_MS = 29_000;
export const HTTP_TIMEOUT_MS = 30_000;

export class HttpRead {
  readonly apis = new Map<string, ApiDecl>();
  readonly broken: BrokenHttpDecl[] = [];
  private readonly byLogical = new Map<string, FunctionConfig>();
  private readonly byName = new Map<string, FunctionConfig>();

  constructor(
    readonly ctx: TemplateContext,
    readonly resolver: Resolver,
    readonly functions: readonly FunctionConfig[],
    readonly globals: Record<string, unknown>,
  ) {
    for (const f of functions) {
      this.byLogical.set(f.logicalId, f);
      this.byName.set(f.functionName, f);
    }
  }

  /** The resource's properties with intrinsics resolved (unresolvable ones left as written, with a warning). */
  props(e: ResourceEntry, value: unknown = e.properties): Record<string, unknown> {
    const v = this.resolver.resolve(value, { where: `resource "${e.logicalId}"`, pos: linePos(e.line), lenient: true });
    return isRecord(v) ? v : {};
  }

  pos(e: ResourceEntry, obj?: unknown, key?: string): SourcePos | undefined {
    return (obj !== undefined ? this.ctx.at(obj, key) : undefined) ?? linePos(e.line);
  }

  error(e: ResourceEntry, what: string, hint: string, pos?: SourcePos): WorkbenchError {
    return this.ctx.error('TEMPLATE_INVALID', what, hint, pos ?? linePos(e.line));
  }

  /** Runs `read`; a coded error marks the declaration broken (the others are served without it). */
  guard(e: ResourceEntry, read: () => void): void {
    try {
      read();
    } catch (err) {
      if (!(err instanceof WorkbenchError)) throw err;
      this.broken.push({ logicalId: e.logicalId, resourceType: e.type, error: err });
    }
  }

  fnByLogicalId(id: string): FunctionConfig | undefined {
    return this.byLogical.get(id);
  }

  /**
   * The function (and qualifier) an integration names: a Ref/GetAtt to a function of this template, a function
   * ARN (`…:function:Name[:qualifier]`), an API Gateway invocation URI that contains one, or a bare name.
   */
  functionTarget(raw: unknown, resolved: unknown): { functionName: string; qualifier?: string } | undefined {
    const ref = refTarget(raw);
    if (ref) {
      const fn = this.byLogical.get(ref);
      if (fn) return { functionName: fn.functionName };
      const alias = this.ctx.resources.get(ref);
      if (alias?.type === 'AWS::Lambda::Alias') {
        const target = refTarget(alias.properties.FunctionName);
        const aliasFn = target ? this.byLogical.get(target) : undefined;
        const name = this.resolver.resolve(alias.properties.Name, { where: `resource "${ref}"`, lenient: true });
        if (aliasFn && typeof name === 'string') return { functionName: aliasFn.functionName, qualifier: name };
      }
    }
    if (typeof resolved !== 'string') return undefined;
    const m = /:function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?/.exec(resolved);
    const name = m ? m[1] : resolved;
    const fn = this.byName.get(name) ?? this.byLogical.get(name);
    if (!fn) return undefined;
    return m?.[2] ? { functionName: fn.functionName, qualifier: m[2] } : { functionName: fn.functionName };
  }

  /** The API for `id`, created on first use. */
  api(kind: ApiKind, id: string, init: () => ApiDecl): ApiDecl {
    let api = this.apis.get(id);
    if (!api) {
      api = init();
      this.apis.set(id, api);
    }
    if (api.kind !== kind) throw new WorkbenchError('TEMPLATE_INVALID', `"${id}" is a ${api.kind} API, not a ${kind} API`);
    return api;
  }
}

export function linePos(line: number | undefined): SourcePos | undefined {
  return line ? { line, column: 1 } : undefined;
}

/** `X` of `{ Ref: X }` or `{ 'Fn::GetAtt': [X, …] }` / `'X.Attr'`. */
export function refTarget(raw: unknown): string | undefined {
  if (!isRecord(raw)) return undefined;
  if (typeof raw.Ref === 'string') return raw.Ref;
  const att = raw['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') return att[0];
  if (typeof att === 'string') return att.split('.')[0];
  return undefined;
}

export function newApi(kind: ApiKind, id: string, stage: string, line: number | undefined, logicalId = id): ApiDecl {
  return { kind, id, logicalId, name: id, stage, stageVariables: {}, binaryMediaTypes: [], authorizers: [], routes: [], implicit: false, properties: {}, source: { logicalId, templateLine: line } };
}

export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  return out;
}

/** SAM writes `image/png` as `image~1png` (a JSON pointer escape); both forms are accepted. */
export function mediaTypes(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/~1/g, '/')) : [];
}

export function authorizersOf(apiId: string, origin: AuthorizerDecl['origin'], auth: unknown, read: HttpRead, logicalId: string, line?: number): AuthorizerDecl[] {
  if (!isRecord(auth) || !isRecord(auth.Authorizers)) return [];
  return Object.entries(auth.Authorizers).map(([name, p]) => {
    const properties = isRecord(p) ? p : {};
    const decl: AuthorizerDecl = { name, apiId, origin, properties, source: { logicalId, templateLine: line } };
    const target = read.functionTarget(undefined, properties.FunctionArn);
    if (target) decl.functionName = target.functionName;
    return decl;
  });
}

export function integration(target: { functionName: string; qualifier?: string }, payloadFormatVersion: '1.0' | '2.0', timeoutMs: number): RouteIntegration {
  const out: RouteIntegration = { functionName: target.functionName, payloadFormatVersion, timeoutMs };
  if (target.qualifier) out.qualifier = target.qualifier;
  return out;
}

/** `METHOD` upper-cased, SAM's `any` → ANY; undefined when not an HTTP method. */
export function methodOf(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = v.toUpperCase();
  return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'].includes(m) ? m : m === '*' ? 'ANY' : undefined;
}

/** A route path as API Gateway keeps it: leading slash, no trailing slash (except `/`). */
export function normalPath(p: string): string {
  let s = p.startsWith('/') ? p : `/${p}`;
  while (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  return s;
}
