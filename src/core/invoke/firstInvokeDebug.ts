// core/invoke: SAM's `sam local start-api -d PORT [--debug-function F]` for a serving engine: the first invoke of
// each function (or of the one function named) runs in a debug environment on PORT and waits for a debugger.
// A port serves one debuggee at a time, so these invokes take turns, and each frees the port when it ends.
import type { DebugRequest } from '../scheduler/poolManager';

export interface FirstInvokeDebugOptions {
  /** 127.0.0.1 port of the inspector (Node.js) or debugpy (Python). */
  port: number;
  /** Only this function's first invoke (a function name, already resolved); default every function's. */
  functionName?: string;
  /** Told when a function's first invoke starts to wait for its debugger. */
  onWaiting?: (functionName: string) => void;
}

export class FirstInvokeDebug {
  private readonly debugged = new Set<string>();
  private turn: Promise<void> = Promise.resolve();

  constructor(
    private readonly o: FirstInvokeDebugOptions,
    private readonly stopPort: (port: number) => Promise<void>,
  ) {}

  /** True (once per function) when this invoke of `functionName` is the one to debug; marks it debugged. */
  claim(functionName: string): boolean {
    if (this.o.functionName !== undefined && this.o.functionName !== functionName) return false;
    if (this.debugged.has(functionName)) return false;
    this.debugged.add(functionName);
    return true;
  }

  /** Runs `invoke` in a debug environment on the port once the previous debuggee freed it; then frees it. */
  run<T>(functionName: string, invoke: (debug: DebugRequest) => Promise<T>): Promise<T> {
    const mine = this.turn.then(() => {
      this.o.onWaiting?.(functionName);
      return invoke({ port: this.o.port, waitForAttach: true });
    });
    this.turn = mine.then(
      () => this.stopPort(this.o.port),
      () => this.stopPort(this.o.port),
    ).catch(() => undefined);
    return mine;
  }
}
