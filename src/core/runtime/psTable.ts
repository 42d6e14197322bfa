// core/runtime: process facts from `ps` where there is no /proc (macOS, the BSDs): parent, resident memory and
// name of every process, read in one `ps -A` call and kept for a moment, so that REPORT's Max Memory Used and the
// process-tree reaper work there too. Linux uses /proc (processTree.ts), which is cheaper.
import { execFileSync } from 'node:child_process';

export interface PsRow {
  pid: number;
  ppid: number;
  rssKb: number;
  comm: string;
}

/** `ps -A -o pid=,ppid=,rss=,comm=` output → rows (lines that do not parse are skipped). */
export function parsePsTable(text: string): Map<number, PsRow> {
  const rows = new Map<number, PsRow>();
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const pid = Number(m[1]);
    // comm is a path on macOS (/usr/bin/perl): its last part, as /proc/<pid>/comm gives on Linux.
    rows.set(pid, { pid, ppid: Number(m[2]), rssKb: Number(m[3]), comm: m[4].trim().split('/').pop() ?? '' });
  }
  return rows;
}

const TTL_MS = 250;
let cached: { at: number; rows: Map<number, PsRow> } | undefined;

/** The process table, read again when older than 250 ms; empty when `ps` cannot run. */
export function psTable(now = performance.now(), run: () => string = readPs): Map<number, PsRow> {
  if (cached && now >= cached.at && now - cached.at < TTL_MS) return cached.rows;
  let rows: Map<number, PsRow>;
  try {
    rows = parsePsTable(run());
  } catch {
    rows = new Map();
  }
  cached = { at: now, rows };
  return rows;
}

function readPs(): string {
  return execFileSync('ps', ['-A', '-o', 'pid=,ppid=,rss=,comm='], { encoding: 'latin1', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
}

/** Every descendant of pid in the table (not pid itself), breadth first, at most `limit`. */
export function psDescendants(rows: ReadonlyMap<number, PsRow>, pid: number, limit = 1024): number[] {
  const children = new Map<number, number[]>();
  for (const r of rows.values()) children.set(r.ppid, [...(children.get(r.ppid) ?? []), r.pid]);
  const out: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length && out.length < limit) {
    const p = queue.shift()!;
    out.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return out;
}

/** Resident memory of pid and its descendants in KiB, from the table. */
export function psTreeRssKb(rows: ReadonlyMap<number, PsRow>, pid: number): number {
  if (!rows.has(pid)) return 0;
  return [pid, ...psDescendants(rows, pid)].reduce((n, p) => n + (rows.get(p)?.rssKb ?? 0), 0);
}
