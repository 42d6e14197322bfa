// vscode layer: what the Lambda trees share: a change event with refresh(), rendering through toTreeItem,
// and disposal. Each view says only what its children are.
import * as vscode from 'vscode';
import type { WorkspaceServices } from '../workspaceServices';
import { toTreeItem, type LambdaNode } from './nodes';

export abstract class LambdaTreeProvider implements vscode.TreeDataProvider<LambdaNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LambdaNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(protected readonly services: WorkspaceServices) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Re-renders one node (and its children, when expanded). */
  protected refreshNode(node: LambdaNode): void {
    this.changed.fire(node);
  }

  getTreeItem(node: LambdaNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  abstract getChildren(node?: LambdaNode): Promise<LambdaNode[]>;

  dispose(): void {
    this.changed.dispose();
  }
}
