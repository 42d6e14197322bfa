// vscode layer: Send Request's read-only response documents (scheme `lambda-response`): one per route, updated in
// place on each send, like the peek and result documents.
import * as vscode from 'vscode';
import { RESPONSE_SCHEME } from '../ids';

export class ResponseDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  register(): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Shows `text` in the document named after the route (`GET /pets/{id}` → `/GET pets {id}.http`). */
  async show(name: string, text: string): Promise<vscode.TextDocument> {
    const safe = name.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim() || 'response';
    const uri = vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/${safe}.http` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
    return doc;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
