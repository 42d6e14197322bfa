// core/http/auth: the authorizer result cache: entries keyed by API, authorizer and identity values, kept for the
// authorizer's TTL on the engine clock. Bounded: past the limit the oldest entry goes.

const MAX_ENTRIES = 10_000;

export class ResultCache<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();

  get(key: string, now: number): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: T, expires: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }
}
