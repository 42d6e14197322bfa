// vscode layer: the Layers view: the layers each template defines (published local versions will be
// their children once the engine exposes listLayerVersions).
import * as vscode from 'vscode';
import type { WorkspaceServices } from '../workspaceServices';
import { toTreeItem, type LambdaNode } from './nodes';

export class LayersTreeProvider implements vscode.TreeDataProvider<LambdaNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LambdaNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly services: WorkspaceServices) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: LambdaNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  async getChildren(node?: LambdaNode): Promise<LambdaNode[]> {
    if (node) return [];
    return (await this.services.layers()).map(({ templatePath, layer }) => ({ kind: 'layer', templatePath, layer }));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
