// vscode layer: creates the Functions and Layers tree views and keeps the context keys that menus and the
// welcome view read in step with the model (not with the trees, which render only once they are opened).
import * as vscode from 'vscode';
import { CONTEXT_KEYS, VIEWS } from './ids';
import { HistoryTreeProvider } from './history/historyTreeProvider';
import { FunctionsTreeProvider } from './tree/functionsTreeProvider';
import { LayersTreeProvider } from './tree/layersTreeProvider';
import type { AsyncSession } from './async/asyncSession';
import type { LambdaNode } from './tree/nodes';
import type { WorkspaceServices } from './workspaceServices';

export class LambdaViews implements vscode.Disposable {
  readonly functions: FunctionsTreeProvider;
  readonly layers: LayersTreeProvider;
  readonly history: HistoryTreeProvider;
  private readonly disposables: vscode.Disposable[];
  readonly functionsView: vscode.TreeView<LambdaNode>;

  constructor(private readonly services: WorkspaceServices, session?: AsyncSession) {
    this.functions = new FunctionsTreeProvider(services, session);
    this.layers = new LayersTreeProvider(services);
    this.history = new HistoryTreeProvider(services);
    this.functionsView = vscode.window.createTreeView(VIEWS.functions, { treeDataProvider: this.functions, showCollapseAll: true });
    this.disposables = [
      this.functions,
      this.layers,
      this.functionsView,
      vscode.window.createTreeView(VIEWS.layers, { treeDataProvider: this.layers }),
      this.history,
      vscode.window.createTreeView(VIEWS.history, { treeDataProvider: this.history }),
      services.onDidChange(() => {
        this.refresh();
        this.updateContext();
      }),
    ];
    this.updateContext();
  }

  /** Sets the context keys from the model: whether templates were found, whether any defines a layer. */
  private updateContext(): void {
    const state = this.services.state();
    const hasLayers = this.services.loaded().some((e) => (e.model?.layers.length ?? 0) > 0);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.templatesState, state);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasLayers, hasLayers);
  }

  /** Re-renders both trees and updates the welcome-view state. */
  refresh(): void {
    this.functions.refresh();
    this.layers.refresh();
    this.history.refresh();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
