// vscode layer: the Environments view — each function/version's execution environments across the running
// engines, with state (initializing, idle, busy, frozen, stopped), initialisation type (provisioned or
// on-demand), age, invocations served and peak memory. Refreshes every 2 s while any environment lives.
import * as vscode from 'vscode';
import type { EnvironmentSnapshot } from '../../core/scheduler/environmentSnapshot';
import type { LambdaService } from '../../core/service';
import { TREE_ITEMS } from '../ids';
import type { WorkspaceServices } from '../workspaceServices';

export type EnvironmentNode =
  | { kind: 'group'; service: LambdaService; functionName: string; version: string; envs: EnvironmentSnapshot[] }
  | { kind: 'environment'; service: LambdaService; env: EnvironmentSnapshot };

const STATE_ICONS: Record<EnvironmentSnapshot['state'], string> = {
  initializing: 'loading~spin',
  idle: 'circle-outline',
  busy: 'pulse',
  frozen: 'debug-pause',
  stopped: 'circle-slash',
};

export function formatAge(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** Every environment of every running engine, with the engine it belongs to. */
export function allEnvironments(services: WorkspaceServices): { service: LambdaService; env: EnvironmentSnapshot }[] {
  return services.running().flatMap((service) => service.scaling.environments().map((env) => ({ service, env })));
}

export class EnvironmentsTreeProvider implements vscode.TreeDataProvider<EnvironmentNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EnvironmentNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly services: WorkspaceServices) {}

  refresh(): void {
    this.changed.fire(undefined);
    const any = allEnvironments(this.services).length > 0;
    if (any && !this.timer) this.timer = setInterval(() => this.refresh(), 2000);
    if (!any && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  getChildren(node?: EnvironmentNode): EnvironmentNode[] {
    if (node?.kind === 'environment') return [];
    if (node?.kind === 'group') return node.envs.map((env) => ({ kind: 'environment', service: node.service, env }));
    const groups = new Map<string, Extract<EnvironmentNode, { kind: 'group' }>>();
    const engines = this.services.running();
    for (const { service, env } of allEnvironments(this.services)) {
      const key = `${engines.indexOf(service)}|${env.functionName}:${env.version}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { kind: 'group', service, functionName: env.functionName, version: env.version, envs: [] }));
      g.envs.push(env);
    }
    return [...groups.values()].sort((a, b) => `${a.functionName}:${a.version}`.localeCompare(`${b.functionName}:${b.version}`));
  }

  getTreeItem(node: EnvironmentNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(`${node.functionName}:${node.version}`, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `envgroup:${node.functionName}:${node.version}`;
      item.contextValue = TREE_ITEMS.environmentGroup;
      item.iconPath = new vscode.ThemeIcon('server-process');
      const busy = node.envs.filter((e) => e.state === 'busy').length;
      item.description = `${busy}/${node.envs.length} busy`;
      return item;
    }
    const e = node.env;
    const item = new vscode.TreeItem(e.id.slice(0, 8), vscode.TreeItemCollapsibleState.None);
    item.id = `env:${e.id}`;
    item.contextValue = TREE_ITEMS.environment;
    item.iconPath = new vscode.ThemeIcon(STATE_ICONS[e.state]);
    const type = e.initializationType === 'provisioned-concurrency' ? 'provisioned' : 'on-demand';
    item.description = `${e.state} · ${type} · ${formatAge(e.ageMs)} · ${e.invocations} invocation${e.invocations === 1 ? '' : 's'} · ${e.peakMemoryMB}/${e.memorySizeMB} MB`;
    item.tooltip = new vscode.MarkdownString(
      `Environment \`${e.id}\`${e.pid !== undefined ? ` (pid ${e.pid})` : ''}\n\n${e.functionName} version ${e.version}, ${type}${e.debug ? ', debug' : ''}\n\nState: ${e.state}; age ${formatAge(e.ageMs)}; ${e.invocations} invocations; peak memory ${e.peakMemoryMB} of ${e.memorySizeMB} MB`,
    );
    return item;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.changed.dispose();
  }
}
