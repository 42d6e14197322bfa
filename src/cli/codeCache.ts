// cli: loads CommonJS bundles through V8's code cache, kept in the user's cache folder: a one-shot command
// then neither parses nor compiles again the functions its last run compiled. Without a usable cache (first
// run, another node or V8 flags, a rebuilt bundle) a bundle compiles as `require` would and leaves a cache.
import { isAscii } from 'node:buffer';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { Script, constants as vmConstants } from 'node:vm';

/** Cache files kept per variant (older bundles, other nodes); the least recently written go first. */
const KEEP_PER_VARIANT = 3;

interface Loaded {
  exports: unknown;
  script: Script;
  /** Where its cache goes, when this run had none it could use. */
  saveTo?: { file: string; prefix: string };
}

/** One per run: the bundles it loaded, and the caches to write once the run is done. */
export class CodeCache {
  private readonly loaded = new Map<string, Loaded>();

  /** @param dir where the caches live; undefined loads without any. */
  constructor(private readonly dir: string | undefined) {}

  /**
   * `require(file)`, compiled from the cache for this exact bundle (real path, size, inode and times), node
   * and `variant` (each subcommand caches the functions it needs). The bundle's own require() of another
   * `.js` file next to it (the lazily loaded vendor bundles) goes through the cache as well.
   */
  load<T>(file: string, variant: string): T {
    const known = this.loaded.get(file);
    if (known) return known.exports as T;
    const bytes = readFileSync(file);
    // The build writes pure ASCII (scripts/build.mjs): a one-byte string is cheaper to make and to scan.
    const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    const prefix = `cli-${variant.replace(/[^a-z0-9]/gi, '_')}-`;
    const cacheFile = this.dir === undefined ? undefined : join(this.dir, `${prefix}${cacheKey(file, variant)}.v8cache`);
    let cachedData: Buffer | undefined;
    try {
      if (cacheFile) cachedData = readFileSync(cacheFile);
    } catch {
      // No cache yet.
    }
    // The same wrapper as Node's CommonJS loader; the bundles import nothing dynamically.
    const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
      filename: file,
      cachedData,
      importModuleDynamically: vmConstants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
    const entry: Loaded = { exports: module.exports, script };
    if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) entry.saveTo = { file: cacheFile, prefix };
    this.loaded.set(file, entry);
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, this.requireFor(file), module, file, dirname(file));
    module.loaded = true;
    entry.exports = module.exports;
    return module.exports as T;
  }

  /** Writes the caches this run lacked; after the work, so each holds what the run compiled. */
  save(): void {
    for (const { script, saveTo } of this.loaded.values()) {
      if (saveTo && this.dir) writeCache(this.dir, saveTo.file, saveTo.prefix, () => script.createCachedData());
    }
  }

  private requireFor(file: string): NodeJS.Require {
    const base = createRequire(file);
    const dir = dirname(file);
    const require = ((id: string) => {
      if (!id.startsWith('./') || !id.endsWith('.js')) return base(id);
      const target = resolve(dir, id);
      return this.load(target, `chunk-${basename(target, '.js')}`);
    }) as NodeJS.Require;
    return Object.assign(require, { resolve: base.resolve, cache: base.cache, main: base.main, extensions: base.extensions });
  }
}

/** V8 checks a cache against the source's length only: the key names the exact file, node and variant. */
function cacheKey(file: string, variant: string): string {
  const s = statSync(file);
  const identity = [file, s.size, s.ino, s.mtimeMs, s.ctimeMs, process.version, process.arch, variant].join('\n');
  // Required here: at the entry's load node:crypto would cost the head start's spawn ~2.5 ms (kernelRandom.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha1').update(identity).digest('hex').slice(0, 24);
}

/** Serializes the cache only once its temp file is open: an unwritable cache folder costs next to nothing. */
function writeCache(dir: string, file: string, prefix: string, data: () => Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, data());
    } finally {
      closeSync(fd);
    }
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
