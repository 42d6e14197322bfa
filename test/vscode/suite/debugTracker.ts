// VS Code test tier: records every debug session's DAP traffic (stopped and output events, responses)
// through a '*' tracker, registered BEFORE sessions start (a tracker only sees later sessions).
import * as vscode from 'vscode';

export interface Seen {
  session: vscode.DebugSession;
  message: { type: string; event?: string; command?: string; success?: boolean; message?: string; body?: any };
  at: number;
}

export class DebugRecorder implements vscode.Disposable {
  readonly seen: Seen[] = [];
  private readonly sub: vscode.Disposable;

  constructor() {
    this.sub = vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (message: Seen['message']) => this.seen.push({ session, message, at: performance.now() }),
      }),
    });
  }

  /** The n-th (0-based) `stopped` event of any session, waiting for it. */
  async stopped(n = 0, ms = 20_000): Promise<Seen> {
    return this.waitFor(`stopped event #${n + 1}`, () => this.seen.filter((s) => s.message.event === 'stopped')[n], ms);
  }

  /** All Debug Console text of sessions of `type`. */
  output(type: string): string {
    return this.seen.filter((s) => s.session.type === type && s.message.event === 'output').map((s) => s.message.body.output as string).join('');
  }

  /** The response to `command` in sessions of `type`. */
  response(type: string, command: string): Seen | undefined {
    return this.seen.find((s) => s.session.type === type && s.message.type === 'response' && s.message.command === command);
  }

  /** Resolves when a session of `type` has sent `terminated`. */
  terminated(type: string, ms = 20_000): Promise<Seen> {
    return this.waitFor(`${type} terminated`, () => this.seen.find((s) => s.session.type === type && s.message.event === 'terminated'), ms);
  }

  async waitFor<T>(what: string, check: () => T | undefined, ms: number): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > end) throw new Error(`Timed out after ${ms} ms waiting for ${what}. Seen: ${this.summary()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  summary(): string {
    return this.seen.map((s) => `${s.session.type}:${s.message.event ?? s.message.command}${s.message.success === false ? `(failed: ${s.message.message})` : ''}`).join(' ');
  }

  dispose(): void {
    this.sub.dispose();
  }
}

/** The top frame of a stop, and the value of a local variable in it (via the stopped session). */
export async function topFrame(stop: Seen, variable?: string): Promise<{ path: string; line: number; value?: string }> {
  const { session } = stop;
  const threadId = stop.message.body.threadId as number;
  const trace = await session.customRequest('stackTrace', { threadId, startFrame: 0, levels: 1 });
  const frame = trace.stackFrames[0];
  let value: string | undefined;
  if (variable) {
    const { scopes } = await session.customRequest('scopes', { frameId: frame.id });
    for (const scope of scopes) {
      const { variables } = await session.customRequest('variables', { variablesReference: scope.variablesReference });
      const found = (variables as { name: string; value: string }[]).find((v) => v.name === variable);
      if (found) {
        value = found.value;
        break;
      }
    }
  }
  // In code-server, js-debug names remote files by URI (vscode-remote://…/abs/path).
  const p: string = frame.source?.path ?? '';
  return { path: p.includes('://') ? vscode.Uri.parse(p).path : p, line: frame.line, value };
}

/**
 * Continues the stopped thread. js-debug answers "Unable to resume" when the thread already runs again by the time
 * the request arrives (seen now and then since session 6, on quiet and loaded machines alike; cause not found yet):
 * that is not taken as a failure here, because every caller then waits for the invocation's own result — a debuggee
 * that did not finish still fails the test there.
 */
export async function resume(stop: Seen): Promise<void> {
  try {
    await stop.session.customRequest('continue', { threadId: stop.message.body.threadId });
  } catch (e) {
    if (!/Unable to resume/.test(String((e as Error)?.message ?? e))) throw e;
    console.log(`    (continue: "Unable to resume" — the thread was already running; the test goes on to the result)`);
  }
}
