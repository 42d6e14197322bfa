// vscode layer: the Functions view: functions per template (grouped by template when there are several),
// each with its layers, versions and aliases, its event source mappings, and its async queue (live: re-rendered on
// queue changes) as children.
import * as path from 'node:path';
import type { AsyncSession } from '../async/asyncSession';
import { asyncQueueChildren, asyncQueueNode, updateQueueNode, type AsyncQueueNode } from '../async/asyncNodes';
import type { TemplateEntry, WorkspaceServices } from '../workspaceServices';
import { LambdaTreeProvider } from './lambdaTreeProvider';
import type { LambdaNode } from './nodes';
import { versionChildren } from './versionNodes';
import { mappingChildren } from '../mappings/mappingNodes';

export class FunctionsTreeProvider extends LambdaTreeProvider {
  /** The async queue nodes shown, by template and function name: a queue change re-renders its node only. */
  private readonly queueNodes = new Map<string, AsyncQueueNode>();
  private readonly parents = new Map<string, LambdaNode>();
  /** Queues known to exist (shown, or under a collapsed function): their changes need no full refresh. */
  private readonly known = new Set<string>();

  constructor(services: WorkspaceServices, private readonly session?: AsyncSession) {
    super(services);
    // A mapping's state or last result changed: its function's rows follow.
    services.onDidStartService((s) => s.service.mappings.onDidChange(() => this.refresh()));
    session?.onDidChangeQueues(({ templatePath, service, functionNames }) => {
      let full = false;
      for (const name of functionNames) {
        const key = `${templatePath}#${name}`;
        const node = this.queueNodes.get(key);
        if (node && updateQueueNode(node, service)) this.refreshNode(node);
        // A queue not known yet (a function's first async event) appears under its function: a full refresh.
        else if (!this.known.has(key)) full = true;
        this.known.add(key);
      }
      if (full) this.refresh();
    });
  }

  async getChildren(node?: LambdaNode): Promise<LambdaNode[]> {
    if (!node) {
      const entries = await this.services.templates();
      if (entries.length === 1) return this.templateChildren(entries[0]);
      return entries.map((entry) => ({ kind: 'template', entry, label: path.relative(entry.folder.uri.fsPath, entry.uri.fsPath) || path.basename(entry.uri.fsPath) }));
    }
    if (node.kind === 'template') return this.templateChildren(node.entry);
    if (node.kind === 'function') {
      const svc = this.services.serviceFor(node.templatePath);
      const layers: LambdaNode[] = node.fn.layers.map((ref) => ({ kind: 'layerRef', templatePath: node.templatePath, fn: node.fn, ref }));
      const versions = await versionChildren(svc, node.templatePath, node.fn).catch(
        (e: unknown): LambdaNode[] => [{ kind: 'problem', templatePath: node.templatePath, message: `Versions: ${e instanceof Error ? e.message : String(e)}` }],
      );
      const queue = asyncQueueNode(svc, this.session?.timeScaleOf(svc) ?? 1, node.templatePath, node.fn);
      const key = `${node.templatePath}#${node.fn.functionName}`;
      if (queue) {
        this.known.add(key);
        this.queueNodes.set(key, queue);
        this.parents.set(key, node);
      } else this.queueNodes.delete(key);
      const mappings = await mappingChildren(svc, node.templatePath, node.fn);
      return [...(queue ? [queue] : []), ...mappings, ...layers, ...versions];
    }
    if (node.kind === 'asyncQueue') return asyncQueueChildren(this.services.serviceFor(node.templatePath), node);
    return [];
  }

  /** Parents of the async queue nodes and of functions (what reveal needs to show a queue). */
  getParent(node: LambdaNode): LambdaNode | undefined {
    if (node.kind === 'asyncQueue') return this.parents.get(`${node.templatePath}#${node.fn.functionName}`);
    if (node.kind === 'function') {
      const entries = this.services.loaded();
      const entry = entries.find((e) => e.uri.fsPath === node.templatePath);
      if (entries.length === 1 || !entry) return undefined;
      return { kind: 'template', entry, label: path.relative(entry.folder.uri.fsPath, entry.uri.fsPath) || path.basename(entry.uri.fsPath) };
    }
    return undefined;
  }

  /** The async queue node shown for a function, if any (Show Queue reveals it). */
  queueNodeOf(templatePath: string, functionName: string): AsyncQueueNode | undefined {
    return this.queueNodes.get(`${templatePath}#${functionName}`);
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
