// vscode layer: the APIs view (issue 17): each template's API Gateway HTTP and REST APIs with their routes
// (method, path → function) and each function URL, read from the loaded models (no engine is started to list
// them). While Start Local Lambda API serves the template, the APIs and routes show their local URLs.
// Grouped by template when several templates have APIs; declarations that could not be read show as problems.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { routeRows } from '../../core/http/routeTable';
import type { ApiDecl, BrokenHttpDecl, RouteDecl, ServedApi } from '../../core/http/routeTypes';
import { TREE_ITEMS } from '../ids';
import type { WorkspaceServices } from '../workspaceServices';
import { defaultPath } from './httpClient';

/** A route or a function URL: what Open in Browser, Copy URL and Send Request act on. */
export interface RouteTarget {
  templatePath: string;
  api: ApiDecl;
  route: RouteDecl;
}

export type ApiNode =
  | { kind: 'apiTemplate'; templatePath: string; label: string }
  | { kind: 'api'; templatePath: string; api: ApiDecl }
  | ({ kind: 'route'; index: number } & RouteTarget)
  | ({ kind: 'functionUrl' } & RouteTarget)
  | { kind: 'apiProblem'; templatePath: string; broken: BrokenHttpDecl };

export type RouteNode = Extract<ApiNode, { kind: 'route' | 'functionUrl' }>;

const KIND_LABEL: Record<ApiDecl['kind'], string> = { http: 'HTTP API', rest: 'REST API', url: 'Function URL' };

/** The served API of a declaration, by its stable id. */
export const servedOf = (served: readonly ServedApi[], api: ApiDecl): ServedApi | undefined => served.find((s) => s.api.id === api.id);

/** The local URL of a route as served now (path parameters left as `{name}`), or undefined when not served. */
export function routeUrl(served: readonly ServedApi[], t: Pick<RouteTarget, 'api' | 'route'>): string | undefined {
  const s = servedOf(served, t.api);
  return s ? `${s.baseUrl}${defaultPath(t.route)}` : undefined;
}

const functionOf = (route: RouteDecl): string => `${route.integration.functionName}${route.integration.qualifier ? `:${route.integration.qualifier}` : ''}`;

export class ApisTreeProvider implements vscode.TreeDataProvider<ApiNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ApiNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly parents = new Map<ApiNode, ApiNode>();

  constructor(
    private readonly services: WorkspaceServices,
    /** The template's APIs as served now (LocalLambdaApi.served). */
    private readonly served: (templatePath: string) => readonly ServedApi[],
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: ApiNode): Promise<ApiNode[]> {
    if (!node) {
      this.parents.clear();
      const entries = (await this.services.templates()).filter((e) => (e.model?.http?.apis.length ?? 0) + (e.model?.http?.broken.length ?? 0) > 0);
      if (entries.length === 1) return this.apisOf(entries[0].uri.fsPath);
      return entries.map((e): ApiNode => ({ kind: 'apiTemplate', templatePath: e.uri.fsPath, label: vscode.workspace.asRelativePath(e.uri) || path.basename(e.uri.fsPath) }));
    }
    if (node.kind === 'apiTemplate') return this.adopt(node, await this.apisOf(node.templatePath));
    if (node.kind === 'api') return this.adopt(node, node.api.routes.map((route, index): ApiNode => ({ kind: 'route', templatePath: node.templatePath, api: node.api, route, index })));
    return [];
  }

  private adopt(parent: ApiNode, children: ApiNode[]): ApiNode[] {
    for (const c of children) this.parents.set(c, parent);
    return children;
  }

  /** A template's APIs (REST and HTTP first, in template order), then its function URLs, then its problems. */
  private async apisOf(templatePath: string): Promise<ApiNode[]> {
    const entry = (await this.services.templates()).find((e) => e.uri.fsPath === templatePath);
    const http = entry?.model?.http;
    if (!http) return [];
    const apis = http.apis.filter((a) => a.kind !== 'url').map((api): ApiNode => ({ kind: 'api', templatePath, api }));
    const urls = http.apis.filter((a) => a.kind === 'url' && a.routes.length).map((api): ApiNode => ({ kind: 'functionUrl', templatePath, api, route: api.routes[0] }));
    const problems = http.broken.map((broken): ApiNode => ({ kind: 'apiProblem', templatePath, broken }));
    return [...apis, ...urls, ...problems];
  }

  getParent(node: ApiNode): ApiNode | undefined {
    return this.parents.get(node);
  }

  /** Every route and function URL (building the tree if it was never opened): what the commands choose from. */
  async routes(): Promise<RouteNode[]> {
    const out: RouteNode[] = [];
    const walk = async (nodes: ApiNode[]): Promise<void> => {
      for (const n of nodes) {
        if (n.kind === 'route' || n.kind === 'functionUrl') out.push(n);
        else if (n.kind === 'apiTemplate' || n.kind === 'api') await walk(await this.getChildren(n));
      }
    };
    await walk(await this.getChildren());
    return out;
  }

  getTreeItem(node: ApiNode): vscode.TreeItem {
    switch (node.kind) {
      case 'apiTemplate': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `apiTemplate:${node.templatePath}`;
        item.iconPath = new vscode.ThemeIcon('file-code');
        return item;
      }
      case 'api': {
        const { api } = node;
        const s = servedOf(this.served(node.templatePath), api);
        const item = new vscode.TreeItem(api.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `api:${node.templatePath}#${api.id}`;
        item.contextValue = TREE_ITEMS.api;
        item.iconPath = new vscode.ThemeIcon('globe');
        item.description = [KIND_LABEL[api.kind], api.kind === 'rest' || api.stage !== '$default' ? `stage ${api.stage}` : undefined, s?.baseUrl].filter(Boolean).join(' · ');
        item.tooltip = [`${KIND_LABEL[api.kind]} ${api.id}${api.implicit ? ' (SAM implicit API)' : ''}`, s ? `Served at ${s.baseUrl}${s.stagePrefix === 'optional' ? ` (also under /${api.stage})` : ''}` : 'Not served: Lambda: Start Local Lambda API serves it', api.cors ? 'CORS configured' : undefined].filter(Boolean).join('\n');
        return item;
      }
      case 'route':
      case 'functionUrl':
        return this.routeItem(node);
      case 'apiProblem': {
        const item = new vscode.TreeItem(node.broken.logicalId, vscode.TreeItemCollapsibleState.None);
        item.contextValue = TREE_ITEMS.apiProblem;
        item.iconPath = new vscode.ThemeIcon('error');
        item.description = node.broken.error.message;
        item.tooltip = `${node.broken.resourceType}: ${node.broken.error.message}`;
        return item;
      }
    }
  }

  private routeItem(node: RouteNode): vscode.TreeItem {
    const { api, route } = node;
    const served = this.served(node.templatePath);
    const url = routeUrl(served, node);
    const row = routeRows([api], served)[api.routes.indexOf(route)];
    const isUrl = node.kind === 'functionUrl';
    const item = new vscode.TreeItem(isUrl ? functionOf(route) : `${route.method} ${route.isDefault ? '$default' : route.path}`, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.kind}:${node.templatePath}#${api.id}#${route.routeKey}`;
    item.contextValue = isUrl ? TREE_ITEMS.functionUrl : route.method === 'GET' || route.method === 'ANY' ? TREE_ITEMS.routeGet : TREE_ITEMS.route;
    item.iconPath = new vscode.ThemeIcon(isUrl ? 'link' : 'arrow-right');
    item.description = isUrl ? [url ?? 'Function URL', api.url?.invokeMode === 'RESPONSE_STREAM' ? 'streaming' : undefined].filter(Boolean).join(' · ') : [`→ ${functionOf(route)}`, url].filter(Boolean).join(' · ');
    item.tooltip = [
      `${route.routeKey} → ${functionOf(route)} (payload ${route.integration.payloadFormatVersion})`,
      url ? `Local URL: ${url}` : 'Not served: Send Request starts the local server',
      row ? `Auth: ${row.auth}` : undefined,
      ...(row?.notes ?? []),
    ].filter(Boolean).join('\n');
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
