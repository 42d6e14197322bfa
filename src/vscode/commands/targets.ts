// vscode layer: what every command shares: its collaborators, and turning a command argument (a tree
// node, a CodeLens reference, a logical id, or nothing → quick pick) into the function or layer it means.
import * as vscode from 'vscode';
import type { EventMemory } from '../events/eventMemory';
import type { LogChannel } from '../logs/logChannel';
import type { ResultDocuments } from '../results/resultDocuments';
import type { LambdaStatusBar } from '../statusBar';
import type { LambdaNode } from '../tree/nodes';
import { describeFunction } from '../tree/nodes';
import type { FunctionRef, LayerRef, WorkspaceServices } from '../workspaceServices';

export interface CommandDeps {
  services: WorkspaceServices;
  logs: LogChannel;
  results: ResultDocuments;
  status: LambdaStatusBar;
  /** The event last chosen per function (workspace state). */
  eventMemory: EventMemory;
  /** Re-render the tree views. */
  refreshViews(): void;
}

/** Accepted command arguments: tree nodes, `{templatePath, fn}` refs, `{templatePath?, logicalId}`, or a logical id. */
export type FunctionArg = LambdaNode | FunctionRef | { templatePath?: string; logicalId: string } | string | undefined;

export async function resolveFunction(services: WorkspaceServices, arg: FunctionArg, title = 'Choose a function'): Promise<FunctionRef | undefined> {
  if (arg && typeof arg === 'object' && 'fn' in arg && arg.fn) return { templatePath: arg.templatePath, fn: arg.fn };
  const all = await services.functions();
  const logicalId = typeof arg === 'string' ? arg : arg && 'logicalId' in arg ? arg.logicalId : undefined;
  if (logicalId) {
    const templatePath = typeof arg === 'object' && arg && 'templatePath' in arg ? arg.templatePath : undefined;
    const found = all.find((r) => r.fn.logicalId === logicalId && (!templatePath || r.templatePath === templatePath));
    if (!found) throw new Error(`No function "${logicalId}" in the workspace's templates. Check the logical id or run "Lambda: Refresh".`);
    return found;
  }
  if (all.length === 0) throw new Error('No functions found: add a SAM template (template.yaml) to the workspace, or set "lambdaWorkbench.templates.globs".');
  const pick = await vscode.window.showQuickPick(
    all.map((ref) => ({ label: ref.fn.logicalId, description: describeFunction(ref.fn), detail: vscode.workspace.asRelativePath(ref.templatePath), ref })),
    { title, matchOnDescription: true },
  );
  return pick?.ref;
}

export async function resolveLayer(services: WorkspaceServices, arg: LambdaNode | LayerRef | string | undefined): Promise<LayerRef | undefined> {
  if (arg && typeof arg === 'object' && 'layer' in arg) return { templatePath: arg.templatePath, layer: arg.layer };
  const all = await services.layers();
  if (typeof arg === 'string') {
    const found = all.find((l) => l.layer.logicalId === arg);
    if (!found) throw new Error(`No layer "${arg}" in the workspace's templates.`);
    return found;
  }
  if (all.length === 0) throw new Error('No layers found in the workspace\'s templates.');
  const pick = await vscode.window.showQuickPick(all.map((ref) => ({ label: ref.layer.logicalId, description: ref.layer.layerName, ref })), { title: 'Choose a layer' });
  return pick?.ref;
}

/** Runs a command body and turns a thrown error into one message (the single UI boundary for errors). */
/**
 * Refuses, in Restricted Mode, what runs the workspace's code. The manifest's `enablement` greys out menus and the
 * palette, but a command run from code, a CodeLens or another extension is not stopped by it.
 */
export function assertTrusted(what: string): void {
  if (!vscode.workspace.isTrusted) throw new Error(`${what} runs the workspace's code, which Restricted Mode does not allow: trust the workspace (Manage Workspace Trust), then try again.`);
}

export function guarded<A extends unknown[], R>(logs: LogChannel, body: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await body(...args);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      logs.error(message);
      void vscode.window.showErrorMessage(`Lambda: ${message}`);
      return undefined;
    }
  };
}
