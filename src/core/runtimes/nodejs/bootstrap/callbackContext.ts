// In-environment Node.js runtime: the Node ≤22 callback programming model — callback(err, result),
// context.succeed/fail/done and callbackWaitsForEmptyEventLoop (lambda-semantics.md §3.2; RIC src/CallbackContext.js).
import { resetBeforeExit, setBeforeExit } from './beforeExit';
import { logError } from './logPatch';
import type { RuntimeClient } from './runtimeClient';

/** JSON body of a result; `undefined` → `null`; unserialisable → throws (§3.2). */
export function serializeResult(result: unknown, makeError: () => Error): string {
  try {
    return JSON.stringify(result === undefined ? null : result);
  } catch {
    throw makeError();
  }
}

export interface CallbackKit {
  callback: (err?: unknown, result?: unknown) => void;
  /** The callback part of `context`: succeed/fail/done and the callbackWaitsForEmptyEventLoop accessor. */
  context: { callbackWaitsForEmptyEventLoop: boolean; succeed: (r?: unknown) => void; fail: (e?: unknown) => void; done: (e?: unknown, r?: unknown) => void };
  /** Marks the invocation as answered (used by the default beforeExit listener). */
  markCompleted: () => void;
}

export function buildCallbackContext(client: RuntimeClient, id: string, scheduleNext: () => void, stringifyError: () => Error): CallbackKit {
  const postError = (err: unknown, next: () => void): void => {
    logError('Invoke Error', err);
    client.postError(id, err, next, true);
  };

  let completed = false;
  const complete = (result: unknown, next: () => void): void => {
    if (completed) {
      console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    completed = true;
    client.postResponse(id, serializeResult(result, stringifyError), next, true);
  };

  let waitForEmptyEventLoop = true;

  const rawCallback = (err?: unknown, result?: unknown): void => {
    resetBeforeExit();
    if (err !== undefined && err !== null) {
      postError(err, scheduleNext);
    } else if (!waitForEmptyEventLoop) {
      complete(result, scheduleNext);
    } else {
      // Respond only once the loop has drained; setImmediate lets the drain's own work finish first (§3.2).
      setBeforeExit(() => setImmediate(() => complete(result, scheduleNext)));
    }
  };
  const rawDone = (err?: unknown, result?: unknown): void => {
    resetBeforeExit();
    if (err !== undefined && err !== null) postError(err, scheduleNext);
    else complete(result, scheduleNext);
  };
  // context.fail() with no argument reports the string "handled" (§3.2).
  const rawFail = (err?: unknown): void => (err === undefined || err === null ? rawDone('handled') : rawDone(err, null));
  const rawSucceed = (result?: unknown): void => rawDone(null, result);

  // Only the first of callback/succeed/fail/done counts. `finished` is set after the call returns, so a call
  // that throws (e.g. an unserialisable result) lets the next one through, as in the RIC.
  let finished = false;
  const once =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A): void => {
      if (!finished) {
        fn(...args);
        finished = true;
      }
    };

  return {
    callback: once(rawCallback),
    context: {
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value: boolean) {
        waitForEmptyEventLoop = value;
      },
      succeed: once(rawSucceed),
      fail: once(rawFail),
      done: once(rawDone),
    },
    markCompleted: () => {
      completed = true;
    },
  };
}
