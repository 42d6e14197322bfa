// vscode layer: the History view: past invocations per function (every front door: tree, CodeLens,
// palette, debug, CLI, API…), newest first, with status icons and durations. Refreshes after each invoke.
import * as vscode from 'vscode';
import type { HistoryRecord } from '../../core/history/historyRecord';
import { COMMANDS, TREE_ITEMS } from '../ids';
import type { WorkspaceServices } from '../workspaceServices';

export type HistoryNode =
  | { kind: 'historyFunction'; templatePath: string; functionName: string; records: HistoryRecord[] }
  | { kind: 'historyRecord'; templatePath: string; record: HistoryRecord };

const time = (iso: string): string => new Date(iso).toLocaleTimeString(undefined, { hour12: false });

function statusIcon(r: HistoryRecord): vscode.ThemeIcon {
  if (r.status === 'success') return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  if (r.status === 'cancelled') return new vscode.ThemeIcon('circle-slash');
  if (r.status === 'failed') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
}

/** "12.3 ms · billed 13 ms · warm · cli" */
export function describeRecord(r: HistoryRecord): string {
  const parts = [r.durationMs !== undefined ? `${r.durationMs.toFixed(1)} ms` : r.status === 'cancelled' ? `after ${(r.elapsedMs / 1000).toFixed(1)} s` : (r.errorCode ?? r.status)];
  if (r.billedDurationMs !== undefined) parts.push(`billed ${r.billedDurationMs} ms`);
  if (r.coldStart !== undefined) parts.push(r.coldStart ? 'cold' : 'warm');
  parts.push(r.debug ? `${r.origin} debug` : r.origin);
  return parts.join(' · ');
}

export class HistoryTreeProvider implements vscode.TreeDataProvider<HistoryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HistoryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: vscode.Disposable;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly services: WorkspaceServices) {
    this.sub = services.onDidInvoke(() => this.refreshSoon());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  private refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 150);
  }

  async getChildren(node?: HistoryNode): Promise<HistoryNode[]> {
    if (node?.kind === 'historyFunction') return node.records.map((record) => ({ kind: 'historyRecord', templatePath: node.templatePath, record }));
    if (node) return [];
    const out: HistoryNode[] = [];
    for (const entry of await this.services.templates()) {
      const templatePath = entry.uri.fsPath;
      // Templates of one folder share its state directory: each lists only its own functions.
      const own = new Set((entry.model?.functions ?? []).map((f) => f.logicalId));
      const records = (await this.services.serviceFor(templatePath).listHistory().catch(() => [])).filter((r) => own.has(r.functionName));
      const byFn = new Map<string, HistoryRecord[]>();
      for (const r of records) byFn.set(r.functionName, [...(byFn.get(r.functionName) ?? []), r]);
      for (const [functionName, list] of byFn) out.push({ kind: 'historyFunction', templatePath, functionName, records: list });
    }
    return out;
  }

  getTreeItem(node: HistoryNode): vscode.TreeItem {
    if (node.kind === 'historyFunction') {
      const item = new vscode.TreeItem(node.functionName, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `history:${node.templatePath}#${node.functionName}`;
      item.contextValue = TREE_ITEMS.historyFunction;
      item.iconPath = new vscode.ThemeIcon('history');
      item.description = `${node.records.length} invocation${node.records.length === 1 ? '' : 's'}`;
      return item;
    }
    const r = node.record;
    const item = new vscode.TreeItem(`${time(r.startedAt)} ${r.functionError ? (r.errorType ?? 'error') : r.status}`, vscode.TreeItemCollapsibleState.None);
    item.id = `history:${node.templatePath}#${r.id}`;
    item.contextValue = TREE_ITEMS.historyRecord;
    item.iconPath = statusIcon(r);
    item.description = describeRecord(r);
    item.tooltip = new vscode.MarkdownString([
      `**${r.functionName}** · ${r.status}${r.errorType ? ` (${r.errorType})` : ''}`,
      '',
      `Request \`${r.id}\``,
      `Started ${r.startedAt} from ${r.origin}${r.debug ? ' (debug)' : ''}`,
      r.durationMs !== undefined ? `Duration ${r.durationMs.toFixed(2)} ms · billed ${r.billedDurationMs} ms · memory ${r.maxMemoryUsedMB}/${r.memorySizeMB} MB` : `${r.errorCode ?? ''} ${r.errorMessage ?? ''}`,
      r.environmentId ? `Environment ${r.environmentId} · ${r.coldStart ? 'cold start' : 'warm'} · ${r.version}` : '',
    ].join('\n\n'));
    item.command = { command: COMMANDS.historyOpenResult, title: 'Open Result', arguments: [node] };
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.sub.dispose();
    this.changed.dispose();
  }
}
