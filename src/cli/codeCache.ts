// cli: loads a CommonJS bundle through V8's code cache, kept in the user's cache folder: a one-shot command
// then neither parses nor compiles again the functions its last run compiled. Without a usable cache (first
// run, another node or V8 flags, a rebuilt bundle) it compiles as `require` would and can save a new cache.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script, constants as vmConstants } from 'node:vm';

/** Cache files kept per variant (older bundles, other nodes); the least recently written go first. */
const KEEP_PER_VARIANT = 3;

export interface CodeCachedModule<T> {
  exports: T;
  /** Writes the cache for the next run if this run had none it could use; call it once the work is done. */
  saveCache(): void;
}

/**
 * `require(file)`, compiled from the cache file for this exact bundle (real path, size, inode and times),
 * node and `variant` (the subcommand: each run caches the functions its command needs). Without a
 * `cacheDir`, a plain compilation.
 */
export function requireCodeCached<T>(file: string, cacheDir: string | undefined, variant: string): CodeCachedModule<T> {
  const bytes = readFileSync(file);
  // The build writes pure ASCII (scripts/build.mjs): a one-byte string is cheaper to make and to scan.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const cacheFile = cacheDir === undefined ? undefined : join(cacheDir, `${prefixOf(variant)}${cacheKey(file, variant)}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet.
  }
  // The same wrapper as Node's CommonJS loader; the bundle imports nothing dynamically.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: file,
    cachedData,
    importModuleDynamically: vmConstants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as T, filename: file, id: file, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  const useful = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    saveCache: () => {
      if (cacheDir && cacheFile && !useful) writeCache(cacheDir, cacheFile, prefixOf(variant), script.createCachedData());
    },
  };
}

/** V8 checks a cache against the source's length only: the key names the exact file, node and variant. */
function cacheKey(file: string, variant: string): string {
  const s = statSync(file);
  const identity = [file, s.size, s.ino, s.mtimeMs, s.ctimeMs, process.version, process.arch, variant].join('\n');
  return createHash('sha1').update(identity).digest('hex').slice(0, 24);
}

const prefixOf = (variant: string): string => `cli-${variant.replace(/[^a-z0-9]/gi, '_')}-`;

function writeCache(dir: string, file: string, prefix: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, file);
    pruneOlder(dir, prefix);
  } catch {
    // A cache that cannot be written only costs the compilation again.
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing more to do.
    }
  }
}

function pruneOlder(dir: string, prefix: string): void {
  const files = readdirSync(dir)
    .filter((n) => n.startsWith(prefix) && n.endsWith('.v8cache'))
    .map((n) => {
      try {
        return { path: join(dir, n), mtimeMs: statSync(join(dir, n)).mtimeMs };
      } catch {
        return undefined;
      }
    })
    .filter((f) => f !== undefined)
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const f of files.slice(KEEP_PER_VARIANT)) rmSync(f.path, { force: true });
}
