// vscode layer: the commands on an API route or a function URL (issue 17): Open in Browser, Copy URL and Send
// Request… (a quick HTTP client). Each serves the template first when it is not served (as Start Local Lambda API
// does), because a route's local URL exists only while its server listens. Arguments: an APIs-view node, a
// `{templatePath?, functionName}` (the CodeLens: that function's routes), a route key or function name, or nothing
// (a quick pick over every route).
import * as vscode from 'vscode';
import type { LocalLambdaApi } from '../api/localLambdaApi';
import { routeUrl, servedOf, type ApisTreeProvider, type RouteTarget } from '../apis/apisTreeProvider';
import { renderExchange, sendHttp, type HttpAnswer } from '../apis/httpClient';
import { requestFor, type RequestInput } from '../apis/requestPrompts';
import type { ResponseDocuments } from '../apis/responseDocuments';
import { COMMANDS } from '../ids';
import { guarded, type CommandDeps } from './targets';

export type RouteArg = RouteTarget | { templatePath?: string; functionName: string } | string | undefined;

export interface SentRequest {
  url: string;
  status: number;
  headers: [string, string][];
  body: string;
  /** The response document's URI. */
  document: string;
}

const KIND: Record<string, string> = { http: 'HTTP API', rest: 'REST API', url: 'Function URL' };

async function resolveRoute(apis: ApisTreeProvider, arg: RouteArg, title: string): Promise<RouteTarget | undefined> {
  if (arg && typeof arg === 'object' && 'route' in arg && 'api' in arg) return arg;
  let all = await apis.routes();
  if (arg && typeof arg === 'object') all = all.filter((r) => r.route.integration.functionName === arg.functionName && (!arg.templatePath || r.templatePath === arg.templatePath));
  else if (typeof arg === 'string') all = all.filter((r) => r.route.routeKey === arg || r.route.integration.functionName === arg || r.api.id === arg);
  if (all.length === 0) {
    const what = typeof arg === 'string' ? `"${arg}"` : arg ? `function "${arg.functionName}"` : 'the workspace';
    throw new Error(`No API route or function URL for ${what}: add an Api or HttpApi event, or a FunctionUrlConfig, to a function in the template.`);
  }
  if (all.length === 1) return all[0];
  const pick = await vscode.window.showQuickPick(
    all.map((t) => ({
      label: t.api.kind === 'url' ? `${t.route.integration.functionName} (function URL)` : `${t.route.method} ${t.route.isDefault ? '$default' : t.route.path}`,
      description: `→ ${t.route.integration.functionName} · ${KIND[t.api.kind]} ${t.api.name}`,
      detail: vscode.workspace.asRelativePath(t.templatePath),
      t,
    })),
    { title, matchOnDescription: true },
  );
  return pick?.t;
}

export function registerRouteCommands(deps: CommandDeps, localApi: LocalLambdaApi, apis: ApisTreeProvider, responses: ResponseDocuments): vscode.Disposable {
  const { logs } = deps;

  /** The route's local URL (parameters as `{name}`), serving the template first if needed. */
  const urlOf = async (t: RouteTarget): Promise<string> => {
    const url = routeUrl(await localApi.ensureServing(t.templatePath), t);
    if (!url) throw new Error(`${t.api.name} is not served: reload the template (Lambda: Refresh) and try again.`);
    return url;
  };

  const openInBrowser = async (arg?: RouteArg, given?: { path?: string }): Promise<string | undefined> => {
    const t = await resolveRoute(apis, arg, 'Open which route in the browser?');
    if (!t) return undefined;
    let url = await urlOf(t);
    const base = servedOf(localApi.served(t.templatePath), t.api)!.baseUrl;
    let path = given?.path ?? url.slice(base.length);
    if (!given?.path && path.includes('{')) {
      const typed = await vscode.window.showInputBox({ title: 'Open in Browser: path', prompt: 'Replace each {parameter}', value: path, valueSelection: [path.indexOf('{'), path.indexOf('}') + 1], validateInput: (p) => (p.startsWith('/') ? undefined : 'The path starts with "/".') });
      if (typed === undefined) return undefined;
      path = typed;
    }
    url = `${base}${path}`;
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
    logs.info(`[browser] ${url}`);
    return url;
  };

  const copyUrl = async (arg?: RouteArg): Promise<string | undefined> => {
    const t = await resolveRoute(apis, arg, 'Copy the URL of which route?');
    if (!t) return undefined;
    const url = await urlOf(t);
    await vscode.env.clipboard.writeText(url);
    void vscode.window.setStatusBarMessage(`Copied: ${url}`, 3000);
    return url;
  };

  const sendRequest = async (arg?: RouteArg, given?: RequestInput): Promise<SentRequest | undefined> => {
    const t = await resolveRoute(apis, arg, 'Send a request to which route?');
    if (!t) return undefined;
    const spec = await requestFor(t.route, 'Send Request', given);
    if (!spec) return undefined;
    await urlOf(t);
    const base = servedOf(localApi.served(t.templatePath), t.api)!.baseUrl;
    const call = { method: spec.method, url: `${base}${spec.path}`, headers: spec.headers, body: spec.body };
    const answer = await vscode.window.withProgress<HttpAnswer>(
      { location: vscode.ProgressLocation.Notification, title: `${call.method} ${call.url}`, cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return sendHttp(call, abort.signal);
      },
    );
    logs.info(`[send] ${call.method} ${call.url} → ${answer.status} ${answer.statusText} (${answer.durationMs.toFixed(1)} ms, ${answer.body.length} bytes)`);
    const doc = await responses.show(`${t.api.name} ${call.method} ${spec.path.split('?')[0]}`, renderExchange(call, answer));
    return { url: call.url, status: answer.status, headers: answer.headers, body: answer.body.toString('utf8'), document: doc.uri.toString() };
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.routeOpenInBrowser, guarded(logs, openInBrowser)),
    vscode.commands.registerCommand(COMMANDS.routeCopyUrl, guarded(logs, copyUrl)),
    vscode.commands.registerCommand(COMMANDS.routeSendRequest, guarded(logs, sendRequest)),
  );
}
