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
