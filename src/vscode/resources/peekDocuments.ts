// vscode layer: Peek Messages' read-only JSON documents (scheme `lambda-peek`): a queue's messages as they are,
// without receiving them (no receive count, no visibility change).
import * as vscode from 'vscode';
import type { QueueMessage } from '../../core/events/queue/localQueue';
import { PEEK_SCHEME } from '../ids';
import { ReadOnlyDocuments } from '../results/readOnlyDocuments';

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

export class PeekDocuments extends ReadOnlyDocuments {
  constructor() {
    super(PEEK_SCHEME);
  }

  /** Shows the text in the queue's peek document (one per queue, updated in place). */
  show(queueName: string, text: string): Promise<vscode.TextDocument> {
    return this.showAt(`/${queueName}.jsonc`, text);
  }
}
