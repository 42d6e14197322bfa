// core/scheduler: completed metric minutes kept under <stateDir>/metrics/, one JSON-lines file per resource,
// so `metrics <fn>` shows what every engine on the folder recorded (the CLI's one-shot runs, `start`, VS Code).
// One append per resource per minute, never per invocation. Minutes written by several engines are merged:
// counts and time integrals add up, maxima take the larger.
import { appendFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MinuteBucket } from './metrics';

function fileOf(dir: string, resource: string): string {
  return join(dir, `${encodeURIComponent(resource)}.jsonl`);
}

export class MetricsStore {
  private made = false;

  constructor(
    private readonly dir: string,
    private readonly warn: (message: string) => void,
  ) {}

  append(resource: string, b: MinuteBucket): void {
    if (!b.invocations && !b.throttles && !b.allocatedMs) return; // an empty minute says nothing
    try {
      if (!this.made) mkdirSync(this.dir, { recursive: true });
      this.made = true;
      appendFileSync(fileOf(this.dir, resource), JSON.stringify({ ...b, durationMin: b.durationMin === Infinity ? null : b.durationMin }) + '\n');
    } catch (e) {
      this.warn(`Could not keep the metrics of "${resource}" in ${this.dir}: ${(e as Error).message}`);
    }
  }

  /** The stored minutes of `resource`, merged across engines, oldest first. */
  read(resource: string): MinuteBucket[] {
    let text: string;
    try {
      text = readFileSync(fileOf(this.dir, resource), 'utf8');
    } catch {
      return [];
    }
    const byMinute = new Map<number, MinuteBucket>();
    for (const line of text.split('\n')) {
      if (!line) continue;
      let b: MinuteBucket;
      try {
        b = JSON.parse(line) as MinuteBucket;
      } catch {
        continue; // a line cut by a crash: the others stand
      }
      b.durationMin ??= Infinity;
      const m = byMinute.get(b.start);
      byMinute.set(b.start, m ? merge(m, b) : b);
    }
    return [...byMinute.values()].sort((a, b) => a.start - b.start);
  }

  /** Resources with stored metrics (functions and `function:qualifier`). */
  resources(): string[] {
    try {
      return readdirSync(this.dir)
        .filter((f) => f.endsWith('.jsonl'))
        .map((f) => decodeURIComponent(f.slice(0, -6)));
    } catch {
      return [];
    }
  }
}

export function merge(a: MinuteBucket, b: MinuteBucket): MinuteBucket {
  return {
    start: a.start,
    invocations: a.invocations + b.invocations,
    errors: a.errors + b.errors,
    throttles: a.throttles + b.throttles,
    durationSum: a.durationSum + b.durationSum,
    durationCount: a.durationCount + b.durationCount,
    durationMax: Math.max(a.durationMax, b.durationMax),
    durationMin: Math.min(a.durationMin, b.durationMin),
    concurrentMax: Math.max(a.concurrentMax, b.concurrentMax),
    provisionedMax: Math.max(a.provisionedMax, b.provisionedMax),
    spillover: a.spillover + b.spillover,
    provisionedBusyMs: a.provisionedBusyMs + b.provisionedBusyMs,
    allocatedMs: a.allocatedMs + b.allocatedMs,
  };
}
