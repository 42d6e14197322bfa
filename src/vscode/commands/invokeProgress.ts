// vscode layer: the progress of a running invoke: a spinner in the status bar at once and, when it takes
// longer than a moment, a notification with a Cancel button. Cancelling aborts the invoke's signal (the
// engine stops and discards its environment: src/core/invoke/cancellation.ts).
import * as vscode from 'vscode';
import { isWorkbenchError } from '../../core/common/errors';

/** What the invoke commands return when the invocation was cancelled (the progress's Cancel button). */
export interface CancelledInvoke {
  cancelled: true;
  message: string;
}

/** A cancellation, told to the user (not as an error: they asked for it); undefined for any other error. */
export function reportCancelled(e: unknown, logInfo: (m: string) => void): CancelledInvoke | undefined {
  if (!isWorkbenchError(e) || e.code !== 'INVOKE_CANCELLED') return undefined;
  logInfo(e.message);
  void vscode.window.showInformationMessage(e.message);
  return { cancelled: true, message: e.message };
}

/** How long an invoke runs before its notification (with Cancel) appears: quick invokes show none. */
export const NOTIFY_AFTER_MS = 800;

export interface InvokeProgressOptions {
  title: string;
  /** A caller's own cancellation (tests, other commands), honoured like the Cancel button. */
  token?: vscode.CancellationToken;
  notifyAfterMs?: number;
}

export async function withInvokeProgress<T>(o: InvokeProgressOptions, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const cancel = (): void => ac.abort();
  const subs: vscode.Disposable[] = [];
  if (o.token?.isCancellationRequested) cancel();
  else if (o.token) subs.push(o.token.onCancellationRequested(cancel));
  const running = task(ac.signal);
  const settled = running.then(
    () => undefined,
    () => undefined,
  );
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `$(sync~spin) ${o.title}` }, () => settled);
  const timer = setTimeout(() => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: o.title, cancellable: true }, (_progress, token) => {
      subs.push(token.onCancellationRequested(cancel));
      return settled;
    });
  }, o.notifyAfterMs ?? NOTIFY_AFTER_MS);
  try {
    return await running;
  } finally {
    clearTimeout(timer);
    for (const s of subs) s.dispose();
  }
}
