// core/runtime: watches a debug-mode Node.js environment through its inspector (a second CDP session
// next to the user's debugger) so the engine can suspend the function's timeout while it is paused.
// Caveat: with this session's Debugger domain enabled, a `debugger;` statement pauses even before the
// user's debugger attaches (the timeout stays suspended; attaching resumes it).
import type { Disposable } from '../common/disposable';
import { CdpClient } from './cdpClient';
import type { SuspendableTimer } from './suspendableTimer';

export interface DebugObserverEvents {
  paused(): void;
  resumed(): void;
}

export class DebugObserver {
  private client: CdpClient | undefined;
  private closed = false;

  constructor(
    private readonly port: number,
    private readonly events: DebugObserverEvents,
  ) {}

  /** Connects (retrying until the inspector listens) and enables the Debugger domain. */
  async start(timeoutMs = 10_000): Promise<void> {
    const client = await CdpClient.connect(this.port, timeoutMs);
    if (this.closed) {
      client.close();
      return;
    }
    this.client = client;
    client.on('Debugger.paused', () => this.events.paused());
    client.on('Debugger.resumed', () => this.events.resumed());
    await client.send('Debugger.enable');
  }

  dispose(): void {
    this.closed = true;
    this.client?.close();
    this.client = undefined;
  }
}

export interface PauseWatchOptions {
  /** The deadline running now (init or invocation), if any. */
  deadline(): SuspendableTimer | undefined;
  log(line: string): void;
  timeoutSeconds: number;
  warn(message: string): void;
}

/** Suspends the running deadline while the debugger has the runtime paused, and says so in the log. */
export function watchDebuggerPauses(port: number, o: PauseWatchOptions): Disposable {
  let paused = false;
  const observer = new DebugObserver(port, {
    paused: () => {
      const deadline = o.deadline();
      if (!deadline || paused) return;
      paused = true;
      deadline.suspend();
      o.log(`Debugger paused: timeout suspended with ${(deadline.remainingMs / 1000).toFixed(2)} s left`);
    },
    resumed: () => {
      // The resume may be reported after the invocation already answered: still say what was left.
      const deadline = o.deadline();
      if (!paused || !deadline) return;
      paused = false;
      o.log(`Debugger resumed: ${(deadline.remainingMs / 1000).toFixed(2)} s of the ${o.timeoutSeconds} s timeout remain`);
      deadline.resume();
    },
  });
  observer.start().catch((e: unknown) => o.warn(`Could not watch the debugger on 127.0.0.1:${port}: ${(e as Error).message}. Timeouts apply while paused.`));
  return { dispose: () => observer.dispose() };
}
