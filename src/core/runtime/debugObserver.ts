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

/** Holds the running deadline while the debugger has the runtime paused, and says so in the log. */
export class PauseTracker {
  private paused = false;

  constructor(private readonly o: Omit<PauseWatchOptions, 'warn'>) {}

  pause(): void {
    const deadline = this.o.deadline();
    if (!deadline || this.paused) return;
    this.paused = true;
    deadline.suspend();
    this.o.log(`Debugger paused: timeout suspended with ${(deadline.remainingMs / 1000).toFixed(2)} s left`);
  }

  resume(): void {
    // The resume may be reported after the invocation already answered: still say what was left.
    const deadline = this.o.deadline();
    if (!this.paused || !deadline) return;
    this.paused = false;
    this.o.log(`Debugger resumed: ${(deadline.remainingMs / 1000).toFixed(2)} s of the ${this.o.timeoutSeconds} s timeout remain`);
    deadline.resume();
  }
}

/** Watches a Node.js environment's inspector (CDP) and feeds its pauses to a PauseTracker. */
export function watchDebuggerPauses(port: number, o: PauseWatchOptions): Disposable {
  const tracker = new PauseTracker(o);
  const observer = new DebugObserver(port, { paused: () => tracker.pause(), resumed: () => tracker.resume() });
  observer.start().catch((e: unknown) => o.warn(`Could not watch the debugger on 127.0.0.1:${port}: ${(e as Error).message}. Timeouts apply while paused.`));
  return { dispose: () => observer.dispose() };
}
