// vscode layer: invoke results as read-only JSONC documents (scheme `lambda-result`): a header with status,
// durations and, for errors, the failing line (a clickable link), then the response payload.
import * as vscode from 'vscode';
import type { InvokeResult } from '../../core/invoke/invokeTypes';
import { RESULT_SCHEME } from '../ids';
import type { SourceLocation } from './errorLocation';
import { mapTaskPaths } from './sourcePaths';

export interface ResultView {
  functionName: string;
  eventSource: string;
  result: InvokeResult;
  failingLine?: SourceLocation;
  /** The function's source folder: package paths in the payload (stack traces) map back to it. */
  sourceDir?: string;
}

/** Renders a result; pure, so it can be asserted on. */
export function renderResult(v: ResultView): string {
  const r = v.result;
  const head = [
    `// ${v.functionName} · ${r.status.toUpperCase()} · request ${r.requestId}`,
    `// Duration: ${r.durationMs.toFixed(2)} ms · Billed Duration: ${r.billedDurationMs} ms · Memory: ${r.maxMemoryUsedMB}/${r.memorySizeMB} MB${r.initDurationMs !== undefined ? ` · Init: ${r.initDurationMs.toFixed(2)} ms` : ''}`,
    `// Event: ${v.eventSource}`,
  ];
  // The platform's type only when it says more (Runtime.ExitError under an error payload), never the same twice.
  const platform = r.platformErrorType && r.platformErrorType !== r.errorType ? ` (${r.platformErrorType})` : '';
  if (r.functionError) head.push(`// Function error: ${r.errorType ?? 'Unhandled'}${platform}`);
  if (r.diagnostic) head.push(`// ${r.diagnostic.message}`);
  if (v.failingLine) head.push(`// at ${v.failingLine.file}:${v.failingLine.line}:${v.failingLine.column}`);
  return `${head.join('\n')}\n${mapTaskPaths(prettyPayload(r.payload.toString('utf8')), v.sourceDir)}\n`;
}

const clock = (): string => new Date().toLocaleTimeString(undefined, { hour12: false });

function prettyPayload(text: string): string {
  try {
    const value = JSON.parse(text) as unknown;
    // API Gateway / function URL shaped: show a JSON body as JSON, not as an escaped string.
    const v = value as { statusCode?: unknown; body?: unknown; isBase64Encoded?: unknown };
    if (v && typeof v === 'object' && typeof v.statusCode === 'number' && typeof v.body === 'string' && !v.isBase64Encoded) {
      try {
        const body = JSON.parse(v.body) as unknown;
        if (body !== null && typeof body === 'object') return `// "body" is shown decoded from its JSON string\n${JSON.stringify({ ...v, body }, null, 2)}`;
      } catch {
        // not a JSON body: as it is
      }
    }
    return JSON.stringify(value, null, 2);
  } catch {
    return text;
  }
}

/** Holds rendered results in memory and serves them; links the "// at file:line:col" header line. */
export class ResultDocuments implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider, vscode.Disposable {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, this),
      vscode.languages.registerDocumentLinkProvider({ scheme: RESULT_SCHEME }, this),
    );
  }

  /** Stores the result and opens it beside the active editor. */
  async show(v: ResultView): Promise<vscode.TextDocument> {
    return this.showText(`${v.functionName} result ${clock()}`, 'jsonc', renderResult(v));
  }

  /**
   * Opens read-only text beside the active editor, named for what it is ("Hello result 02:21:03"), in
   * the editor group results already use (no new empty group per result).
   */
  async showText(title: string, language: string, text: string): Promise<vscode.TextDocument> {
    const ext = language === 'jsonc' ? 'jsonc' : language === 'log' ? 'log' : 'txt';
    let name = `${title}.${ext}`;
    for (let i = 2; [...this.docs.keys()].some((k) => k.endsWith(encodeURIComponent(name))); i++) name = `${title} (${i}).${ext}`;
    const uri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${++this.counter}/${name}` });
    this.docs.set(uri.toString(), text);
    if (this.docs.size > 50) this.docs.delete(this.docs.keys().next().value as string);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== language) await vscode.languages.setTextDocumentLanguage(doc, language);
    const column = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === RESULT_SCHEME))?.viewColumn;
    // Beside the editor being worked in; with no editor open, in the empty group itself (Beside would leave it empty).
    const fallback = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    await vscode.window.showTextDocument(doc, { viewColumn: column ?? fallback, preview: true, preserveFocus: true });
    return doc;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '// This result is no longer available; invoke the function again.\n';
  }

  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const links: vscode.DocumentLink[] = [];
    // The header's failing line, and every file:line:col in the body (stack traces, mapped to the source).
    const frame = /(\/[^\s"'`()<>:]+):(\d+):(\d+)/g;
    for (let i = 0; i < Math.min(doc.lineCount, 2000); i++) {
      const text = doc.lineAt(i).text;
      for (const m of text.matchAll(frame)) {
        const target = vscode.Uri.file(m[1]).with({ fragment: `L${m[2]},${m[3]}` });
        links.push(new vscode.DocumentLink(new vscode.Range(i, m.index, i, m.index + m[0].length), target));
      }
    }
    return links;
  }

  dispose(): void {
    this.changed.dispose();
    this.docs.clear();
  }
}
