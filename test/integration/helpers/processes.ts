// Test helper: whether a process still runs (signal 0), for the "no process left behind" checks.
import { readdirSync, readFileSync } from 'node:fs';
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Live (non-zombie) processes whose command line contains `tag`, as the host sees them: fixtures tag the
 * processes they start, since a pid reported from inside a PID namespace means nothing outside it.
 */
export function pidsTagged(tag: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/cmdline`, 'latin1').includes(tag)) continue;
      if (/\) Z /.test(readFileSync(`/proc/${name}/stat`, 'latin1'))) continue;
      out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Processes started for an environment inherit the template's LWB_TEST_TOKEN, whatever their pid namespace. */
export function processesWith(token: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(`LWB_TEST_TOKEN=${token}`)) found.push(Number(name));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}
