// core/runtimes: what the runtime-SDK installs share (runtimeSdk.ts): whether a function's own code names an SDK
// it does not ship, and an install into a cache folder that no concurrent engine ever sees half done.
import { execFile } from 'node:child_process';
import { existsSync, promises as fsp } from 'node:fs';
import { extname, join } from 'node:path';

const SCAN_MAX_FILES = 2000;
const SCAN_MAX_BYTES = 4 * 1024 * 1024;

/** A complete install: the folder and its marker, written last. */
export const isComplete = (dir: string): boolean => existsSync(join(dir, '.complete'));

/**
 * True when a source file (by extension) under `taskRoot`, outside node_modules and dot-folders, matches
 * `pattern`. Bounded: a package past 2,000 files or 4 MB of source is taken as not needing it.
 */
export async function codeNames(taskRoot: string, extensions: ReadonlySet<string>, pattern: RegExp): Promise<boolean> {
  let files = 0;
  let bytes = 0;
  const stack = [taskRoot];
  while (stack.length) {
    const dir = stack.pop()!;
    const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) stack.push(join(dir, e.name));
        continue;
      }
      if (!e.isFile() || !extensions.has(extname(e.name))) continue;
      if (++files > SCAN_MAX_FILES || bytes > SCAN_MAX_BYTES) return false;
      const text = await fsp.readFile(join(dir, e.name), 'utf8').catch(() => '');
      bytes += text.length;
      if (pattern.test(text)) return true;
    }
  }
  return false;
}

/**
 * Runs `fill(tmp)` into a folder beside `dir`, marks it complete and renames it into place. When another
 * engine finished the same install first, its folder is kept and ours dropped.
 */
export async function installAtomically(dir: string, fill: (tmp: string) => Promise<void>): Promise<string> {
  const tmp = `${dir}.${process.pid}.tmp`;
  await fsp.rm(tmp, { recursive: true, force: true });
  await fsp.mkdir(tmp, { recursive: true });
  try {
    await fill(tmp);
    await fsp.writeFile(join(tmp, '.complete'), new Date().toISOString());
    if (isComplete(dir)) {
      await fsp.rm(tmp, { recursive: true, force: true });
      return dir;
    }
    await fsp.rm(dir, { recursive: true, force: true });
    await fsp.rename(tmp, dir);
  } catch (e) {
    await fsp.rm(tmp, { recursive: true, force: true });
    if (isComplete(dir)) return dir; // another engine won the race
    throw e;
  }
  return dir;
}

/** Runs a command; rejects with the last lines of its stderr (or the spawn error). */
export function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, _out, stderr) => (err ? reject(new Error(lastLines(stderr) || err.message)) : resolve())),
  );
}

function lastLines(text: string): string {
  return text
    .trim()
    .split('\n')
    .filter((l) => !/Running pip as the 'root' user/.test(l))
    .slice(-3)
    .join(' ')
    .slice(0, 400);
}
