// core/scheduler: Lambda's scaling rate (lambda-semantics.md §8, since Nov 2023): per function, up to 1,000
// new execution environments every 10 seconds, refilled continuously (not accrued beyond the burst). A token
// bucket per function on the engine's clock: a cold start takes a token; with none left the request is
// throttled. Which Reason Lambda sends for this throttle is not documented: we send
// FunctionInvocationRateLimitExceeded (ReservedFunctionInvocationRateLimitExceeded for a function with
// reserved concurrency), the model's rate reasons.
import type { Clock } from '../common/clock';
import { ThrottleError } from './concurrencyLimits';

export interface ScalingRateOptions {
  /** New environments per window (Lambda: 1,000). */
  environments: number;
  /** The window in ms (Lambda: 10,000). */
  windowMs: number;
}

export const LAMBDA_SCALING_RATE: ScalingRateOptions = { environments: 1000, windowMs: 10_000 };

interface Bucket {
  tokens: number;
  at: number;
}

export class ScalingRate {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly clock: Clock,
    private readonly o: ScalingRateOptions = LAMBDA_SCALING_RATE,
  ) {
    this.perMs = o.environments / o.windowMs;
  }

  /** Take a token for one new environment of `functionName`, or throw ThrottleError. */
  take(functionName: string, reserved: boolean): void {
    const now = this.clock.monotonic();
    let b = this.buckets.get(functionName);
    if (!b) this.buckets.set(functionName, (b = { tokens: this.o.environments, at: now }));
    b.tokens = Math.min(this.o.environments, b.tokens + (now - b.at) * this.perMs);
    b.at = now;
    if (b.tokens < 1) {
      const waitS = Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000));
      const reason = reserved ? 'ReservedFunctionInvocationRateLimitExceeded' : 'FunctionInvocationRateLimitExceeded';
      throw new ThrottleError(
        reason,
        `Rate Exceeded: "${functionName}" was throttled (${reason}): it may start ${this.o.environments} new execution environments per ${this.o.windowMs / 1000} s and has used them; warm environments still serve requests. Retry in ${waitS} s.`,
        waitS,
      );
    }
    b.tokens -= 1;
  }

  /** Tokens left now (for tests and status displays). */
  available(functionName: string): number {
    const b = this.buckets.get(functionName);
    if (!b) return this.o.environments;
    return Math.min(this.o.environments, b.tokens + (this.clock.monotonic() - b.at) * this.perMs);
  }
}
