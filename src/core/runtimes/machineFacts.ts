// core/runtimes: facts about this machine that cost a process to learn (an interpreter's version and its
// real executable), kept on disk between engine processes so a one-shot CLI run does not spawn the same
// probes again. Each fact is stored with a fingerprint of everything it depends on (files' real path, size,
// inode and times; settings) and is probed again once that fingerprint changes.
import { mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The environment variable that moves the user's cache folder (tests point it at a temp folder). */
export const CACHE_DIR_ENV = 'LAMBDA_WORKBENCH_CACHE_DIR';

/** Facts older than this are probed again even if nothing they depend on seems to have changed. */
const MAX_AGE_MS = 7 * 24 * 3600_000;
/** Enough for every interpreter of a machine; the least recently stored facts go first. */
const MAX_ENTRIES = 200;
const FORMAT = 1;

/** Lambda Workbench's folder in the user's cache: $LAMBDA_WORKBENCH_CACHE_DIR, else the platform's place. */
export function userCacheDir(): string {
  const configured = process.env[CACHE_DIR_ENV];
  if (configured) return configured;
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'lambda-workbench', 'Cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'lambda-workbench');
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'lambda-workbench');
}

/** A file as it is now (real path, size, inode, modification and change times); undefined when it is missing. */
export function fileFingerprint(path: string): string | undefined {
  try {
    const real = realpathSync(path);
    const s = statSync(real);
    return `${real}|${s.size}|${s.ino}|${s.mtimeMs}|${s.ctimeMs}`;
  } catch {
    return undefined;
  }
}

/** The real path of `path`, or `path` itself when it cannot be resolved. */
export function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

interface Entry {
  fingerprint: string;
  value: unknown;
  storedAt: number;
}

/**
 * One JSON file of facts. Reads it once, on first use; each store merges with what other processes stored
 * meanwhile and replaces the file atomically (a torn or foreign file reads as empty: the facts are probed
 * again). Failing to read or write is never an error: the cache only saves time.
 */
export class MachineFacts {
  private entries: Map<string, Entry> | undefined;

  constructor(readonly file: string) {}

  /** What was stored under `key` with exactly this `fingerprint` (and not too long ago), else undefined. */
  lookup<T>(key: string, fingerprint: string): T | undefined {
    const e = this.load().get(key);
    if (!e || e.fingerprint !== fingerprint || !(Date.now() - e.storedAt < MAX_AGE_MS)) return undefined;
    return e.value as T;
  }

  /** Remembers `value` under `key` for as long as `fingerprint` stays the same. */
  store(key: string, fingerprint: string, value: unknown): void {
    const entry: Entry = { fingerprint, value, storedAt: Date.now() };
    this.load().set(key, entry);
    this.write(key, entry);
  }

  private load(): Map<string, Entry> {
    this.entries ??= readEntries(this.file);
    return this.entries;
  }

  /** Merges the entry into the file as it is now (other processes may have stored facts since we read it). */
  private write(key: string, entry: Entry): void {
    const entries = readEntries(this.file).set(key, entry);
    const kept = [...entries].sort((a, b) => b[1].storedAt - a[1].storedAt).slice(0, MAX_ENTRIES);
    const tmp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, entries: Object.fromEntries(kept) }));
      renameSync(tmp, this.file);
    } catch {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // Nothing more to do: an unwritable cache only costs the probes again.
      }
    }
  }
}

function readEntries(file: string): Map<string, Entry> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; entries?: Record<string, Entry> };
    if (data.format !== FORMAT || typeof data.entries !== 'object' || data.entries === null) return new Map();
    return new Map(Object.entries(data.entries).filter(([, e]) => typeof e?.fingerprint === 'string' && typeof e.storedAt === 'number'));
  } catch {
    return new Map();
  }
}

const opened = new Map<string, MachineFacts>();

/** The facts file in the user's cache folder (one instance per file, so the file is read once per process). */
export function machineFacts(): MachineFacts {
  const file = join(userCacheDir(), 'machine-facts.json');
  let facts = opened.get(file);
  if (!facts) opened.set(file, (facts = new MachineFacts(file)));
  return facts;
}
