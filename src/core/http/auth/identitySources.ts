// core/http/auth: identity sources of a Lambda or JWT authorizer (`method.request.header.Authorization`,
// `$request.querystring.token`, `stageVariables.x`, `context.y`) read from a request; they key the result cache.
import type { ApiDecl, HttpRequestInfo, RouteDecl } from '../routeTypes';

export interface IdentitySource {
  where: 'header' | 'query' | 'stage' | 'context';
  name: string;
}

const PATTERNS: [RegExp, IdentitySource['where']][] = [
  [/^(?:\$request\.|method\.request\.|route\.request\.)header\.(.+)$/i, 'header'],
  [/^(?:\$request\.|method\.request\.|route\.request\.)querystring\.(.+)$/i, 'query'],
  [/^\$?stageVariables\.(.+)$/, 'stage'],
  [/^\$?context\.(.+)$/, 'context'],
];

/** A comma-separated string (REST) or a list (HTTP APIs) of mapping expressions; unknown ones are skipped. */
export function parseIdentitySources(v: unknown): IdentitySource[] {
  const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [];
  const out: IdentitySource[] = [];
  for (const raw of items) {
    if (typeof raw !== 'string') continue;
    const s = raw.trim();
    for (const [re, where] of PATTERNS) {
      const m = re.exec(s);
      if (m) {
        out.push({ where, name: m[1] });
        break;
      }
    }
  }
  return out;
}

/** SAM's `Identity` block (Headers, QueryStrings, StageVariables, Context lists) as sources. */
export function samIdentitySources(identity: Record<string, unknown>): IdentitySource[] {
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return [
    ...list(identity.Headers).map((name) => ({ where: 'header' as const, name })),
    ...list(identity.QueryStrings).map((name) => ({ where: 'query' as const, name })),
    ...list(identity.StageVariables).map((name) => ({ where: 'stage' as const, name })),
    ...list(identity.Context).map((name) => ({ where: 'context' as const, name })),
  ];
}

function contextValue(name: string, api: ApiDecl, route: RouteDecl, req: HttpRequestInfo): string | undefined {
  const values: Record<string, string> = {
    requestId: req.requestId,
    httpMethod: req.method,
    path: req.path,
    stage: api.stage,
    apiId: api.id,
    routeKey: route.routeKey,
    resourcePath: route.path,
    'identity.sourceIp': req.sourceIp,
    'identity.userAgent': req.headers['user-agent']?.join(',') ?? '',
  };
  return values[name];
}

/** Each source's value, or undefined where the request lacks it (or it is empty). */
export function identityValues(sources: readonly IdentitySource[], api: ApiDecl, route: RouteDecl, req: HttpRequestInfo): (string | undefined)[] {
  return sources.map((s) => {
    let v: string | undefined;
    if (s.where === 'header') v = req.headers[s.name.toLowerCase()]?.join(',');
    else if (s.where === 'query') v = req.query[s.name]?.join(',');
    else if (s.where === 'stage') v = api.stageVariables[s.name];
    else v = contextValue(s.name, api, route, req);
    return v === '' ? undefined : v;
  });
}
