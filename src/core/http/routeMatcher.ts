// core/http: route selection as API Gateway does it: the most specific path wins (a literal segment over a
// `{param}`, a `{param}` over a greedy `{proxy+}`), an exact method over ANY, and `$default` only when nothing
// else matches. REST APIs (and HTTP APIs with a named stage) are also reached under their stage (`/Prod/pets`).
import type { ApiDecl, RouteDecl } from './routeTypes';

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

export interface CompiledRoute {
  api: ApiDecl;
  route: RouteDecl;
  segments: Segment[];
}

export interface RouteMatch {
  api: ApiDecl;
  route: RouteDecl;
  pathParameters: Record<string, string>;
  /** The path the route matched (the stage prefix removed for REST). */
  path: string;
  /** True when the request carried the API's `/<stage>` prefix. */
  viaStage: boolean;
}

/** REST APIs, and HTTP APIs with a named stage, are reached under `/<stage>/…` too (SAM's start-api serves them without). */
export function hasStagePrefix(api: ApiDecl): boolean {
  return api.kind === 'rest' || (api.kind === 'http' && api.stage !== '$default');
}

export function compileSegments(path: string): Segment[] {
  if (path === '/' || path === '$default') return [];
  return path
    .split('/')
    .slice(1)
    .map((s): Segment => {
      const m = /^\{([^}]+?)(\+?)\}$/.exec(s);
      if (!m) return { kind: 'literal', value: s };
      return m[2] ? { kind: 'greedy', name: m[1] } : { kind: 'param', name: m[1] };
    });
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Path parameters when `segments` match `parts` (decoded request segments), else undefined. */
function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.kind === 'greedy') {
      // `{proxy+}` takes one or more segments: `/files/{proxy+}` does not match `/files`.
      if (i >= parts.length) return undefined;
      params[s.name] = parts.slice(i).join('/');
      return params;
    }
    if (i >= parts.length) return undefined;
    if (s.kind === 'literal') {
      if (s.value !== parts[i]) return undefined;
    } else {
      if (parts[i] === '') return undefined;
      params[s.name] = parts[i];
    }
  }
  return segments.length === parts.length ? params : undefined;
}

/** Higher is more specific; compared segment by segment. */
function specificity(c: CompiledRoute): number[] {
  const rank = c.segments.map((s) => (s.kind === 'literal' ? 3 : s.kind === 'param' ? 2 : 1));
  return [...rank, 0, c.route.method === 'ANY' ? 0 : 1];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? -1) - (a[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

/** The routes of the APIs that share one port, ordered so that the first match is API Gateway's choice. */
export class RouteMatcher {
  private readonly routes: CompiledRoute[];
  private readonly defaults: CompiledRoute[];
  private readonly stagePrefixes: Map<string, ApiDecl[]>;

  constructor(apis: readonly ApiDecl[]) {
    const all = apis.flatMap((api) => api.routes.map((route) => ({ api, route, segments: compileSegments(route.path) })));
    this.routes = all.filter((c) => !c.route.isDefault).sort((a, b) => compare(specificity(a), specificity(b)));
    this.defaults = all.filter((c) => c.route.isDefault);
    this.stagePrefixes = new Map();
    for (const api of apis) if (hasStagePrefix(api)) this.stagePrefixes.set(api.stage, [...(this.stagePrefixes.get(api.stage) ?? []), api]);
  }

  /** The route for `method` on `rawPath` (percent-encoded, no query); `pathOnly` ignores the method (CORS preflight). */
  match(method: string, rawPath: string, pathOnly = false): RouteMatch | undefined {
    const parts = rawPath === '/' || rawPath === '' ? [] : rawPath.split('/').slice(1).map(decode);
    // A trailing slash is ignored, as API Gateway ignores it (`/pets/` is `/pets`).
    if (parts.length && parts[parts.length - 1] === '') parts.pop();
    const found = this.find(method, parts, pathOnly, undefined);
    if (found) return { ...found, path: '/' + parts.join('/'), viaStage: false };
    const stageApis = parts.length ? this.stagePrefixes.get(parts[0]) : undefined;
    if (stageApis) {
      const rest = parts.slice(1);
      const viaStage = this.find(method, rest, pathOnly, new Set(stageApis));
      if (viaStage) return { ...viaStage, path: '/' + rest.join('/'), viaStage: true };
    }
    const def = this.defaults.find((d) => pathOnly || d.route.method === 'ANY' || d.route.method === method);
    return def ? { api: def.api, route: def.route, pathParameters: {}, path: '/' + parts.join('/'), viaStage: false } : undefined;
  }

  private find(method: string, parts: string[], pathOnly: boolean, only: Set<ApiDecl> | undefined): Omit<RouteMatch, 'path' | 'viaStage'> | undefined {
    for (const c of this.routes) {
      if (only && !only.has(c.api)) continue;
      if (!pathOnly && c.route.method !== 'ANY' && c.route.method !== method) continue;
      const params = matchSegments(c.segments, parts);
      if (params) return { api: c.api, route: c.route, pathParameters: params };
    }
    return undefined;
  }

}

/** Two routes of different APIs that would answer the same requests: same path shape and overlapping methods. */
export function routesClash(a: RouteDecl, b: RouteDecl): boolean {
  if (a.isDefault || b.isDefault) return a.isDefault && b.isDefault;
  const shape = (p: string) => compileSegments(p).map((s) => (s.kind === 'literal' ? s.value : s.kind === 'param' ? '{}' : '{+}')).join('/');
  if (shape(a.path) !== shape(b.path)) return false;
  return a.method === 'ANY' || b.method === 'ANY' || a.method === b.method;
}
