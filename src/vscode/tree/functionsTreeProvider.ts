// vscode layer: the Functions view: functions per template (grouped by template when there are several),
// each with its layers as children. Room is left for versions, aliases and environments as more children.
import * as path from 'node:path';
import type { TemplateEntry } from '../workspaceServices';
import { LambdaTreeProvider } from './lambdaTreeProvider';
import type { LambdaNode } from './nodes';

export class FunctionsTreeProvider extends LambdaTreeProvider {
  async getChildren(node?: LambdaNode): Promise<LambdaNode[]> {
    if (!node) {
      const entries = await this.services.templates();
      if (entries.length === 1) return this.templateChildren(entries[0]);
      return entries.map((entry) => ({ kind: 'template', entry, label: path.relative(entry.folder.uri.fsPath, entry.uri.fsPath) || path.basename(entry.uri.fsPath) }));
    }
    if (node.kind === 'template') return this.templateChildren(node.entry);
    if (node.kind === 'function') return node.fn.layers.map((ref) => ({ kind: 'layerRef', templatePath: node.templatePath, fn: node.fn, ref }));
    return [];
  }

  private templateChildren(entry: TemplateEntry): LambdaNode[] {
    const templatePath = entry.uri.fsPath;
    if (entry.error) return [{ kind: 'problem', templatePath, message: entry.error }];
    return (entry.model?.functions ?? []).map((fn) => ({ kind: 'function', templatePath, fn }));
  }
}
