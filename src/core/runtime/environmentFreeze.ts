// core/runtime: the freeze between invocations (lambda-semantics.md §2.1). Once the runtime waits on /next with
// nothing to hand it, the environment's process group is stopped, so a handler's timers, intervals and un-awaited
// promises pause until the next invocation thaws it.
import type { RuntimeProcess } from './runtimeProcess';

/** How long after the runtime's /next an idle environment is frozen. */
const FREEZE_AFTER_MS = 5;

/**
 * The freeze comes FREEZE_AFTER_MS after the /next (Lambda's is not instant either): back-to-back invocations never
 * pay two signals each (SIGSTOP + SIGCONT to a process group cost ~11 % of the engine's CPU at concurrency 8 when
 * sent on every /next), and one timer serves any number of invocations in that window. Real time, not the engine
 * clock: this is about real processes, and a virtual clock must not stop them.
 */
export class EnvironmentFreeze {
  private frozen = false;
  private timer: NodeJS.Timeout | undefined;
  /** performance.now() of the runtime's last /next. */
  private idleSince = 0;

  /** `stillIdle`: the process the runtime runs in, while it waits on /next with nothing to take; else undefined. */
  constructor(
    private readonly enabled: boolean,
    private readonly stillIdle: () => RuntimeProcess | undefined,
  ) {}

  /** True while the environment's processes are stopped between invocations. */
  get isFrozen(): boolean {
    return this.frozen;
  }

  /** The runtime asked for the next event: freeze it once the window has passed with nothing for it. */
  runtimeWaiting(): void {
    if (!this.enabled || this.frozen) return;
    this.idleSince = performance.now();
    if (!this.timer) this.arm(FREEZE_AFTER_MS);
  }

  /** Before an event is handed over. */
  thaw(proc: RuntimeProcess | undefined): void {
    if (!this.frozen) return;
    this.frozen = false;
    proc?.signalGroup('SIGCONT');
  }

  /** The process is gone (killed or reset): nothing is frozen any more. */
  forget(): void {
    this.frozen = false;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(this.fire, ms);
    this.timer.unref();
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    const proc = this.stillIdle();
    if (this.frozen || !proc) return;
    const idleMs = performance.now() - this.idleSince;
    // Busy and idle again meanwhile: wait out the rest of the window from the last /next.
    if (idleMs < FREEZE_AFTER_MS) return this.arm(FREEZE_AFTER_MS - idleMs);
    proc.signalGroup('SIGSTOP');
    this.frozen = true;
  };
}
