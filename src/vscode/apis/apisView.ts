// vscode layer: the APIs view's wiring: its tree, the response documents, the route commands, the `hasApis`
// context key (from the loaded models, so the palette offers the commands before the view is opened), and when
// it re-renders: template changes and the local server starting, stopping or re-routing.
import * as vscode from 'vscode';
import type { LocalLambdaApi } from '../api/localLambdaApi';
import { registerRouteCommands } from '../commands/routeCommands';
import type { CommandDeps } from '../commands/targets';
import { CONTEXT_KEYS, VIEWS } from '../ids';
import { ApisTreeProvider } from './apisTreeProvider';
import { ResponseDocuments } from './responseDocuments';

export function registerApisView(deps: CommandDeps, localApi: LocalLambdaApi): vscode.Disposable & { provider: ApisTreeProvider } {
  const provider = new ApisTreeProvider(deps.services, (templatePath) => localApi.served(templatePath));
  const view = vscode.window.createTreeView(VIEWS.apis, { treeDataProvider: provider, showCollapseAll: true });
  const responses = new ResponseDocuments();
  let hasApis: boolean | undefined;
  const updateContext = (): void => {
    const now = deps.services.loaded().some((e) => (e.model?.http?.apis.length ?? 0) > 0);
    if (now === hasApis) return;
    hasApis = now;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasApis, now);
  };
  updateContext();
  const disposable = vscode.Disposable.from(
    provider,
    view,
    responses,
    responses.register(),
    registerRouteCommands(deps, localApi, provider, responses),
    deps.services.onDidChange(() => {
      updateContext();
      provider.refresh();
    }),
    localApi.onDidChangeServers(() => provider.refresh()),
  );
  return Object.assign(disposable, { provider });
}
