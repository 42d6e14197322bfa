// core/runtime: what an execution environment does differently in debug mode: checks its debug port is
// free, watches the debugger's pauses (over CDP for Node.js; reported by our Python runtime itself) and
// holds the running deadline while paused. A runtime whose pauses nobody reports gets no timeout at all.
import { runtimeFamily } from '../model/runtimes';
import { PauseTracker, watchDebuggerPauses, type PauseWatch } from './debugObserver';
import { assertPortFree } from './portCheck';
import type { SuspendableTimer } from './suspendableTimer';

export interface EnvironmentDebugOptions {
  port: number;
  waitForAttach: boolean;
  runtime: string;
  timeoutSeconds: number;
  /** The deadline running now (init or invocation), if any. */
  deadline(): SuspendableTimer | undefined;
  log(line: string): void;
  warn(message: string): void;
}

/** The platform line logged when the user's debugger has attached to a Node.js runtime waiting for it. */
export const DEBUGGER_ATTACHED = 'Debugger attached.';

/** Debugger state messages our runtimes post to the Runtime API server (not part of Lambda's API). */
export interface DebuggerState {
  paused?: boolean;
  reporting?: boolean;
  attached?: boolean;
}

export class EnvironmentDebug {
  private watch: PauseWatch | undefined;
  private readonly reported: PauseTracker;
  private reporting = false;
  private readonly nodejs: boolean;

  constructor(private readonly o: EnvironmentDebugOptions) {
    this.nodejs = runtimeFamily(o.runtime) === 'nodejs';
    this.reported = new PauseTracker(o);
  }

  /** Before a runtime process starts: a port someone else holds would make the debugger fail silently. */
  beforeStart(): Promise<void> {
    return assertPortFree(this.o.port);
  }

  /** A new runtime process started: it will say again whether it reports pauses; Node.js is watched. */
  processStarted(): void {
    this.reporting = false;
    if (!this.nodejs) return;
    this.watch?.dispose();
    // With waitForAttach the bootstrap reports the attach; without, watch at once.
    this.watch = watchDebuggerPauses(this.o.port, { ...this.o, attachedAlready: !this.o.waitForAttach });
  }

  onState(state: DebuggerState): void {
    if (state.attached) {
      this.watch?.debuggerAttached();
      // Node prints these words for any inspector session (our pause watcher is one): this line is the real one.
      this.o.log(DEBUGGER_ATTACHED);
    }
    if (state.reporting) this.reporting = true;
    if (state.paused === true) this.reported.pause();
    if (state.paused === false) this.reported.resume();
  }

  /** True when pauses go unseen, so the deadline must stay off rather than kill a paused function. */
  get pausesUnseen(): boolean {
    return !this.nodejs && !this.reporting;
  }

  dispose(): void {
    this.watch?.dispose();
    this.watch = undefined;
  }
}
