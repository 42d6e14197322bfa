// vscode layer: a function's asynchronous queue in the Functions tree (§9): the "Async queue" node (queued, in
// flight, next retry), its events (attempts, next attempt, last error; Replay and Discard) and its
// EventInvokeConfig targets (§10 destinations, the DLQ), which link to their nodes in the Resources view.
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../core/model/functionConfig';
import type { LambdaService } from '../../core/service';
import { COMMANDS, TREE_ITEMS } from '../ids';
import { engineNow, invokeConfig, queueStatus, wallTime, type QueueStatus } from './asyncEngine';
import { arnKind, arnName, clockTime } from './asyncMessages';

/** Engine-clock ms → wall-clock ms for the engine a node belongs to. */
export type ToWall = (engineMs: number) => number;

export type AsyncNode =
  | { kind: 'asyncQueue'; templatePath: string; fn: FunctionConfig; status: QueueStatus; toWall: ToWall; engineNow: number }
  | { kind: 'asyncEvent'; templatePath: string; fn: FunctionConfig; event: QueueStatus['events'][number]; toWall: ToWall; engineNow: number }
  | { kind: 'asyncTarget'; templatePath: string; fn: FunctionConfig; role: 'onSuccess' | 'onFailure' | 'deadLetter'; arn: string };

export type AsyncQueueNode = Extract<AsyncNode, { kind: 'asyncQueue' }>;

/** The "Async queue" node of a function, when its engine has a queue open for it (resumed or used). */
export function asyncQueueNode(svc: LambdaService, timeScale: number, templatePath: string, fn: FunctionConfig): AsyncQueueNode | undefined {
  const status = queueStatus(svc, fn.functionName);
  if (!status) return undefined;
  return { kind: 'asyncQueue', templatePath, fn, status, toWall: (ms) => wallTime(svc, ms, timeScale), engineNow: engineNow(svc) };
}

/** Brings a cached queue node up to date (the tree then re-renders that node only). */
export function updateQueueNode(node: AsyncQueueNode, svc: LambdaService): boolean {
  const status = queueStatus(svc, node.fn.functionName);
  if (!status) return false;
  node.status = status;
  node.engineNow = engineNow(svc);
  return true;
}

/** "2 queued · 1 in flight · next retry 14:03:12" (the next retry only when one waits in the future). */
export function describeQueue(s: QueueStatus, engineNow: number, toWall: ToWall): string {
  const parts = [`${s.queued} queued`, `${s.inFlight} in flight`];
  if (s.nextAttemptAt !== undefined && s.nextAttemptAt > engineNow) parts.push(`next retry ${clockTime(toWall(s.nextAttemptAt))}`);
  return parts.join(' · ');
}

/** The queue's events (oldest first), then its targets. */
export async function asyncQueueChildren(svc: LambdaService, node: AsyncQueueNode): Promise<AsyncNode[]> {
  const { templatePath, fn, toWall, engineNow } = node;
  const events = node.status.events.map((event): AsyncNode => ({ kind: 'asyncEvent', templatePath, fn, event, toWall, engineNow }));
  const config = await invokeConfig(svc, fn.functionName).catch(() => undefined);
  const targets: AsyncNode[] = [];
  if (config?.onSuccess) targets.push({ kind: 'asyncTarget', templatePath, fn, role: 'onSuccess', arn: config.onSuccess });
  if (config?.onFailure) targets.push({ kind: 'asyncTarget', templatePath, fn, role: 'onFailure', arn: config.onFailure });
  if (config?.deadLetterArn) targets.push({ kind: 'asyncTarget', templatePath, fn, role: 'deadLetter', arn: config.deadLetterArn });
  return [...events, ...targets];
}

const ROLE_LABELS = { onSuccess: 'On success', onFailure: 'On failure', deadLetter: 'Dead-letter queue' } as const;

export function asyncTreeItem(node: AsyncNode): vscode.TreeItem {
  switch (node.kind) {
    case 'asyncQueue': {
      const s = node.status;
      const item = new vscode.TreeItem('Async queue', vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `asyncQueue:${node.templatePath}#${node.fn.logicalId}`;
      item.contextValue = TREE_ITEMS.asyncQueue;
      item.iconPath = new vscode.ThemeIcon(s.inFlight ? 'sync~spin' : 'inbox');
      item.description = describeQueue(s, node.engineNow, node.toWall);
      item.tooltip = new vscode.MarkdownString(`Asynchronous invocations of **${node.fn.functionName}** waiting or running.\n\nJournal: \`${s.journal}\``);
      return item;
    }
    case 'asyncEvent': {
      const e = node.event;
      const item = new vscode.TreeItem(e.requestId, vscode.TreeItemCollapsibleState.None);
      item.id = `asyncEvent:${node.templatePath}#${e.requestId}`;
      item.contextValue = TREE_ITEMS.asyncEvent;
      item.iconPath = new vscode.ThemeIcon(e.running ? 'loading~spin' : e.lastError ? 'warning' : 'clock');
      const when = e.running ? 'running' : e.dueAt > node.engineNow ? `next attempt ${clockTime(node.toWall(e.dueAt))}` : 'due now';
      item.description = [`${e.attempts} attempt${e.attempts === 1 ? '' : 's'}`, when, e.lastError].filter(Boolean).join(' · ');
      item.tooltip = new vscode.MarkdownString(
        [`Request \`${e.requestId}\``, `Accepted ${new Date(node.toWall(e.acceptedAt)).toLocaleString()}`, `Attempts so far: ${e.attempts}`, when, e.lastError ? `Last error: ${e.lastError}` : ''].filter(Boolean).join('\n\n'),
      );
      return item;
    }
    case 'asyncTarget': {
      const item = new vscode.TreeItem(ROLE_LABELS[node.role], vscode.TreeItemCollapsibleState.None);
      item.id = `asyncTarget:${node.templatePath}#${node.fn.logicalId}:${node.role}`;
      item.contextValue = TREE_ITEMS.asyncTarget;
      item.iconPath = new vscode.ThemeIcon(node.role === 'onSuccess' ? 'pass' : node.role === 'onFailure' ? 'error' : 'archive');
      item.description = `→ ${arnKind(node.arn)} ${arnName(node.arn)}`;
      item.tooltip = node.arn;
      item.command = { command: COMMANDS.resourceReveal, title: 'Show in Resources', arguments: [{ templatePath: node.templatePath, arn: node.arn }] };
      return item;
    }
  }
}
