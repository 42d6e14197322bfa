// vscode layer: what the "Debug" command (CodeLens, tree, palette) does: start a `lambda` debug session for
// the function with the event plain Invoke would send. The session's adapter does the rest.
import * as vscode from 'vscode';
import { SETTINGS } from '../ids';
import type { FunctionRef } from '../workspaceServices';
import { configurationFor } from './debugConfigurationProvider';

/** Setting (under lambdaWorkbench.) that makes "Debug" stop at the handler's first statement. */
export const BREAK_ON_HANDLER_ENTRY = 'debug.breakOnHandlerEntry';

/** Starts debugging `ref` with `payload`; resolves with the started session, or undefined if it did not start. */
export async function startFunctionDebugging(ref: FunctionRef, payload: string, extra: { stopOnEntry?: boolean; debugInitCode?: boolean; qualifier?: string } = {}): Promise<vscode.DebugSession | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(ref.templatePath));
  const config = {
    ...configurationFor(ref, folder),
    template: ref.templatePath,
    event: undefined,
    __payload: payload,
    stopOnEntry: extra.stopOnEntry ?? vscode.workspace.getConfiguration(SETTINGS.section, folder).get<boolean>(BREAK_ON_HANDLER_ENTRY, false),
    debugInitCode: extra.debugInitCode,
    ...(extra.qualifier ? { qualifier: extra.qualifier, name: `Debug ${ref.fn.logicalId}:${extra.qualifier}` } : {}),
  };
  let session: vscode.DebugSession | undefined;
  const sub = vscode.debug.onDidStartDebugSession((s) => {
    if (!session && s.configuration.__payload === payload && s.configuration.function === ref.fn.logicalId) session = s;
  });
  try {
    const ok = await vscode.debug.startDebugging(folder, config as unknown as vscode.DebugConfiguration);
    return ok ? session : undefined;
  } finally {
    sub.dispose();
  }
}
