// vscode layer: the Environments view's wiring — its tree, its commands, and when it re-renders (each START and
// END line of any engine, each invoke, Stop All), kept out of the composition root.
import * as vscode from 'vscode';
import type { CommandDeps } from '../commands/targets';
import { VIEWS } from '../ids';
import { registerEnvironmentCommands } from './environmentCommands';
import { EnvironmentsTreeProvider } from './environmentsTreeProvider';

export function registerEnvironmentsView(deps: CommandDeps): vscode.Disposable & { provider: EnvironmentsTreeProvider } {
  const provider = new EnvironmentsTreeProvider(deps.services);
  const disposable = vscode.Disposable.from(
    provider,
    vscode.window.createTreeView(VIEWS.environments, { treeDataProvider: provider }),
    registerEnvironmentCommands(deps, provider),
    deps.services.onLog((e) => {
      if (/^(INIT_START|START|END) /.test(e.message)) provider.refresh();
    }),
    deps.services.onDidInvoke(() => provider.refresh()),
    deps.services.onDidChange(() => provider.refresh()),
  );
  return Object.assign(disposable, { provider });
}
