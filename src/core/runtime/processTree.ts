// core/runtime: process-tree helpers for execution environments: resident memory of a process and its
// descendants (Linux /proc; `ps` elsewhere, psTable.ts), killing a whole process group, and a last-resort reaper
// so that no child process outlives the engine even when it exits without disposing.
import { readFileSync } from 'node:fs';
import { psDescendants, psTable, psTreeRssKb } from './psTable';

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Remember a process group so it is killed if the engine process exits. */
export function trackProcessGroup(pid: number): void {
  liveGroups.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const g of liveGroups) killGroup(g);
    });
  }
}

export function untrackProcessGroup(pid: number): void {
  liveGroups.delete(pid);
}

/** SIGKILL the process group led by pid (environments are spawned detached, so pid = pgid). */
export function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

const hasProc = process.platform === 'linux';
/** macOS and the BSDs: no /proc, but `ps` reports parents and resident memory (Windows is not supported). */
const hasPs = !hasProc && process.platform !== 'win32';

function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'latin1');
    const i = text.indexOf(field + ':');
    if (i < 0) return 0;
    return parseInt(text.slice(i + field.length + 1).trimStart(), 10) || 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').trim();
    return text ? text.split(' ').map(Number) : [];
  } catch {
    return [];
  }
}

/** Every descendant of pid (not pid itself), breadth first, at most `limit` of them. */
export function descendantsOf(pid: number, limit = 1024): number[] {
  if (!hasProc) return hasPs ? psDescendants(psTable(), pid, limit) : [];
  const out: number[] = [];
  const queue = childrenOf(pid);
  while (queue.length && out.length < limit) {
    const p = queue.shift()!;
    out.push(p);
    queue.push(...childrenOf(p));
  }
  return out;
}

/** The kernel's short name of a process (/proc/<pid>/comm), or '' when it is gone. */
export function processName(pid: number): string {
  if (!hasProc) return hasPs ? (psTable().get(pid)?.comm ?? '') : '';
  try {
    return readFileSync(`/proc/${pid}/comm`, 'latin1').trim();
  } catch {
    return '';
  }
}

/** SIGKILL each pid that is still there (the process-tree fallback's reaping of detached descendants). */
export function killPids(pids: Iterable<number>): void {
  for (const p of pids) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Resident memory of pid and all its descendants, in KiB (from `ps` where there is no /proc). */
export function treeRssKb(pid: number): number {
  if (!hasProc) return hasPs ? psTreeRssKb(psTable(), pid) : 0;
  let total = 0;
  const stack = [pid];
  let guard = 0;
  while (stack.length && guard++ < 1024) {
    const p = stack.pop()!;
    total += readStatusKb(p, 'VmRSS');
    stack.push(...childrenOf(p));
  }
  return total;
}

/** Peak resident memory (high-water mark) of a single process, in KiB; without /proc its current RSS (the caller keeps the maximum). */
export function peakRssKb(pid: number): number {
  if (hasProc) return readStatusKb(pid, 'VmHWM');
  return hasPs ? (psTable().get(pid)?.rssKb ?? 0) : 0;
}

export const memoryWatchSupported = hasProc || hasPs;
