// vscode layer: a function's published versions and aliases (with their routing weights) as children in
// the Functions tree, and how they render. Read from the function's engine; never builds a package.
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../core/model/functionConfig';
import type { AliasConfiguration, FunctionConfiguration } from '../../core/model/versions';
import type { LambdaService } from '../../core/service';
import { TREE_ITEMS } from '../ids';

export type VersionNode =
  | { kind: 'version'; templatePath: string; fn: FunctionConfig; config: FunctionConfiguration }
  | { kind: 'alias'; templatePath: string; fn: FunctionConfig; alias: AliasConfiguration };

/** Aliases, then published versions (newest first). */
export async function versionChildren(svc: LambdaService, templatePath: string, fn: FunctionConfig): Promise<VersionNode[]> {
  const [versions, aliases] = await Promise.all([svc.versions.listVersions(fn.logicalId, { includeLatest: false }), svc.versions.listAliases(fn.logicalId)]);
  return [
    ...aliases.map((alias): VersionNode => ({ kind: 'alias', templatePath, fn, alias })),
    ...versions.reverse().map((config): VersionNode => ({ kind: 'version', templatePath, fn, config })),
  ];
}

/** "1 (90%), 2 (10%)" or "1". */
export function describeRouting(a: AliasConfiguration): string {
  const extra = Object.entries(a.RoutingConfig?.AdditionalVersionWeights ?? {});
  if (!extra.length) return a.FunctionVersion;
  const pct = (w: number) => `${Math.round(w * 1000) / 10}%`;
  const rest = 1 - extra.reduce((s, [, w]) => s + w, 0);
  return [`${a.FunctionVersion} (${pct(rest)})`, ...extra.map(([v, w]) => `${v} (${pct(w)})`)].join(', ');
}

export function versionTreeItem(node: VersionNode): vscode.TreeItem {
  if (node.kind === 'alias') {
    const a = node.alias;
    const item = new vscode.TreeItem(a.Name, vscode.TreeItemCollapsibleState.None);
    item.id = `alias:${a.AliasArn}`;
    item.contextValue = TREE_ITEMS.alias;
    item.iconPath = new vscode.ThemeIcon('tag');
    item.description = `→ ${describeRouting(a)}`;
    item.tooltip = new vscode.MarkdownString(`\`${a.AliasArn}\`\n\n${a.Description || ''}`);
    return item;
  }
  const c = node.config;
  const item = new vscode.TreeItem(`version ${c.Version}`, vscode.TreeItemCollapsibleState.None);
  item.id = `version:${c.FunctionArn}`;
  item.contextValue = TREE_ITEMS.version;
  item.iconPath = new vscode.ThemeIcon('versions');
  item.description = [c.Description, c.LastModified.slice(0, 16).replace('T', ' ')].filter(Boolean).join(' · ');
  item.tooltip = new vscode.MarkdownString(`\`${c.FunctionArn}\`\n\nCodeSha256 \`${c.CodeSha256}\`\n\n${c.Runtime} · ${c.MemorySize} MB · ${c.Timeout} s`);
  return item;
}
