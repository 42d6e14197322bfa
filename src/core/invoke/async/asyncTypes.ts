// core/invoke/async: the asynchronous queue's data (lambda-semantics.md §9): an accepted event, its retry
// state, and the journal records that rebuild that state after a restart.

/** What the last attempt answered, kept for the invocation record (§10 responseContext/responsePayload). */
export interface LastResponse {
  statusCode: number;
  executedVersion?: string;
  functionError?: string;
  /** The response payload (UTF-8), cut to RESPONSE_KEEP_BYTES. */
  payload?: string;
  /** For a throttle or system error: the error code and message (DLQ ErrorCode/ErrorMessage). */
  errorCode?: number;
  errorMessage?: string;
}

/** One accepted `Event` invoke and where it stands. */
export interface AsyncEvent {
  requestId: string;
  functionName: string;
  qualifier?: string;
  /** The event, as accepted (UTF-8 JSON). */
  payload: string;
  clientContext?: string;
  /** Engine-clock epoch ms of the 202: the start of MaximumEventAgeInSeconds. */
  acceptedAt: number;
  /** Engine-clock epoch ms at which the next attempt may start. */
  dueAt: number;
  /** The wait that led to dueAt (to bound it after a restart whose clock runs differently). */
  delayMs: number;
  /** Attempts that reached the function (approximateInvokeCount). */
  attempts: number;
  /** Throttles and system errors so far (the backoff grows with them). */
  setbacks: number;
  last?: LastResponse;
  /** Accept order, for a stable queue order. */
  seq: number;
}

/** Journal records, one line each. Applying one twice gives the same state (compaction may replay). */
export type JournalRecord =
  /** Accepted (or, after compaction, the whole state of a live event). */
  | { k: 'a'; e: Omit<AsyncEvent, 'seq'> }
  /** Attempt `n` starts. */
  | { k: 's'; id: string; n: number }
  /** Back on the queue until `due` after a failed attempt, a throttle or a system error. */
  | { k: 'r'; id: string; due: number; d: number; n: number; sb: number; last?: LastResponse }
  /** Finished (delivered to its destination, or dropped; `Discarded` by the user): gone from the queue. */
  | { k: 'f'; id: string; c: 'Success' | 'RetriesExhausted' | 'EventAgeExceeded' | 'Discarded' };

/** EventInvokeConfig as the engine applies it (§9). */
export interface EffectiveInvokeConfig {
  maximumRetryAttempts: number;
  maximumEventAgeInSeconds: number;
  onSuccess?: string;
  onFailure?: string;
  /** DeadLetterConfig.TargetArn of the function's configuration. */
  deadLetterArn?: string;
}

export const DEFAULT_MAX_RETRY_ATTEMPTS = 2;
export const DEFAULT_MAX_EVENT_AGE_SECONDS = 21_600;
/** How much of a response the queue keeps for a later invocation record. */
export const RESPONSE_KEEP_BYTES = 256 * 1024;
