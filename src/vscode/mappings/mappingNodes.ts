// vscode layer: a function's event source mappings in the Functions tree (issue 16) — one row per mapping with
// its source, state, batch size, last processing result and the queue depth or iterator age its poller sees;
// the tooltip lists its recent batches. Enable/Disable act on the row (mappingCommands.ts).
import * as vscode from 'vscode';
import type { MappingDetails } from '../../core/events/mappings/mappingsFacade';
import type { FunctionConfig } from '../../core/model/functionConfig';
import type { LambdaService } from '../../core/service';
import { TREE_ITEMS } from '../ids';

export interface MappingNode {
  kind: 'mapping';
  templatePath: string;
  fn: FunctionConfig;
  details: MappingDetails;
}

/** The function's mappings (none when they cannot be read: the tree shows the rest). */
export async function mappingChildren(svc: LambdaService, templatePath: string, fn: FunctionConfig): Promise<MappingNode[]> {
  try {
    return (await svc.mappings.details(fn.functionName)).map((details) => ({ kind: 'mapping', templatePath, fn, details }));
  } catch {
    return [];
  }
}

export function mappingTreeItem(node: MappingNode): vscode.TreeItem {
  const { config: c, stats, recent, lastProcessingResult } = node.details;
  const source = c.EventSourceArn.split(':').slice(5).join(':');
  const item = new vscode.TreeItem(source, vscode.TreeItemCollapsibleState.None);
  item.id = `mapping:${node.templatePath}#${c.UUID}`;
  item.contextValue = c.State === 'Disabled' ? TREE_ITEMS.mappingDisabled : TREE_ITEMS.mapping;
  item.iconPath = new vscode.ThemeIcon(c.State === 'Disabled' ? 'debug-disconnect' : 'plug');
  const figures = stats?.queueDepth !== undefined ? [`${stats.queueDepth} waiting`] : stats?.iteratorAgeMs !== undefined ? [`iterator age ${Math.round(stats.iteratorAgeMs / 1000)} s`] : [];
  item.description = [c.State, `batch ${c.BatchSize}`, lastProcessingResult, ...figures].join(' · ');
  const rows = recent
    .slice(-10)
    .reverse()
    .map((b) => `| ${new Date(b.at).toISOString().slice(11, 19)} | ${b.outcome} | ${b.records} | ${b.failures} | ${b.filtered} |`);
  item.tooltip = new vscode.MarkdownString(
    [`**Event source mapping** ${c.UUID}`, '', `${c.EventSourceArn} → ${c.FunctionArn}`, '', ...(rows.length ? ['| time | result | records | failed | filtered |', '|---|---|---|---|---|', ...rows] : ['No batches yet.'])].join('\n'),
  );
  return item;
}
