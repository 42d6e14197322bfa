// vscode layer: Peek Messages' read-only JSON documents (scheme `lambda-peek`): a queue's messages as they are,
// without receiving them (no receive count, no visibility change).
import * as vscode from 'vscode';
import type { QueueMessage } from '../../core/events/queue/localQueue';
import { PEEK_SCHEME } from '../ids';

/** The JSON a peek shows: SQS's names, the body parsed when it is JSON, times as ISO strings. */
export function renderPeek(queueName: string, messages: readonly QueueMessage[], now: number): string {
  const shown = messages.map((m) => {
    let body: unknown = m.body;
    try {
      body = JSON.parse(m.body);
    } catch {
      // not JSON: the string itself
    }
    return {
      MessageId: m.messageId,
      Body: body,
      MessageAttributes: m.attributes,
      SentTimestamp: new Date(m.sentAt).toISOString(),
      ApproximateReceiveCount: m.receiveCount,
      Visible: m.visibleAt <= now,
    };
  });
  return `// ${queueName}: ${messages.length} message${messages.length === 1 ? '' : 's'} (peeked: nothing was received or changed)\n${JSON.stringify(shown, null, 2)}\n`;
}

export class PeekDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  register(): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(PEEK_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Shows the text in the queue's peek document (one per queue, updated in place). */
  async show(queueName: string, text: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: PEEK_SCHEME, path: `/${queueName}.jsonc` });
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
