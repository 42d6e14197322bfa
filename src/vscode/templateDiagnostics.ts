// vscode layer: template problems in the Problems panel — a template that does not load, and each function or
// layer that cannot be resolved (unknown runtime, missing CodeUri, bad reference), at the line the engine
// names, with its error code. Kept in step with the loaded models (reload, Stop All, template edits).
import * as vscode from 'vscode';
import type { TemplateEntry, WorkspaceServices } from './workspaceServices';

export const DIAGNOSTIC_SOURCE = 'Lambda Workbench';

/** 1-based line/column from the engine → a range over the rest of that line (the whole first line when unknown). */
function rangeAt(line?: number, column?: number): vscode.Range {
  const l = Math.max(0, (line ?? 1) - 1);
  const c = Math.max(0, (column ?? 1) - 1);
  return new vscode.Range(l, c, l, Number.MAX_SAFE_INTEGER);
}

function diagnostic(message: string, code: string | undefined, range: vscode.Range, severity = vscode.DiagnosticSeverity.Error): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, message, severity);
  d.source = DIAGNOSTIC_SOURCE;
  if (code) d.code = code;
  return d;
}

/** The diagnostics of one loaded template (exported for the tests). */
export function templateDiagnostics(entry: TemplateEntry): vscode.Diagnostic[] {
  if (entry.error) return [diagnostic(entry.error, entry.errorAt?.code, rangeAt(entry.errorAt?.line, entry.errorAt?.column))];
  return (entry.model?.broken ?? []).map((b) =>
    diagnostic(`${b.resourceType} ${b.logicalId}: ${b.error.message}`, b.error.code, rangeAt(b.error.line ?? b.templateLine, b.error.line ? b.error.column : undefined)),
  );
}

export class TemplateDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('lambdaWorkbench');
  private readonly sub: vscode.Disposable;

  constructor(private readonly services: WorkspaceServices) {
    this.sub = services.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.collection.clear();
    for (const entry of this.services.loaded()) {
      const list = templateDiagnostics(entry);
      if (list.length) this.collection.set(entry.uri, list);
    }
  }

  dispose(): void {
    this.sub.dispose();
    this.collection.dispose();
  }
}
