// core/scheduler: the local capacity guard — how many environment processes this machine may run at once.
// Not a Lambda limit: Lambda would run these requests, so past the guard they are never throttled; they
// wait in arrival order for capacity (an idle environment of any function is shut down to make room, the
// least recently used first), and the user is told once. Each environment costs its MemorySize against a
// budget of the machine's free memory, or 1 against a fixed number of processes when one is configured.
import { freemem } from 'node:os';

export interface CapacityGuardOptions {
  /** A fixed number of environment processes (each costs 1); default: a memory budget. */
  maxProcesses?: number;
  /** The memory budget in MB (default: 80 % of the free memory when the engine starts). */
  memoryBudgetMB?: number;
  /** Shut down one idle environment somewhere to make room; false when there is none. */
  evictIdle(): boolean;
  warn(message: string): void;
}

interface Waiter {
  cost: number;
  /** Takes the granted capacity; false when the request no longer needs it (it got an environment). */
  grant(): boolean;
  /** False once the request was served otherwise: dropped without evicting anything for it. */
  wanted(): boolean;
}

export class CapacityGuard {
  private used = 0;
  private live = 0;
  private readonly budget: number;
  private readonly byProcess: boolean;
  private readonly queue: Waiter[] = [];
  private warned = false;
  private waking = false;

  constructor(private readonly o: CapacityGuardOptions) {
    this.byProcess = o.maxProcesses !== undefined;
    this.budget = o.maxProcesses ?? o.memoryBudgetMB ?? Math.floor((freemem() / 1048576) * 0.8);
  }

  /** What one environment of a function with `memorySizeMB` costs. */
  costOf(memorySizeMB: number): number {
    return this.byProcess ? 1 : memorySizeMB;
  }

  /** Room for one more environment of `cost` (evicting an idle one if that makes room); false: wait(). */
  tryTake(cost: number): boolean {
    if (this.queue.length === 0 && this.fits(cost)) return this.take(cost);
    while (this.queue.length === 0 && !this.fits(cost) && this.o.evictIdle()) {
      // evictIdle gave capacity back through give(); loop until it fits or nothing idle is left.
    }
    if (this.queue.length === 0 && this.fits(cost)) return this.take(cost);
    return false;
  }

  /** Queue for capacity; `grant` is called (in arrival order) once it is taken for the request. */
  wait(cost: number, grant: () => boolean, wanted: () => boolean): void {
    if (!this.warned) {
      this.warned = true;
      const limit = this.byProcess ? `${this.budget} environment processes` : `${this.budget} MB of memory for environments (80 % of what was free)`;
      this.o.warn(
        `This machine's capacity for execution environments is reached (${limit}, ${this.live} running): further requests wait in order for an environment to finish. Lambda would run them at once; they are not throttled. Set maxLocalEnvironments / --max-local-environments to change it.`,
      );
    }
    this.queue.push({ cost, grant, wanted });
  }

  /** An environment is gone (or was never created): its capacity goes to the next waiter. */
  give(cost: number): void {
    this.used -= cost;
    this.live--;
    this.wake();
  }

  /** A waiter got an environment from its own pool: let the next in line try. */
  wake(): void {
    if (this.waking) return; // evictIdle() gives capacity back from inside this loop
    this.waking = true;
    try {
      this.grantWaiters();
    } finally {
      this.waking = false;
    }
  }

  private grantWaiters(): void {
    while (this.queue.length) {
      const head = this.queue[0];
      if (!head.wanted()) {
        this.queue.shift();
        continue;
      }
      if (!this.fits(head.cost) && !this.o.evictIdle()) return;
      if (!this.fits(head.cost)) continue;
      this.queue.shift();
      this.take(head.cost);
      if (!head.grant()) {
        this.used -= head.cost;
        this.live--;
      }
    }
  }

  get waiting(): number {
    return this.queue.length;
  }

  get running(): number {
    return this.live;
  }

  get limit(): number {
    return this.budget;
  }

  private fits(cost: number): boolean {
    // One environment always fits, however small the budget, so nothing waits forever on an empty machine.
    return this.live === 0 || this.used + cost <= this.budget;
  }

  private take(cost: number): true {
    this.used += cost;
    this.live++;
    return true;
  }
}
