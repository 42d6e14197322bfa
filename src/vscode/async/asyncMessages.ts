// vscode layer: the words the async views and messages use: how an async event ended (§10's conditions), what
// resumed, and a short name for a destination ARN. Pure functions, so the texts can be asserted on.
import type { AsyncEventFinished } from './asyncEngine';

/** "dead-letters" for a queue ARN, "recorder" for a function ARN, the ARN itself otherwise. */
export function arnName(arn: string): string {
  const fn = /:function:([^:]+)(?::([^:]+))?$/.exec(arn);
  if (fn) return fn[2] ? `${fn[1]}:${fn[2]}` : fn[1];
  const m = /^arn:aws[\w-]*:(?:sqs|sns|events|s3|scheduler):[^:]*:[^:]*:(.+)$/.exec(arn);
  return m ? m[1].replace(/^event-bus\//, '') : arn;
}

/** "queue", "topic", "function", "event bus" for an ARN (the kind of a destination). */
export function arnKind(arn: string): string {
  const m = /^arn:aws[\w-]*:(\w+):/.exec(arn);
  return ({ sqs: 'queue', sns: 'topic', lambda: 'function', events: 'event bus', s3: 'bucket' } as Record<string, string>)[m?.[1] ?? ''] ?? 'target';
}

const CONDITION_TEXT = { Success: 'succeeded', RetriesExhausted: 'failed: retries exhausted', EventAgeExceeded: 'failed: event age exceeded' } as const;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One event's end: "Async event 1f…: Fails failed: retries exhausted after 3 attempts (TypeError: …); sent to dead-letter queue dead-letters." */
export function describeFinished(e: AsyncEventFinished): string {
  const where: string[] = [];
  if (e.destination) where.push(`record sent to ${e.condition === 'Success' ? 'on-success' : 'on-failure'} ${arnKind(e.destination)} ${arnName(e.destination)}`);
  if (e.deadLetter) where.push(`event sent to dead-letter ${arnKind(e.deadLetter)} ${arnName(e.deadLetter)}`);
  if (!where.length && e.condition !== 'Success') where.push('dropped: the function has no on-failure destination or dead-letter queue');
  const why = e.condition !== 'Success' && e.lastError ? ` (${oneLine(e.lastError)})` : '';
  return `Async event ${e.requestId} of ${e.functionName} ${CONDITION_TEXT[e.condition]} after ${plural(e.attempts, 'attempt')}${why}${where.length ? `; ${where.join('; ')}` : ''}.`;
}

/** Several endings at once: "12 async events ended: 10 succeeded, 2 failed (Fails: 2, sent to dead-letters)." */
export function describeFinishedBatch(batch: readonly AsyncEventFinished[]): string {
  const ok = batch.filter((e) => e.condition === 'Success').length;
  const failed = batch.filter((e) => e.condition !== 'Success');
  const byFn = new Map<string, number>();
  for (const e of failed) byFn.set(e.functionName, (byFn.get(e.functionName) ?? 0) + 1);
  const targets = [...new Set(failed.flatMap((e) => [e.deadLetter, e.destination]).filter((a): a is string => !!a).map(arnName))];
  const detail = failed.length ? ` (${[...byFn].map(([fn, n]) => `${fn}: ${n}`).join(', ')}${targets.length ? `; sent to ${targets.join(', ')}` : ''})` : '';
  return `${batch.length} async events ended: ${ok} succeeded, ${failed.length} failed${detail}.`;
}

/** "Resumed 3 async events an earlier engine had queued: Fails (2), Ok (1)." */
export function describeResumed(resumed: readonly { functionName: string; events: number }[]): string {
  const total = resumed.reduce((n, r) => n + r.events, 0);
  return `Resumed ${plural(total, 'async event')} an earlier engine had queued: ${resumed.map((r) => `${r.functionName} (${r.events})`).join(', ')}.`;
}

function oneLine(text: string): string {
  let t = text;
  try {
    const v = JSON.parse(text) as { errorType?: unknown; errorMessage?: unknown };
    if (v && typeof v.errorMessage === 'string') t = `${typeof v.errorType === 'string' ? `${v.errorType}: ` : ''}${v.errorMessage}`;
  } catch {
    // not JSON: as it is
  }
  t = t.replace(/\s+/g, ' ').trim();
  return t.length > 160 ? `${t.slice(0, 157)}…` : t;
}

/** "14:03:12" in local time. */
export function clockTime(epochMs: number): string {
  const d = new Date(epochMs);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
