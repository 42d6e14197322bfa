// vscode layer: Send Request's read-only response documents (scheme `lambda-response`): one per route, updated in
// place on each send, like the peek and result documents.
import * as vscode from 'vscode';
import { RESPONSE_SCHEME } from '../ids';
import { ReadOnlyDocuments } from '../results/readOnlyDocuments';

export class ResponseDocuments extends ReadOnlyDocuments {
  constructor() {
    super(RESPONSE_SCHEME);
  }

  /** Shows `text` in the document named after the route (`GET /pets/{id}` → `/GET pets {id}.http`). */
  show(name: string, text: string): Promise<vscode.TextDocument> {
    const safe = name.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim() || 'response';
    return this.showAt(`/${safe}.http`, text);
  }
}
