// vscode layer: creates the Functions and Layers tree views and keeps the welcome-view context key
// starts as `loading`; the Functions tree sets `none` or `ready` once templates are discovered.
import * as vscode from 'vscode';
import { CONTEXT_KEYS, VIEWS } from './ids';
import { FunctionsTreeProvider } from './tree/functionsTreeProvider';
import { LayersTreeProvider } from './tree/layersTreeProvider';
import type { LambdaNode } from './tree/nodes';
import type { WorkspaceServices } from './workspaceServices';

export class LambdaViews implements vscode.Disposable {
  readonly functions: FunctionsTreeProvider;
  readonly layers: LayersTreeProvider;
  private readonly disposables: vscode.Disposable[];
  readonly functionsView: vscode.TreeView<LambdaNode>;

  constructor(services: WorkspaceServices) {
    this.functions = new FunctionsTreeProvider(services);
    this.layers = new LayersTreeProvider(services);
    this.functionsView = vscode.window.createTreeView(VIEWS.functions, { treeDataProvider: this.functions, showCollapseAll: true });
    this.disposables = [
      this.functions,
      this.layers,
      this.functionsView,
      vscode.window.createTreeView(VIEWS.layers, { treeDataProvider: this.layers }),
      services.onDidChange(() => this.refresh()),
    ];
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.templatesState, 'loading');
  }

  /** Re-renders both trees and updates the welcome-view state. */
  refresh(): void {
    this.functions.refresh();
    this.layers.refresh();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
