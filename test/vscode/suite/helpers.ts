// VS Code test tier: shared helpers: the activated extension's API, the fixture workspace, waiting.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LambdaWorkbenchApi } from '../../../src/vscode/api';

export const EXTENSION_ID = 'lambda-workbench.lambda-workbench';

export async function api(): Promise<LambdaWorkbenchApi> {
  const ext = vscode.extensions.getExtension<LambdaWorkbenchApi>(EXTENSION_ID);
  if (!ext) throw new Error(`Extension ${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

export function workspaceRoot(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('The tests need the fixture workspace open (test/vscode/workspace, copied by the launcher).');
  return f.uri.fsPath;
}

export const mainTemplate = (): string => path.join(workspaceRoot(), 'template.yaml');

/** Polls until `check` returns a truthy value, or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export { isAlive } from '../../integration/helpers/processes';
