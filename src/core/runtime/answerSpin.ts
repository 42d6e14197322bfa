// core/runtime: waiting for a runtime's answer awake, briefly. An event handed to a runtime and its answer are
// two wake-ups of processes that went to sleep in epoll; waking a sleeping core costs more than the whole
// Runtime API round trip on a VM (measured on this 2-core machine with the bench's minimal Runtime-API loop:
// p50 0.19–0.21 ms with both ends sleeping, 0.07 ms with the runtime's loop kept turning, 0.036 ms with both).
// So while an invocation is out and a core is spare, the engine's loop keeps turning (setImmediate) for up to
// SPIN_WINDOW_MS, and it tells our runtimes (a header of /next, which they do not show to the function) that
// they may do the same while they wait for their next event. Only while there is a spare core: with as many
// invocations out as cores, turning would take CPU from the handlers; neither end turns then. Bounded: a
// handler that runs longer than the window finds both ends asleep, as before. LAMBDA_WORKBENCH_SPIN=0 turns it off.
// The window is short on purpose: a warm answer or the next event comes within tens of µs, and both ends
// turning longer only keeps both cores of a small machine busy when something else wakes. Measured here
// (10,000 sequential warm invokes, and the bench's warm_invoke interleaved three times with the issue-10 base):
// 1 ms windows p50 0.047-0.11 ms but p99 2.1-3.6 ms (base 2.1-3.0); 0.2 ms p50 0.057-0.10, p99 0.9-2.4.
import { availableParallelism } from 'node:os';

/** How long either end keeps turning after an event is handed out (or, the runtime, after it answered), in ms. */
export const SPIN_WINDOW_MS = 0.2;
/** /next's header with the runtime's window in microseconds; absent when it should sleep. Not Lambda's. */
export const SPIN_HEADER = 'Lambda-Workbench-Spin-Us';

const CORES = safeParallelism();
const enabled = process.env.LAMBDA_WORKBENCH_SPIN !== '0';
/** The Runtime API servers with an event out (one per environment): their number is the engine's busy cores. */
const out = new Set<object>();
let turning = false;
let until = 0;

/**
 * An event is being handed out by `owner` (its environment's Runtime API server). Returns the window the
 * runtime may turn in afterwards, in microseconds: 0 when it should sleep.
 */
export function eventOut(owner: object): number {
  out.add(owner);
  if (!enabled || out.size >= CORES) return 0;
  until = performance.now() + SPIN_WINDOW_MS;
  if (!turning) {
    turning = true;
    setImmediate(turn);
  }
  return SPIN_WINDOW_MS * 1000;
}

/** `owner`'s event was answered, or its runtime went away. */
export function eventSettled(owner: object): void {
  out.delete(owner);
}

/** Events out now (for tests). */
export function eventsOut(): number {
  return out.size;
}

function turn(): void {
  if (out.size > 0 && out.size < CORES && performance.now() < until) setImmediate(turn);
  else turning = false;
}

function safeParallelism(): number {
  try {
    return availableParallelism();
  } catch {
    return 1;
  }
}
