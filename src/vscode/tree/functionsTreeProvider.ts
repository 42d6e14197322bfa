// vscode layer: the Functions view: functions per template (grouped by template when there are several),
// each with its layers as children. Room is left for versions, aliases and environments as more children.
import * as path from 'node:path';
import type { TemplateEntry } from '../workspaceServices';
import { LambdaTreeProvider } from './lambdaTreeProvider';
import type { LambdaNode } from './nodes';
import { versionChildren } from './versionNodes';

export class FunctionsTreeProvider extends LambdaTreeProvider {
  async getChildren(node?: LambdaNode): Promise<LambdaNode[]> {
    if (!node) {
      const entries = await this.services.templates();
      if (entries.length === 1) return this.templateChildren(entries[0]);
      return entries.map((entry) => ({ kind: 'template', entry, label: path.relative(entry.folder.uri.fsPath, entry.uri.fsPath) || path.basename(entry.uri.fsPath) }));
    }
    if (node.kind === 'template') return this.templateChildren(node.entry);
    if (node.kind === 'function') {
      const layers: LambdaNode[] = node.fn.layers.map((ref) => ({ kind: 'layerRef', templatePath: node.templatePath, fn: node.fn, ref }));
      const versions = await versionChildren(this.services.serviceFor(node.templatePath), node.templatePath, node.fn).catch(
        (e: unknown): LambdaNode[] => [{ kind: 'problem', templatePath: node.templatePath, message: `Versions: ${e instanceof Error ? e.message : String(e)}` }],
      );
      return [...layers, ...versions];
    }
    return [];
  }

  private templateChildren(entry: TemplateEntry): LambdaNode[] {
    const templatePath = entry.uri.fsPath;
    if (entry.error) return [{ kind: 'problem', templatePath, message: entry.error }];
    const fns = (entry.model?.functions ?? []).map((fn): LambdaNode & { line: number } => ({ kind: 'function', templatePath, fn, line: fn.templateLine ?? 0 }));
    const broken = (entry.model?.broken ?? []).filter((b) => b.kind === 'function').map((b): LambdaNode & { line: number } => ({ kind: 'brokenFunction', templatePath, broken: b, line: b.templateLine ?? 0 }));
    // In template order, broken functions among the others.
    return [...fns, ...broken].sort((a, b) => a.line - b.line);
  }
}
