// vscode layer: the Resources view's wiring — its tree, the peek documents, its commands, and when it
// re-renders (async queue changes and endings, which is when DLQs and destinations receive; template changes;
// a poll while visible), kept out of the composition root.
import * as vscode from 'vscode';
import type { AsyncSession } from '../async/asyncSession';
import { registerLocalResourceCommands } from '../commands/localResourceCommands';
import type { CommandDeps } from '../commands/targets';
import { VIEWS } from '../ids';
import { PeekDocuments } from './peekDocuments';
import { ResourcesTreeProvider } from './resourcesTreeProvider';

export function registerResourcesView(deps: CommandDeps, session: AsyncSession): vscode.Disposable & { provider: ResourcesTreeProvider } {
  const provider = new ResourcesTreeProvider(deps.services, session);
  const view = vscode.window.createTreeView(VIEWS.resources, { treeDataProvider: provider, showCollapseAll: true });
  const peeks = new PeekDocuments();
  provider.setVisible(view.visible);
  const disposable = vscode.Disposable.from(
    provider,
    view,
    peeks,
    peeks.register(),
    view.onDidChangeVisibility((e) => provider.setVisible(e.visible)),
    registerLocalResourceCommands(deps, provider, view as vscode.TreeView<unknown>, peeks),
    session.onDidChangeQueues(() => provider.refresh()),
    deps.services.onDidChange(() => provider.refresh()),
  );
  return Object.assign(disposable, { provider });
}
