// In-environment Node.js runtime: the single `beforeExit` hook through which the RIC finishes callback handlers
// once the event loop drains (lambda-semantics.md §3.2; RIC src/BeforeExitListener.js).

const noop = (): void => undefined;
let listener: () => void = noop;

/** Installed once on process 'beforeExit'; runs whatever the current invocation registered. */
export function invokeBeforeExit(): void {
  listener();
}

export function setBeforeExit(fn: () => void): void {
  listener = fn;
}

export function resetBeforeExit(): void {
  listener = noop;
}
