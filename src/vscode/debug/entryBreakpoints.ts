// vscode layer: the temporary breakpoints of "break on handler entry" and "debug init code", added before
// the language debugger attaches (so it binds them like the user's own) and removed when the session ends.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../core/model/functionConfig';
import { findExportLine, locateHandler } from '../codelens/handlerLocator';
import { handlerEntryLine, moduleFirstLine } from './entryLines';

export class EntryBreakpoints implements vscode.Disposable {
  private added: vscode.SourceBreakpoint[] = [];

  /** Adds the breakpoints the options ask for; returns the 0-based lines used, per kind. */
  async add(fn: FunctionConfig, o: { handlerEntry?: boolean; initCode?: boolean }): Promise<{ file?: string; entry?: number; init?: number }> {
    if (!o.handlerEntry && !o.initCode) return {};
    const target = locateHandler(fn);
    if (!target) return {};
    const python = fn.runtime.startsWith('python');
    const text = await readFile(target.file, 'utf8');
    const uri = vscode.Uri.file(target.file);
    const lines: { file?: string; entry?: number; init?: number } = { file: target.file };
    if (o.handlerEntry) lines.entry = handlerEntryLine(text, findExportLine(text, target.exportName, python), python);
    if (o.initCode) lines.init = moduleFirstLine(text, python);
    const existing = new Set(
      vscode.debug.breakpoints
        .filter((b): b is vscode.SourceBreakpoint => b instanceof vscode.SourceBreakpoint && b.location.uri.fsPath === uri.fsPath)
        .map((b) => b.location.range.start.line),
    );
    const wanted = [...new Set([lines.init, lines.entry])].filter((l): l is number => l !== undefined && !existing.has(l));
    this.added = wanted.map((l) => new vscode.SourceBreakpoint(new vscode.Location(uri, new vscode.Position(l, 0))));
    if (this.added.length) vscode.debug.addBreakpoints(this.added);
    return lines;
  }

  dispose(): void {
    if (this.added.length) vscode.debug.removeBreakpoints(this.added);
    this.added = [];
  }
}
