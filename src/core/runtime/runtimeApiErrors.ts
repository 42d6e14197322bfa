// core/runtime: the Runtime API's own error bodies (lambda-semantics.md §1.5).

/** The runtime's states as RAPID names them in InvalidStateTransition messages. */
export type RuntimeState = 'Init' | 'Ready' | 'Invoking' | 'Responded' | 'InitError' | 'Restoring';

export interface RuntimeApiError {
  errorMessage: string;
  errorType: string;
}

export function transitionError(from: RuntimeState, to: RuntimeState): RuntimeApiError {
  return {
    errorType: 'InvalidStateTransition',
    errorMessage: `State transition from ${from} to ${to} failed for runtime. Error: State transition is not allowed`,
  };
}

export function toRuntimeApiError(errorType: string, errorMessage: string): RuntimeApiError {
  return { errorMessage, errorType };
}

/** A request without the current runtime's secret (not Lambda's: its Runtime API is reachable from the sandbox only). */
export function callerRefused(method: string, url: string): RuntimeApiError {
  return {
    errorMessage:
      "Request refused: it does not carry the Runtime API secret of this environment's current runtime. Build URLs from " +
      'AWS_LAMBDA_RUNTIME_API unchanged (http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/…): only the runtime process knows it, ' +
      `and each reset gives the next runtime a new one. Request: "${method} ${url}"`,
    errorType: 'InvalidRuntimeApiSecret',
  };
}
