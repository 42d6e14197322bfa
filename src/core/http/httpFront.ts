// core/http: the facade `service.http`: the template's APIs and function URLs as a route table, and the servers
// that serve them (all APIs on the API port unless their routes clash, one port per function URL). A template
// reload re-routes the listening servers; APIs that remain keep their ports.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Disposable } from '../common/disposable';
import { WorkbenchError } from '../common/errors';
import { Emitter, type Event } from '../common/events';
import type { InvokeOptions, InvokeResult } from '../invoke/invokeTypes';
import type { TemplateModel } from '../model/functionConfig';
import type { HttpRequestLog } from './httpDispatch';
import { authNotes } from './auth/authNotes';
import { HttpSite } from './httpSite';
import { REQUEST_GUARDS } from './plugins';
import { planPorts } from './portPlan';
import { hasStagePrefix } from './routeMatcher';
import { routeRows } from './routeTable';
import type { ApiDecl, ApiRequestGuard, BrokenHttpDecl, GuardDeps, RouteTableRow, ServedApi } from './routeTypes';

export type { HttpRequestLog } from './httpDispatch';

export interface HttpFrontDeps {
  template(): Promise<TemplateModel>;
  reload(): Promise<TemplateModel>;
  invoke(functionName: string, payload: string, options: InvokeOptions): Promise<InvokeResult>;
  accountId: string;
  /** For execute-api ARNs (default us-east-1). */
  region?: string;
  warn(message: string): void;
  now(): number;
}

export interface HttpListenOptions {
  /** Port of the APIs (default 3000, as SAM's start-api); 0 picks free ports. */
  apiPort?: number;
  /** First function URL port (default 9000), counting up; 0 picks free ports. */
  urlPort?: number;
  /** Reload the template when its file changes (default true). */
  watchTemplate?: boolean;
}

export interface HttpRoutes {
  apis: ApiDecl[];
  rows: RouteTableRow[];
  broken: BrokenHttpDecl[];
  /** What is checked differently locally (AWS_IAM, JWT keys, API keys), to print under the table. */
  notes: string[];
}

export interface HttpHandle {
  /** The APIs as served now (ports, base URLs). */
  readonly served: readonly ServedApi[];
  rows(): RouteTableRow[];
  /** After a template reload re-routed the servers. */
  readonly onDidRoute: Event<RouteTableRow[]>;
  close(): Promise<void>;
}

const PORT_ATTEMPTS = 100;

class Listening implements HttpHandle {
  private readonly sites = new Map<string, HttpSite>();
  private readonly slots = new Map<string, { kind: 'api' | 'url'; slot: number }>();
  private readonly routed = new Emitter<RouteTableRow[]>();
  private readonly warned = new Set<string>();
  private readonly guards: ApiRequestGuard[];
  private readonly guardDeps: GuardDeps;
  private applying: Promise<void> = Promise.resolve();
  private model: TemplateModel | undefined;
  private watcher: FSWatcher | undefined;
  private closed = false;
  readonly onDidRoute = this.routed.event;

  constructor(
    private readonly deps: HttpFrontDeps,
    private readonly options: Required<HttpListenOptions>,
    private readonly requests: Emitter<HttpRequestLog>,
  ) {
    this.guardDeps = {
      invoke: async (fn, q, event) => {
        const r = await deps.invoke(fn, JSON.stringify(event), { qualifier: q, origin: 'http' });
        return { payload: r.payload, functionError: r.functionError };
      },
      warn: (m) => this.warnOnce(m),
      templateDir: '.',
      now: deps.now,
      accountId: deps.accountId,
      region: deps.region ?? 'us-east-1',
    };
    this.guards = REQUEST_GUARDS.map((g) => g.create(this.guardDeps));
  }

  get served(): readonly ServedApi[] {
    const out: ServedApi[] = [];
    for (const site of this.sites.values()) for (const api of site.apis) out.push({ api, port: site.port, baseUrl: site.url, stagePrefix: hasStagePrefix(api) ? 'optional' : 'none' });
    return out;
  }

  rows(): RouteTableRow[] {
    return routeRows(this.model?.http?.apis ?? [], this.served);
  }

  warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.deps.warn(message);
  }

  /** Routes `model` (serialised: a reload during a reload waits its turn). */
  apply(model: TemplateModel): Promise<void> {
    const run = this.applying.then(() => this.route(model));
    this.applying = run.catch((e: unknown) => this.warnOnce(`Could not re-route the APIs: ${(e as Error).message}`));
    return run;
  }

  private async route(model: TemplateModel): Promise<void> {
    if (this.closed || model === this.model) return;
    const first = this.model === undefined;
    this.model = model;
    if (model.templatePath) this.guardDeps.templateDir = dirname(model.templatePath);
    if (first && this.options.watchTemplate && model.templatePath) this.watch(model.templatePath);
    const groups = planPorts(model.http?.apis ?? [], this.slots);
    const keep = new Set<string>();
    this.slots.clear();
    for (const g of groups) {
      const key = `${g.kind}:${g.slot}`;
      keep.add(key);
      for (const api of g.apis) this.slots.set(api.id, { kind: g.kind, slot: g.slot });
      const site = this.sites.get(key);
      if (site) site.update(g.apis);
      else this.sites.set(key, await this.open(g.kind, g.slot, g.apis));
    }
    for (const [key, site] of this.sites) {
      if (keep.has(key)) continue;
      this.sites.delete(key);
      await site.close();
    }
    if (!first) this.routed.fire(this.rows());
  }

  private async open(kind: 'api' | 'url', slot: number, apis: ApiDecl[]): Promise<HttpSite> {
    const base = kind === 'api' ? this.options.apiPort : this.options.urlPort;
    const flag = kind === 'api' ? '--api-port' : '--url-port';
    const deps = { accountId: this.deps.accountId, invoke: this.deps.invoke, guards: () => this.guards, warnOnce: (m: string) => this.warnOnce(m), log: (e: HttpRequestLog) => this.requests.fire(e) };
    // The first API port is the one asked for; an API whose routes clash (and each URL) takes the next free one.
    if (base === 0 || (kind === 'api' && slot === 0)) return HttpSite.listen(base, apis, deps, flag);
    const taken = new Set([...this.sites.values()].map((s) => s.port));
    let port = base + slot;
    for (let i = 0; i < PORT_ATTEMPTS; i++, port++) {
      if (taken.has(port) || port > 65535) continue;
      try {
        return await HttpSite.listen(port, apis, deps, flag);
      } catch (e) {
        if (!(e instanceof WorkbenchError && e.code === 'API_PORT_IN_USE')) throw e;
      }
    }
    throw new WorkbenchError('API_PORT_IN_USE', `No free port on 127.0.0.1 from ${base + slot} to ${port - 1} for ${apis.map((a) => `"${a.id}"`).join(', ')}; choose another ${flag}.`);
  }

  /** Editors replace files (rename) as often as they write them: watch the folder, filter by name, debounce. */
  private watch(templatePath: string): void {
    let timer: NodeJS.Timeout | undefined;
    const name = basename(templatePath);
    try {
      this.watcher = watch(dirname(templatePath), { persistent: false }, (_event, file) => {
        if (file !== null && file !== name) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.deps.reload().catch((e: unknown) => this.warnOnce(`Template reload failed; the APIs keep their routes: ${(e as Error).message}`));
        }, 150);
      });
      this.watcher.on('error', () => undefined);
    } catch (e) {
      this.warnOnce(`Cannot watch ${templatePath} for changes (${(e as Error).message}); restart to pick up route changes.`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.watcher?.close();
    this.routed.dispose();
    await this.applying;
    await Promise.all([...this.sites.values()].map((s) => s.close()));
    this.sites.clear();
  }
}

export class HttpFront implements Disposable {
  private readonly requests = new Emitter<HttpRequestLog>();
  private listening: Listening | undefined;
  /** Every request the servers answered (method, path, function, status, duration), for logs. */
  readonly onRequest: Event<HttpRequestLog> = this.requests.event;

  constructor(private readonly deps: HttpFrontDeps) {}

  /** The template's APIs and routes, without serving them. */
  async routes(): Promise<HttpRoutes> {
    const model = await this.deps.template();
    const apis = model.http?.apis ?? [];
    return { apis, rows: this.listening ? this.listening.rows() : routeRows(apis), broken: model.http?.broken ?? [], notes: authNotes(apis) };
  }

  /** Serves the APIs and URLs until the handle (or the service) is closed. One listener per service. */
  async listen(options: HttpListenOptions = {}): Promise<HttpHandle> {
    if (this.listening) throw new WorkbenchError('RESOURCE_CONFLICT', 'The APIs are already being served by this engine; close the first listener before listening again.');
    // The model first: were the listener registered while the template loads, the load's own modelLoaded()
    // would route it and swallow a port-in-use error, and apply() below would find nothing left to do.
    const model = await this.deps.template();
    if (this.listening) throw new WorkbenchError('RESOURCE_CONFLICT', 'The APIs are already being served by this engine; close the first listener before listening again.');
    const l = new Listening(this.deps, { apiPort: options.apiPort ?? 3000, urlPort: options.urlPort ?? 9000, watchTemplate: options.watchTemplate ?? true }, this.requests);
    this.listening = l;
    try {
      await l.apply(model);
    } catch (e) {
      this.listening = undefined;
      await l.close();
      throw e;
    }
    const close = l.close.bind(l);
    l.close = async () => {
      if (this.listening === l) this.listening = undefined;
      await close();
    };
    return l;
  }

  /** The service loaded (or reloaded) the template: re-route the servers, if listening. */
  modelLoaded(model: TemplateModel): void {
    void this.listening?.apply(model).catch(() => undefined);
  }

  async dispose(): Promise<void> {
    await this.listening?.close();
    this.requests.dispose();
  }
}
