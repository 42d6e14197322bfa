// core/store: temporary names in the state directory. A temp name carries its writer's pid
// (`<name>.<pid>.<tag>.tmp`), so a later run removes what a killed process left without touching the work
// of a live one; older temp names without a pid are removed once they are clearly abandoned.
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { isPidAlive } from './processOwner';

/** A pid-tagged temp file is never legitimately this old: the pid was reused by an unrelated process. */
export const OWNED_TEMP_MAX_AGE_MS = 24 * 60 * 60_000;
/** A temp name without a pid (written by older versions, or by an extraction) is abandoned after this. */
export const UNOWNED_TEMP_MAX_AGE_MS = 60 * 60_000;

const OWNED = /\.(\d+)(?:\.[0-9A-Za-z]+)?\.tmp$/;
const UNOWNED = /\.tmp$|\.(extract|old)-[0-9a-f]+$|^build-[0-9A-Za-z]{6}$/;

/** A sibling temp path of `target` owned by this process: write there, then rename onto `target`. */
export function tempPathFor(target: string): string {
  return `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** The pid a temp name was written by, undefined when it is not a pid-tagged temp name. */
export function tempOwnerPid(name: string): number | undefined {
  const m = OWNED.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** True when `name` is a leftover that can be removed now (its writer is gone, or it is long abandoned). */
export function isStaleTemp(name: string, mtimeMs: number, now: number): boolean {
  const pid = tempOwnerPid(name);
  if (pid !== undefined) return !isPidAlive(pid) || now - mtimeMs > OWNED_TEMP_MAX_AGE_MS;
  return UNOWNED.test(name) && now - mtimeMs > UNOWNED_TEMP_MAX_AGE_MS;
}

/**
 * Removes stale temp entries (files or folders) directly inside each of `dirs` (not recursively: temp
 * names only appear at known places). Missing folders are fine. Returns the removed paths.
 */
export async function sweepTemps(dirs: readonly string[], now: number, accept: (name: string) => boolean = () => true): Promise<string[]> {
  const removed: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!accept(name) || (tempOwnerPid(name) === undefined && !UNOWNED.test(name))) continue;
      const path = join(dir, name);
      try {
        const st = await fsp.lstat(path);
        if (!isStaleTemp(name, st.mtimeMs, now)) continue;
        await fsp.rm(path, { recursive: true, force: true });
        removed.push(path);
      } catch {
        // raced with its owner finishing (renamed or removed it): nothing left to do
      }
    }
  }
  return removed;
}
