// vscode layer: the `lambda` DebugConfigurationProvider. It offers the templates' functions for a new
// launch.json and for F5 without one, and resolves a configuration (defaults, validation); it never runs
// the invoke itself: VS Code starts the session, whose adapter owns the invocation.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FunctionRef, WorkspaceServices } from '../workspaceServices';
import { debugRuntimeOf } from './childDebugConfig';
import { DEBUG_TYPE, invalidReason, type LambdaLaunchConfig } from './debugConfig';

/** A launch configuration for one function, with paths written relative to the folder when inside it. */
export function configurationFor(ref: FunctionRef, folder?: vscode.WorkspaceFolder): LambdaLaunchConfig {
  const rel = folder ? path.relative(folder.uri.fsPath, ref.templatePath) : undefined;
  const template = rel !== undefined && !rel.startsWith('..') && !path.isAbsolute(rel) ? `\${workspaceFolder}/${rel.split(path.sep).join('/')}` : ref.templatePath;
  return { type: DEBUG_TYPE, request: 'launch', name: `Lambda: Debug ${ref.fn.logicalId}`, function: ref.fn.logicalId, template, event: {} };
}

export class LambdaDebugConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly services: WorkspaceServices) {}

  async provideDebugConfigurations(folder: vscode.WorkspaceFolder | undefined): Promise<vscode.DebugConfiguration[]> {
    const refs = (await this.debuggable()).filter((r) => !folder || vscode.workspace.getWorkspaceFolder(vscode.Uri.file(r.templatePath))?.uri.fsPath === folder.uri.fsPath);
    // The template's real functions only (no placeholder in package.json), each once.
    const seen = new Set<string>();
    return refs
      .map((r) => configurationFor(r, folder))
      .filter((c) => !seen.has(`${c.template}#${c.function}`) && !!seen.add(`${c.template}#${c.function}`))
      .map((c) => c as unknown as vscode.DebugConfiguration);
  }

  async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | null | undefined> {
    // F5 with no launch.json: VS Code passes an empty configuration; offer the functions.
    if (!config.type && !config.request && !config.name) {
      const refs = await this.debuggable();
      if (refs.length === 0) {
        void vscode.window.showErrorMessage('Lambda: no Node.js or Python function to debug: add a SAM template (template.yaml) with one to the workspace.');
        return undefined;
      }
      const pick = refs.length === 1 ? { ref: refs[0] } : await vscode.window.showQuickPick(
        refs.map((ref) => ({ label: ref.fn.logicalId, description: ref.fn.runtime, detail: vscode.workspace.asRelativePath(ref.templatePath), ref })),
        { title: 'Debug which Lambda function?' },
      );
      if (!pick) return undefined;
      const f = folder ?? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(pick.ref.templatePath));
      return configurationFor(pick.ref, f) as unknown as vscode.DebugConfiguration;
    }
    const c = config as Partial<LambdaLaunchConfig> & vscode.DebugConfiguration;
    if (!c.template && c.function) {
      // One template in the workspace defines it: fill the template in.
      const found = (await this.services.functions()).filter((r) => r.fn.logicalId === c.function);
      if (found.length === 1) c.template = found[0].templatePath;
    }
    c.name ??= `Lambda: Debug ${c.function ?? ''}`;
    const reason = invalidReason(c);
    if (reason) {
      // Returning undefined aborts silently; say what to fix and offer launch.json.
      const choice = await vscode.window.showErrorMessage(`Lambda debug configuration "${c.name}": ${reason}`, 'Open launch.json');
      if (choice) await vscode.commands.executeCommand('workbench.action.debug.configure');
      return undefined;
    }
    return c;
  }

  private async debuggable(): Promise<FunctionRef[]> {
    return (await this.services.functions()).filter((r) => debugRuntimeOf(r.fn.runtime));
  }
}
