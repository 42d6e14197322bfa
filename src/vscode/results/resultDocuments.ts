// vscode layer: invoke results as read-only JSONC documents (scheme `lambda-result`): a header with status,
// durations and, for errors, the failing line (a clickable link), then the response payload.
import * as vscode from 'vscode';
import type { InvokeResult } from '../../core/invoke/invokeTypes';
import { RESULT_SCHEME } from '../ids';
import type { SourceLocation } from './errorLocation';

export interface ResultView {
  functionName: string;
  eventSource: string;
  result: InvokeResult;
  failingLine?: SourceLocation;
}

/** Renders a result; pure, so it can be asserted on. */
export function renderResult(v: ResultView): string {
  const r = v.result;
  const head = [
    `// ${v.functionName} · ${r.status.toUpperCase()} · request ${r.requestId}`,
    `// Duration: ${r.durationMs.toFixed(2)} ms · Billed Duration: ${r.billedDurationMs} ms · Memory: ${r.maxMemoryUsedMB}/${r.memorySizeMB} MB${r.initDurationMs !== undefined ? ` · Init: ${r.initDurationMs.toFixed(2)} ms` : ''}`,
    `// Event: ${v.eventSource}`,
  ];
  if (r.functionError) head.push(`// Function error: ${r.errorType ?? 'Unhandled'}${r.platformErrorType ? ` (${r.platformErrorType})` : ''}`);
  if (r.diagnostic) head.push(`// ${r.diagnostic.message}`);
  if (v.failingLine) head.push(`// at ${v.failingLine.file}:${v.failingLine.line}:${v.failingLine.column}`);
  return `${head.join('\n')}\n${prettyPayload(r.payload.toString('utf8'))}\n`;
}

function prettyPayload(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
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
    const uri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${v.functionName}/${++this.counter}-${v.result.requestId.slice(0, 8)}.jsonc` });
    this.docs.set(uri.toString(), renderResult(v));
    if (this.docs.size > 50) this.docs.delete(this.docs.keys().next().value as string);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'jsonc');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    return doc;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '// This result is no longer available; invoke the function again.\n';
  }

  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const links: vscode.DocumentLink[] = [];
    for (let i = 0; i < Math.min(doc.lineCount, 8); i++) {
      const m = /^\/\/ at (.+):(\d+):(\d+)$/.exec(doc.lineAt(i).text);
      if (!m) continue;
      const target = vscode.Uri.file(m[1]).with({ fragment: `L${m[2]},${m[3]}` });
      links.push(new vscode.DocumentLink(new vscode.Range(i, 6, i, doc.lineAt(i).text.length), target));
    }
    return links;
  }

  dispose(): void {
    this.changed.dispose();
    this.docs.clear();
  }
}
