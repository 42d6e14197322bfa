// cli: `lambda-workbench routes` — the template's API Gateway routes and function URLs (method, path, function,
// API kind and payload format, auth) without starting anything; `start` prints the same table with local URLs.
import type { BrokenHttpDecl, RouteTableRow } from '../core/http/routeTypes';
import type { CliOutput } from './cliOutput';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';
import { printTable } from './table';

const KIND: Record<RouteTableRow['kind'], string> = { http: 'HTTP API', rest: 'REST API', url: 'URL' };

/** METHOD  URL  FUNCTION  API  AUTH  NOTES, then the declarations that could not be read. */
export function printRouteTable(io: CliOutput, rows: readonly RouteTableRow[], broken: readonly BrokenHttpDecl[], notes: readonly string[] = []): void {
  if (rows.length === 0) io.out('No API routes or function URLs in the template.\n');
  else {
    printTable(
      io,
      ['METHOD', 'URL', 'FUNCTION', 'API', 'AUTH', 'NOTES'],
      rows.map((r) => [r.method, r.url, r.functionName + (r.qualifier ? `:${r.qualifier}` : ''), `${r.apiId} (${KIND[r.kind]} ${r.payloadFormatVersion})`, r.auth, r.notes.join('; ')]),
    );
  }
  for (const b of broken) io.out(`${b.resourceType} ${b.logicalId} is not served: [${b.error.code}] ${b.error.message}\n`);
  for (const n of notes) io.out(`Note: ${n}\n`);
}

export function routeJson(rows: readonly RouteTableRow[], broken: readonly BrokenHttpDecl[], notes: readonly string[] = []): unknown {
  return {
    routes: rows,
    notes,
    broken: broken.map((b) => ({ logicalId: b.logicalId, resourceType: b.resourceType, error: { code: b.error.code, message: b.error.message, line: b.error.line ?? null } })),
  };
}

export async function routesCommand(opts: CommonOptions & { json?: boolean }, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
    const { rows, broken, notes } = await service.http.routes();
    if (opts.json) io.out(JSON.stringify(routeJson(rows, broken, notes), null, 2) + '\n');
    else printRouteTable(io, rows, broken, notes);
  });
}
