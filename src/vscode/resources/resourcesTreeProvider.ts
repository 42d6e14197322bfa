// vscode layer: the Resources view: each template's local resources (queues, topics, buses, schedules: the kinds
// of resourceKinds.ts) with their counts, grouped by kind (and by template when several have resources).
// Re-renders on async queue changes and after its commands, and every 2 s while visible (visibility timeouts
// expire and functions' own SDK calls send messages without telling the UI).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isWorkbenchError } from '../../core/common/errors';
import type { LambdaService } from '../../core/service';
import { localResources, wallTime } from '../async/asyncEngine';
import type { AsyncSession } from '../async/asyncSession';
import { CONTEXT_KEYS, TREE_ITEMS } from '../ids';
import type { WorkspaceServices } from '../workspaceServices';
import { RESOURCE_KINDS, type KindContext, type ResourceChildRow, type ResourceKind, type ResourceRow } from './resourceKinds';

export type ResourceNode =
  | { kind: 'resTemplate'; templatePath: string; label: string }
  | { kind: 'resKind'; templatePath: string; resourceKind: ResourceKind; rows: ResourceRow[] }
  | { kind: 'resource'; templatePath: string; resourceKind: ResourceKind; row: ResourceRow }
  | { kind: 'resChild'; templatePath: string; parentArn: string; row: ResourceChildRow; index: number }
  /** Why a template's resources cannot be shown here (another engine runs this folder's queues). */
  | { kind: 'resMessage'; templatePath: string; message: string };

export type ResourceItemNode = Extract<ResourceNode, { kind: 'resource' }>;

const POLL_MS = 2000;

export class ResourcesTreeProvider implements vscode.TreeDataProvider<ResourceNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResourceNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly parents = new Map<ResourceNode, ResourceNode>();
  private timer: NodeJS.Timeout | undefined;
  private busesKnown = false;

  constructor(
    private readonly services: WorkspaceServices,
    private readonly session: AsyncSession,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Polls while the view is visible. */
  setVisible(visible: boolean): void {
    if (visible && !this.timer) this.timer = setInterval(() => this.refresh(), POLL_MS);
    if (!visible && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Templates whose engine is running and which declare (or have opened) local resources. */
  private async engines(): Promise<{ templatePath: string; svc: LambdaService }[]> {
    const entries = (await this.services.templates()).filter((e) => e.model);
    const running = new Set(this.services.running());
    return entries.map((e) => ({ templatePath: e.uri.fsPath, svc: this.services.serviceFor(e.uri.fsPath) })).filter((x) => running.has(x.svc));
  }

  async getChildren(node?: ResourceNode): Promise<ResourceNode[]> {
    if (!node) {
      this.parents.clear();
      const groups: { templatePath: string; kinds: ResourceNode[] }[] = [];
      for (const { templatePath } of await this.engines()) {
        const kinds = await this.kindsOf(templatePath);
        if (kinds.length) groups.push({ templatePath, kinds });
      }
      if (groups.length === 1) return groups[0].kinds;
      return groups.map(({ templatePath }): ResourceNode => {
        const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(templatePath));
        return { kind: 'resTemplate', templatePath, label: folder ? path.relative(folder.uri.fsPath, templatePath) : path.basename(templatePath) };
      });
    }
    if (node.kind === 'resTemplate') return this.adopt(node, await this.kindsOf(node.templatePath));
    if (node.kind === 'resKind') {
      return this.adopt(node, node.rows.map((row): ResourceNode => ({ kind: 'resource', templatePath: node.templatePath, resourceKind: node.resourceKind, row })));
    }
    if (node.kind === 'resource') return this.adopt(node, node.row.children.map((row, index): ResourceNode => ({ kind: 'resChild', templatePath: node.templatePath, parentArn: node.row.arn, row, index })));
    return [];
  }

  private adopt(parent: ResourceNode, children: ResourceNode[]): ResourceNode[] {
    for (const c of children) this.parents.set(c, parent);
    return children;
  }

  /** The kind groups of one template's engine, each with its rows (kinds without resources are left out). */
  private async kindsOf(templatePath: string): Promise<ResourceNode[]> {
    const svc = this.services.serviceFor(templatePath);
    const model = await svc.template();
    // A template without local resources never asks for them: that would take its folder's queues lock.
    if (!model.localResources?.length) return [];
    let res: Awaited<ReturnType<typeof localResources>>;
    try {
      res = await localResources(svc);
    } catch (e) {
      if (isWorkbenchError(e) && e.code === 'QUEUES_ELSEWHERE') return [{ kind: 'resMessage', templatePath, message: e.message }];
      throw e;
    }
    const scale = this.session.timeScaleOf(svc);
    const deadLetterArns = new Set<string>();
    for (const fn of model.functions) {
      const arn = fn.deadLetterConfig?.TargetArn;
      if (typeof arn === 'string') deadLetterArns.add(arn);
    }
    for (const d of res.declarations()) if (d.kind === 'queue' && d.redrive) deadLetterArns.add(d.redrive.deadLetterTargetArn);
    const ctx: KindContext = { deadLetterArns, toWall: (ms) => wallTime(svc, ms, scale) };
    const out: ResourceNode[] = [];
    for (const resourceKind of RESOURCE_KINDS) {
      const rows = await resourceKind.list(res, ctx).catch(() => undefined);
      if (resourceKind.id === 'bus' && rows !== undefined && !this.busesKnown) {
        this.busesKnown = true;
        void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.busesAvailable, true);
      }
      if (rows?.length) out.push({ kind: 'resKind', templatePath, resourceKind, rows });
    }
    return out;
  }

  getParent(node: ResourceNode): ResourceNode | undefined {
    return this.parents.get(node);
  }

  /** Every resource node (building the tree if it was never opened): what the commands choose from. */
  async items(): Promise<ResourceItemNode[]> {
    const out: ResourceItemNode[] = [];
    const walk = async (nodes: ResourceNode[]): Promise<void> => {
      for (const n of nodes) {
        if (n.kind === 'resource') out.push(n);
        else if (n.kind === 'resTemplate' || n.kind === 'resKind') await walk(await this.getChildren(n));
      }
    };
    await walk(await this.getChildren());
    return out;
  }

  /** The node of a resource by ARN, building the tree down to it if needed (reveal uses it). */
  async nodeOf(templatePath: string, arn: string): Promise<ResourceItemNode | undefined> {
    return (await this.items()).find((n) => n.templatePath === templatePath && n.row.arn === arn);
  }

  getTreeItem(node: ResourceNode): vscode.TreeItem {
    switch (node.kind) {
      case 'resTemplate': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `resTemplate:${node.templatePath}`;
        item.iconPath = new vscode.ThemeIcon('file-code');
        return item;
      }
      case 'resKind': {
        const item = new vscode.TreeItem(node.resourceKind.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `resKind:${node.templatePath}#${node.resourceKind.id}`;
        item.contextValue = TREE_ITEMS.resourceGroup;
        item.iconPath = new vscode.ThemeIcon(node.resourceKind.icon);
        item.description = String(node.rows.length);
        return item;
      }
      case 'resource': {
        const { row } = node;
        const item = new vscode.TreeItem(row.name, row.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = `resource:${node.templatePath}#${row.arn}`;
        item.contextValue = row.contextValue;
        item.iconPath = new vscode.ThemeIcon(row.icon);
        item.description = row.description;
        item.tooltip = row.tooltip;
        return item;
      }
      case 'resMessage': {
        const item = new vscode.TreeItem('Run by another engine', vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('info');
        item.description = node.message;
        item.tooltip = node.message;
        return item;
      }
      case 'resChild': {
        const item = new vscode.TreeItem(node.row.label, vscode.TreeItemCollapsibleState.None);
        item.id = `resChild:${node.templatePath}#${node.parentArn}#${node.index}`;
        item.contextValue = node.row.contextValue;
        item.iconPath = new vscode.ThemeIcon(node.row.icon);
        item.description = node.row.description;
        item.tooltip = node.row.tooltip;
        return item;
      }
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.changed.dispose();
  }
}
