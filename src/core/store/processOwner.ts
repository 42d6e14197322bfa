// core/store: which engine process owns something in a state directory that several engines (CLI, VS Code)
// may share, and whether that process still runs — so housekeeping removes only what dead processes left.
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/** Identifies one process instance: a pid alone is reused once the process is gone. */
export interface ProcessOwner {
  pid: number;
  host: string;
  /** Linux: the process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat). */
  startTicks?: string;
  /** Linux: the PID namespace the pid is valid in (`pid:[inode]`). */
  pidNamespace?: string;
}

/** `alive`, `dead`, or `unknown` when the owner ran on another host or in another PID namespace. */
export type OwnerState = 'alive' | 'dead' | 'unknown';

function procStat(pid: number): { state: string; startTicks: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], startTicks: fields[19] };
  } catch {
    return undefined;
  }
}

function pidNamespaceOf(pid: number | 'self'): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    return undefined;
  }
}

/** The identity of process `pid` as seen from here (the current process by default). */
export function ownerOf(pid = process.pid): ProcessOwner {
  const owner: ProcessOwner = { pid, host: hostname() };
  const stat = procStat(pid);
  if (stat) owner.startTicks = stat.startTicks;
  const ns = pidNamespaceOf('self');
  if (ns) owner.pidNamespace = ns;
  return owner;
}

/** Signal 0 probes without signalling; EPERM means it exists but belongs to someone else. */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(pid);
  return stat?.state !== 'Z'; // a zombie has exited; only its parent has not collected it yet
}

export function ownerState(owner: ProcessOwner): OwnerState {
  if (owner.host !== hostname()) return 'unknown';
  if (owner.pidNamespace && owner.pidNamespace !== pidNamespaceOf('self')) return 'unknown';
  if (!isPidAlive(owner.pid)) return 'dead';
  // The same pid with another start time is a different process that reused the number.
  if (owner.startTicks && procStat(owner.pid)?.startTicks !== owner.startTicks) return 'dead';
  return 'alive';
}

/** Parses an owner written by JSON.stringify; undefined when it is not one. */
export function parseOwner(text: string): ProcessOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<ProcessOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? (o as ProcessOwner) : undefined;
  } catch {
    return undefined;
  }
}
