// core/http: the route table `routes` and `start` print: one row per route, with its URL on the local server
// (or its path when not served), the function, the API kind and payload format, and how it is authorised.
import { hasStagePrefix } from './routeMatcher';
import type { ApiDecl, RouteDecl, RouteTableRow, ServedApi } from './routeTypes';

function authOf(api: ApiDecl, route: RouteDecl): string {
  if (api.kind === 'url') return api.url?.authType === 'AWS_IAM' ? 'AWS_IAM (any SigV4 accepted locally)' : 'NONE';
  const parts: string[] = [];
  const authorizer = route.auth?.authorizer ?? api.defaultAuthorizer;
  if (authorizer && authorizer !== 'NONE') parts.push(authorizer);
  if (route.auth?.scopes?.length) parts.push(`scopes ${route.auth.scopes.join(' ')}`);
  if (route.auth?.apiKeyRequired ?? api.apiKeyRequired) parts.push('API key');
  return parts.join(', ') || 'NONE';
}

function displayPath(route: RouteDecl): string {
  return route.isDefault ? '/*' : route.path;
}

export function routeRows(apis: readonly ApiDecl[], served: readonly ServedApi[] = []): RouteTableRow[] {
  const rows: RouteTableRow[] = [];
  for (const api of apis) {
    const s = served.find((x) => x.api.id === api.id);
    for (const route of api.routes) {
      const notes: string[] = [];
      const path = displayPath(route);
      if (hasStagePrefix(api) && !route.isDefault) notes.push(`also ${s ? s.baseUrl : ''}/${api.stage}${route.path === '/' ? '' : route.path}`);
      if (api.url?.invokeMode === 'RESPONSE_STREAM') notes.push('RESPONSE_STREAM');
      if (route.integration.qualifier) notes.push(`qualifier ${route.integration.qualifier}`);
      if (api.cors) notes.push('CORS');
      rows.push({
        apiId: api.id,
        kind: api.kind,
        method: route.method,
        url: s ? `${s.baseUrl}${path}` : path,
        path,
        functionName: route.integration.functionName,
        ...(route.integration.qualifier ? { qualifier: route.integration.qualifier } : {}),
        payloadFormatVersion: route.integration.payloadFormatVersion,
        auth: authOf(api, route),
        notes,
      });
    }
  }
  return rows;
}
