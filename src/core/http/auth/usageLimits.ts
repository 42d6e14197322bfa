// core/http/auth: usage plan limits per API key: the throttle as a token bucket (RateLimit per second, BurstLimit
// deep) and the quota as a count per UTC day, week (from Monday) or month, both on the engine clock. In memory:
// a restart starts the counts afresh.
import type { UsagePlanDecl } from '../routeTypes';

const DAY = 86_400_000;

function periodStart(period: 'DAY' | 'WEEK' | 'MONTH', now: number): number {
  const d = new Date(now);
  if (period === 'MONTH') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return period === 'DAY' ? midnight : midnight - ((d.getUTCDay() + 6) % 7) * DAY;
}

export class UsageLimits {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly counts = new Map<string, { start: number; used: number }>();

  /** Takes one request from `key`'s allowance: 'ok', or which limit refused it. */
  take(plan: UsagePlanDecl, key: string, now: number): 'ok' | 'throttled' | 'quota' {
    const id = `${plan.name}\0${key}`;
    const rate = plan.throttle?.rateLimit;
    if (rate !== undefined) {
      const depth = Math.max(1, plan.throttle?.burstLimit ?? rate);
      const b = this.buckets.get(id) ?? { tokens: depth, at: now };
      b.tokens = Math.min(depth, b.tokens + ((now - b.at) / 1000) * rate);
      b.at = now;
      this.buckets.set(id, b);
      if (b.tokens < 1) return 'throttled';
      b.tokens -= 1;
    }
    if (plan.quota) {
      const start = periodStart(plan.quota.period, now);
      const c = this.counts.get(id);
      const used = c && c.start === start ? c.used : 0;
      if (used >= plan.quota.limit) return 'quota';
      this.counts.set(id, { start, used: used + 1 });
    }
    return 'ok';
  }
}
