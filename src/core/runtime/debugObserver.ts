// core/runtime: watches a debug-mode Node.js environment through its inspector (a second CDP session
// next to the user's debugger) so the engine can suspend the function's timeout while it is paused.
// Caveat: with this session's Debugger domain enabled, a `debugger;` statement pauses even before the
// user's debugger attaches (the timeout stays suspended; attaching resumes it).
import { CdpClient } from './cdpClient';

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
