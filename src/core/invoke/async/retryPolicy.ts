// core/invoke/async: what happens to an event after an attempt, exactly as lambda-semantics.md §9 has it.
// Pure functions of the event, the outcome and the configuration; the queue applies the decision.
import type { AsyncEvent, EffectiveInvokeConfig } from './asyncTypes';

/** How an attempt ended. */
export type AttemptOutcome =
  | { kind: 'success' }
  /** Error response, timeout or crash of the function (X-Amz-Function-Error). */
  | { kind: 'function-error' }
  /** 429 from the concurrency limits, or a system error (the environment could not start…). */
  | { kind: 'throttle' }
  | { kind: 'system-error' }
  /** The function (or its qualifier) no longer exists: nothing to retry. */
  | { kind: 'gone' };

export type Decision =
  | { action: 'deliver'; condition: 'Success' | 'RetriesExhausted' | 'EventAgeExceeded' }
  | { action: 'retry'; delayMs: number };

/** §9: ~1 minute before the first retry of a function error, ~2 minutes before the second. */
export const FUNCTION_ERROR_DELAYS_MS = [60_000, 120_000] as const;
/** §9: throttles and system errors back off from ~1 s, doubling, to at most 5 minutes. */
export const BACKOFF_START_MS = 1_000;
export const BACKOFF_MAX_MS = 300_000;

export function backoffMs(setbacks: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.max(0, setbacks - 1));
}

/** True when the event is older than MaximumEventAgeInSeconds at `now`. */
export function isExpired(e: AsyncEvent, config: EffectiveInvokeConfig, now: number): boolean {
  return now - e.acceptedAt >= config.maximumEventAgeInSeconds * 1000;
}

/**
 * The next step after an attempt. `e.attempts` already counts a function attempt that just ran and
 * `e.setbacks` a throttle/system error that just happened.
 */
export function decide(e: AsyncEvent, outcome: AttemptOutcome, config: EffectiveInvokeConfig, now: number): Decision {
  if (outcome.kind === 'success') return { action: 'deliver', condition: 'Success' };
  if (outcome.kind === 'gone') return { action: 'deliver', condition: 'RetriesExhausted' };
  if (outcome.kind === 'function-error') {
    const retriesDone = e.attempts - 1;
    if (retriesDone >= config.maximumRetryAttempts) return { action: 'deliver', condition: 'RetriesExhausted' };
    return { action: 'retry', delayMs: untilExpiry(e, config, now, FUNCTION_ERROR_DELAYS_MS[Math.min(retriesDone, FUNCTION_ERROR_DELAYS_MS.length - 1)]) };
  }
  return { action: 'retry', delayMs: untilExpiry(e, config, now, backoffMs(e.setbacks)) };
}

/**
 * The wait, but not past the event's age limit: the queue looks at the event again when it expires and
 * then sends it on as EventAgeExceeded (Lambda checks the age when it takes the event, §9).
 */
function untilExpiry(e: AsyncEvent, config: EffectiveInvokeConfig, now: number, delayMs: number): number {
  return Math.max(0, Math.min(delayMs, e.acceptedAt + config.maximumEventAgeInSeconds * 1000 - now));
}
