// core/runtime: watches a debug-mode Node.js environment through its inspector (a second CDP session
// next to the user's debugger) so the engine can suspend the function's timeout while it is paused.
// Its Debugger domain is enabled only once the user's debugger has attached (the bootstrap says so), so
// a `debugger;` statement never pauses a function that no debugger is looking at.
import { CdpClient } from './cdpClient';
import type { SuspendableTimer } from './suspendableTimer';

export interface DebugObserverEvents {
  paused(): void;
  resumed(): void;
}

export class DebugObserver {
  private client: CdpClient | undefined;
  private closed = false;
  private enabled = false;

  constructor(
    private readonly port: number,
    private readonly events: DebugObserverEvents,
  ) {}

  /** Connects (retrying until the inspector listens); pauses are seen once enable() has been called. */
  async start(timeoutMs = 10_000): Promise<void> {
    const client = await CdpClient.connect(this.port, timeoutMs);
    if (this.closed) {
      client.close();
      return;
    }
    this.client = client;
    client.on('Debugger.paused', () => this.events.paused());
    client.on('Debugger.resumed', () => this.events.resumed());
    if (this.enabled) await client.send('Debugger.enable');
  }

  /** Starts watching pauses (call when the user's debugger has attached). */
  enable(): void {
    if (this.enabled) return;
    this.enabled = true;
    this.client?.send('Debugger.enable').catch(() => undefined);
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

export interface PauseWatch {
  dispose(): void;
  /** The user's debugger has attached: from now on its pauses hold the timeout. */
  debuggerAttached(): void;
}

/** Watches a Node.js environment's inspector (CDP) and feeds its pauses to a PauseTracker. */
export function watchDebuggerPauses(port: number, o: PauseWatchOptions & { attachedAlready: boolean }): PauseWatch {
  const tracker = new PauseTracker(o);
  const observer = new DebugObserver(port, { paused: () => tracker.pause(), resumed: () => tracker.resume() });
  if (o.attachedAlready) observer.enable();
  observer.start().catch((e: unknown) => o.warn(`Could not watch the debugger on 127.0.0.1:${port}: ${(e as Error).message}. Timeouts apply while paused.`));
  return { dispose: () => observer.dispose(), debuggerAttached: () => observer.enable() };
}
