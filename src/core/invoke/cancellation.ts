// core/invoke: cancelling one invocation from its caller (InvokeOptions.signal). Lambda has no such thing,
// so the only faithful way out is the one a timeout takes: the environment running it is stopped and
// discarded (its whole process tree), and the next invocation starts cold (§2.1 "Reset").
import { WorkbenchError } from '../common/errors';
import type { ExecutionEnvironment } from '../runtime/environment';

/** The coded error a cancelled invocation ends with (never a fake crash or timeout). */
export function cancelledError(functionName: string, when: 'before it started' | 'while it ran'): WorkbenchError {
  const discarded = when === 'while it ran' ? '; its execution environment was stopped and discarded, so the next invoke starts cold' : '';
  return new WorkbenchError('INVOKE_CANCELLED', `The invocation of "${functionName}" was cancelled ${when}${discarded}.`);
}

/** Throws INVOKE_CANCELLED when the caller's signal has already fired. */
export function throwIfCancelled(signal: AbortSignal | undefined, functionName: string): void {
  if (signal?.aborted) throw cancelledError(functionName, 'before it started');
}

/**
 * Runs one invocation on `env` so that an abort of `signal` stops it: the environment is disposed (which
 * ends the invocation in flight, init included), and the promise rejects with INVOKE_CANCELLED only once
 * every process of that environment has exited. One listener for this invocation, removed when it ends.
 */
export async function runCancellable<T>(signal: AbortSignal, env: ExecutionEnvironment, functionName: string, run: () => Promise<T>): Promise<T> {
  let disposing: Promise<void> | undefined;
  const onAbort = (): void => {
    disposing ??= env.dispose();
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await run();
  } catch (e) {
    if (!disposing) throw e;
    await disposing;
    throw cancelledError(functionName, 'while it ran');
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
