// vscode layer: what the Layers view offers on a published layer version: Copy ARN, and Delete Layer
// Version (after a modal confirmation; the ARN's number is never reused, as in Lambda §7).
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { LambdaNode } from '../tree/nodes';
import { guarded, type CommandDeps } from './targets';

type LayerVersionNode = Extract<LambdaNode, { kind: 'layerVersion' }>;

function nodeOf(arg: unknown): LayerVersionNode {
  if (arg && typeof arg === 'object' && (arg as LambdaNode).kind === 'layerVersion') return arg as LayerVersionNode;
  throw new Error('Choose a published layer version in the Layers view.');
}

/** Tests answer the confirmation themselves; a user always gets the modal question. */
export interface DeleteLayerVersionOptions {
  confirm?: (question: string, action: string) => Thenable<boolean>;
}

const askModal = async (question: string, action: string): Promise<boolean> => (await vscode.window.showWarningMessage(question, { modal: true }, action)) === action;

export function registerLayerVersionCommands(deps: CommandDeps): vscode.Disposable {
  const { services, logs } = deps;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.layerVersionCopyArn, guarded(logs, async (arg?: unknown) => {
      const { record } = nodeOf(arg);
      await vscode.env.clipboard.writeText(record.layerVersionArn);
      void vscode.window.setStatusBarMessage(`Copied ${record.layerVersionArn}`, 3000);
      return record.layerVersionArn;
    })),
    vscode.commands.registerCommand(COMMANDS.layerVersionDelete, guarded(logs, async (arg?: unknown, opts?: DeleteLayerVersionOptions) => {
      const { templatePath, record } = nodeOf(arg);
      const label = `${record.layerName}:${record.version}`;
      const question = `Delete layer version ${label}? Functions that name ${record.layerVersionArn} can no longer start, and version ${record.version} is never used again.`;
      if (!(await (opts?.confirm ?? askModal)(question, 'Delete'))) return false;
      const deleted = await services.serviceFor(templatePath).layers.delete(record.layerName, record.version);
      logs.info(deleted ? `Deleted layer version ${record.layerVersionArn}` : `Layer version ${record.layerVersionArn} was already gone`);
      deps.refreshViews();
      return deleted;
    })),
  );
}
