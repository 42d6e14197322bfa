// core/runtime: how much an environment's /tmp holds, measured off the invoke path. Lambda caps /tmp at
// EphemeralStorage (512 MB by default) and writes beyond it fail with ENOSPC; a local folder has no such
// cap, so the engine says when a function went over, rather than letting it pass silently.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../common/clock';

/** Bytes under `dir`, counting at most `maxEntries` entries (the walk stops early past `stopAtBytes`). */
export async function directoryBytes(dir: string, stopAtBytes: number, maxEntries = 20_000): Promise<number> {
  let total = 0;
  let seen = 0;
  const stack = [dir];
  while (stack.length && total <= stopAtBytes && seen < maxEntries) {
    const d = stack.pop()!;
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      seen++;
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) total += (await lstat(p).catch(() => ({ size: 0 }))).size;
    }
  }
  return total;
}

/** Checks an environment's /tmp after invocations, at most once a second, and reports the first overflow once. */
export class TmpWatch {
  private checkedAt = -Infinity;
  private reported = false;
  /** The walk in progress, if any: disposing waits for it, so its warning is not lost. */
  pending: Promise<void> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly dir: string,
    private readonly limitMB: number,
    private readonly onOverflow: (limitMB: number) => void,
  ) {}

  check(): void {
    const now = this.clock.monotonic();
    if (now - this.checkedAt < 1000 || this.reported) return;
    this.checkedAt = now;
    const limit = this.limitMB * 1024 * 1024;
    const walk = (this.pending = directoryBytes(this.dir, limit).then((bytes) => {
      if (this.pending === walk) this.pending = undefined;
      if (bytes <= limit || this.reported) return;
      this.reported = true;
      this.onOverflow(this.limitMB);
    }));
  }
}
