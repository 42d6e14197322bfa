// core/http: one listening port (node:http on 127.0.0.1, keep-alive) and the APIs served on it. Its routes can be
// swapped while it listens (a template reload re-routes without restarting the server).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkbenchError } from '../common/errors';
import { dispatch, type DispatchDeps } from './httpDispatch';
import { RouteMatcher } from './routeMatcher';
import type { ApiDecl, ApiKind } from './routeTypes';

export class HttpSite {
  private matcher: RouteMatcher;
  private kind: ApiKind;
  private apisNow: ApiDecl[];
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    apis: ApiDecl[],
  ) {
    this.apisNow = apis;
    this.matcher = new RouteMatcher(apis);
    this.kind = apis[0]?.kind ?? 'http';
  }

  get apis(): readonly ApiDecl[] {
    return this.apisNow;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens on `port` (0 = a free one); EADDRINUSE rejects with API_PORT_IN_USE naming `flag`. */
  static async listen(port: number, apis: ApiDecl[], deps: DispatchDeps, flag: string): Promise<HttpSite> {
    const holder: { site?: HttpSite } = {};
    const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (req, res) => {
      const s = holder.site!;
      dispatch(req, res, s.matcher, s.kind, deps).catch((e: unknown) => {
        deps.warnOnce(`HTTP front door error on ${req.method} ${req.url}: ${(e as Error).message}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"Internal Server Error"}');
        else res.destroy();
      });
    });
    server.headersTimeout = 60_000;
    server.requestTimeout = 0; // a function URL may run for up to 15 minutes
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(e.code === 'EADDRINUSE' ? new WorkbenchError('API_PORT_IN_USE', `Port ${port} on 127.0.0.1 is in use; choose another with ${flag}, or stop what listens there.`, { cause: e }) : e),
      );
      server.listen(port, '127.0.0.1', () => resolve());
    });
    holder.site = new HttpSite(server, (server.address() as AddressInfo).port, apis);
    return holder.site;
  }

  /** New routes for the next request; requests under way finish with the old ones. */
  update(apis: ApiDecl[]): void {
    this.apisNow = apis;
    this.matcher = new RouteMatcher(apis);
    this.kind = apis[0]?.kind ?? this.kind;
  }

  close(): Promise<void> {
    return (this.closing ??= new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      setTimeout(() => this.server.closeAllConnections(), 100).unref();
    }));
  }
}
