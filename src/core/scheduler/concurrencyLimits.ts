// core/scheduler: Lambda's concurrency accounting (lambda-semantics.md §8). Concurrency is the number of
// in-flight invocations (= busy environments), counted per function (all versions and aliases together)
// and for the account. A function with reserved concurrency N may run N at once — a cap and a guarantee —
// and the others share what is left of the account limit. Past a cap a synchronous invoke is throttled
// (429 TooManyRequestsException with a Reason, §5.4). Counters only: admit/leave are O(1) and allocate
// nothing once a function has been seen, so the warm path pays two map lookups.
import { WorkbenchError } from '../common/errors';

export type ThrottleReason =
  | 'ConcurrentInvocationLimitExceeded'
  | 'ReservedFunctionConcurrentInvocationLimitExceeded'
  | 'FunctionInvocationRateLimitExceeded'
  | 'ReservedFunctionInvocationRateLimitExceeded';

/** Lambda's default account concurrency per Region (§8). */
export const DEFAULT_ACCOUNT_CONCURRENCY = 1000;
/** Reserved concurrency must leave at least this many executions unreserved (§8). */
export const MINIMUM_UNRESERVED = 100;

/** A throttled invoke: the function did not run. The API sends it as 429 with `Reason` and `Retry-After`. */
export class ThrottleError extends WorkbenchError {
  constructor(
    readonly reason: ThrottleReason,
    message: string,
    /** Seconds the caller should wait (the model's `retryAfterSeconds`, header Retry-After). */
    readonly retryAfterSeconds = 1,
  ) {
    super('TOO_MANY_REQUESTS', message);
  }
}

export function isThrottleError(e: unknown): e is ThrottleError {
  return e instanceof ThrottleError;
}

/** One function's counters (shared by all its versions and aliases). */
export interface FunctionConcurrency {
  readonly functionName: string;
  /** In-flight invocations. */
  busy: number;
  /** Of `busy`, those admitted from the unreserved pool (the function had no reservation then). */
  shared: number;
  /** Reserved concurrency, when set. */
  reserved: number | undefined;
  /** Provisioned concurrency over all its versions (§8: counts toward reserved, can't exceed it). */
  provisioned: number;
  /** Of `busy`, those running on provisioned environments (never throttled: their concurrency is allocated). */
  onProvisioned: number;
  /** Most in flight at once since the engine started. */
  peak: number;
  throttles: number;
}

export interface AccountConcurrency {
  limit: number;
  /** What is left for functions without a reservation: limit − Σ reserved. */
  unreserved: number;
  busy: number;
  reservedTotal: number;
}

export class ConcurrencyLimits {
  private readonly fns = new Map<string, FunctionConcurrency>();
  private sharedBusy = 0;
  private totalBusy = 0;
  private reservedSum = 0;
  /** Provisioned concurrency of functions without a reservation: taken from the unreserved pool (§8). */
  private provisionedShared = 0;

  constructor(readonly accountLimit: number = DEFAULT_ACCOUNT_CONCURRENCY) {
    if (!Number.isInteger(accountLimit) || accountLimit < 1) {
      throw new WorkbenchError('INVALID_PARAMETER', `The account concurrency limit must be a whole number of at least 1, got ${accountLimit}.`);
    }
  }

  private counter(functionName: string): FunctionConcurrency {
    let c = this.fns.get(functionName);
    if (!c) this.fns.set(functionName, (c = { functionName, busy: 0, shared: 0, reserved: undefined, provisioned: 0, onProvisioned: 0, peak: 0, throttles: 0 }));
    return c;
  }

  /**
   * Count one on-demand invocation in, or throw ThrottleError (nothing counted) when a limit is reached. Pair
   * with leave(). Provisioned concurrency is set apart (§8): with reserved R and provisioned P, on-demand
   * environments may run R − P at once (so P = R throttles `$LATEST`); without a reservation P leaves the pool.
   */
  admit(functionName: string): FunctionConcurrency {
    const c = this.fns.get(functionName) ?? this.counter(functionName);
    if (c.reserved !== undefined) {
      if (c.busy - c.onProvisioned >= c.reserved - c.provisioned) throw this.throttle(c, 'ReservedFunctionConcurrentInvocationLimitExceeded');
    } else {
      if (this.sharedBusy >= this.accountLimit - this.reservedSum - this.provisionedShared) throw this.throttle(c, 'ConcurrentInvocationLimitExceeded');
      c.shared++;
      this.sharedBusy++;
    }
    c.busy++;
    this.totalBusy++;
    if (c.busy > c.peak) c.peak = c.busy;
    return c;
  }

  /** Count in an invocation that runs on a provisioned environment: its concurrency is allocated already. */
  admitProvisioned(functionName: string): FunctionConcurrency {
    const c = this.fns.get(functionName) ?? this.counter(functionName);
    c.busy++;
    c.onProvisioned++;
    this.totalBusy++;
    if (c.busy > c.peak) c.peak = c.busy;
    return c;
  }

  leave(c: FunctionConcurrency, provisioned = false): void {
    c.busy--;
    this.totalBusy--;
    if (provisioned) {
      c.onProvisioned--;
      return;
    }
    if (c.shared > 0 && (c.reserved === undefined || c.shared > c.busy - c.onProvisioned)) {
      c.shared--;
      this.sharedBusy--;
    }
  }

  /** Count a throttle that another limit (e.g. the scaling rate) decided. */
  noteThrottle(functionName: string): void {
    this.counter(functionName).throttles++;
  }

  private throttle(c: FunctionConcurrency, reason: ThrottleReason): ThrottleError {
    c.throttles++;
    const why =
      reason === 'ReservedFunctionConcurrentInvocationLimitExceeded'
        ? c.reserved === 0
          ? `its reserved concurrency is 0, which throttles every invocation`
          : c.provisioned > 0
            ? `its reserved concurrency of ${c.reserved} is in use (${c.provisioned} of it provisioned)`
            : `its reserved concurrency of ${c.reserved} is in use`
        : `the account's unreserved concurrency of ${this.accountLimit - this.reservedSum - this.provisionedShared} is in use (account limit ${this.accountLimit})`;
    return new ThrottleError(reason, `Rate Exceeded: "${c.functionName}" was throttled (${reason}): ${why}. Retry later, or raise the limit (concurrency put / --account-concurrency).`);
  }

  /**
   * Set (or with undefined, remove) a function's reserved concurrency. Refused with Lambda's error when it
   * would leave fewer than 100 unreserved executions (with a rehearsal account limit below 100: fewer than
   * the limit itself, so only 0 can be reserved).
   */
  setReserved(functionName: string, reserved: number | undefined): void {
    const c = this.counter(functionName);
    if (reserved !== undefined) {
      if (!Number.isInteger(reserved) || reserved < 0) {
        throw new WorkbenchError('INVALID_PARAMETER', `ReservedConcurrentExecutions must be a whole number of at least 0, got ${reserved}.`);
      }
      if (reserved < c.provisioned) {
        throw new WorkbenchError(
          'INVALID_PARAMETER',
          `ReservedConcurrentExecutions ${reserved} of "${functionName}" is below its provisioned concurrency of ${c.provisioned} (provisioned concurrency counts toward reserved concurrency). Lower the provisioned concurrency first.`,
        );
      }
      const minimum = Math.min(MINIMUM_UNRESERVED, this.accountLimit);
      const others = this.reservedSum - (c.reserved ?? 0) + this.provisionedShared - (c.reserved === undefined ? c.provisioned : 0);
      if (this.accountLimit - others - reserved < minimum) {
        throw new WorkbenchError(
          'INVALID_PARAMETER',
          `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${minimum}].`,
        );
      }
    }
    this.reservedSum += (reserved ?? 0) - (c.reserved ?? 0);
    // Provisioned concurrency moves between the function's reservation and the unreserved pool with it.
    this.provisionedShared += (reserved === undefined ? c.provisioned : 0) - (c.reserved === undefined ? c.provisioned : 0);
    c.reserved = reserved;
  }

  /**
   * Set a function's provisioned concurrency (the sum over its versions). Refused with Lambda's errors when it
   * exceeds the reserved concurrency, or (without a reservation) leaves fewer than 100 unreserved.
   */
  setProvisioned(functionName: string, total: number): void {
    const c = this.counter(functionName);
    if (c.reserved !== undefined) {
      if (total > c.reserved) {
        throw new WorkbenchError('INVALID_PARAMETER', `Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function (${total} > ${c.reserved} of "${functionName}").`);
      }
    } else {
      const minimum = Math.min(MINIMUM_UNRESERVED, this.accountLimit);
      const left = this.accountLimit - this.reservedSum - (this.provisionedShared - c.provisioned + total);
      if (left < minimum) {
        // Not confirmed wording: modelled on the reserved-concurrency message (§8 states the rule).
        throw new WorkbenchError(
          'INVALID_PARAMETER',
          `Specified ProvisionedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${minimum}].`,
        );
      }
      this.provisionedShared += total - c.provisioned;
    }
    c.provisioned = total;
  }

  reservedOf(functionName: string): number | undefined {
    return this.fns.get(functionName)?.reserved;
  }

  /** A function's counters (a snapshot). */
  functionState(functionName: string): Readonly<FunctionConcurrency> {
    return { ...this.counter(functionName) };
  }

  account(): AccountConcurrency {
    return { limit: this.accountLimit, unreserved: this.accountLimit - this.reservedSum - this.provisionedShared, busy: this.totalBusy, reservedTotal: this.reservedSum };
  }
}
