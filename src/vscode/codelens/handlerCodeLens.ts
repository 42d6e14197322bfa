// vscode layer: CodeLens "Invoke" / "Debug" above each handler export (JS/TS/Python) that a loaded
// template references (unless lambdaWorkbench.codeLens.enabled is off), and "Send Request" when the function has an HTTP front door (an Api or HttpApi event, a
// function URL, any API Gateway route to it). Reads only already-loaded templates, so it never starts the engine.
import * as vscode from 'vscode';
import { COMMANDS, SETTINGS } from '../ids';
import { readSettings } from '../settings';
import type { FunctionRef, WorkspaceServices } from '../workspaceServices';
import { findExportLine, locateHandler } from './handlerLocator';

export const HANDLER_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'python' },
];

export class HandlerCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly services: WorkspaceServices) {
    this.sub = vscode.Disposable.from(
      services.onDidChange(() => this.changed.fire()),
      // lambdaWorkbench.codeLens.enabled applies at once, in every open editor.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.codeLensEnabled}`)) this.changed.fire();
      }),
    );
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    if (!readSettings(doc.uri).codeLensEnabled) return lenses;
    for (const entry of this.services.loaded()) {
      for (const fn of entry.model?.functions ?? []) {
        const target = locateHandler(fn);
        if (!target || target.file !== doc.uri.fsPath) continue;
        const line = findExportLine(doc.getText(), target.exportName, doc.languageId === 'python');
        const range = new vscode.Range(line, 0, line, 0);
        const ref: FunctionRef = { templatePath: entry.uri.fsPath, fn };
        lenses.push(
          new vscode.CodeLens(range, { title: `$(play) Invoke ${fn.logicalId}`, command: COMMANDS.invoke, arguments: [ref] }),
          new vscode.CodeLens(range, { title: '$(debug-alt) Debug', command: COMMANDS.debug, arguments: [ref] }),
        );
        const routed = entry.model?.http?.apis.some((api) => api.routes.some((r) => r.integration.functionName === fn.functionName));
        if (routed) {
          lenses.push(new vscode.CodeLens(range, { title: '$(globe) Send Request', command: COMMANDS.routeSendRequest, arguments: [{ templatePath: entry.uri.fsPath, functionName: fn.functionName }] }));
        }
      }
    }
    return lenses;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
