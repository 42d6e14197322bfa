// core/packaging: the per-entry rules of safe extraction — which names are acceptable, what an entry is
// (file, folder, symlink) and its mode from the external attributes, and where a symlink really points.
import type { Entry } from 'yauzl';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const MADE_BY_UNIX = 3;

/** Validates a raw entry name: no absolute path, drive letter, backslash, NUL or '..' segment. */
export function safeEntryName(raw: string): { name: string; isDir: boolean } | { error: string } {
  if (raw.includes('\\')) return { error: 'contains a backslash' };
  if (raw.includes('\0')) return { error: 'contains a NUL character' };
  if (raw.startsWith('/')) return { error: 'is an absolute path' };
  if (/^[a-zA-Z]:/.test(raw)) return { error: 'starts with a drive letter' };
  const segments = raw.split('/');
  if (segments.includes('..')) return { error: "contains a '..' segment" };
  const kept = segments.filter((s) => s !== '' && s !== '.');
  if (kept.length === 0) return { error: 'is empty' };
  return { name: kept.join('/'), isDir: raw.endsWith('/') };
}

export type EntryKind = { type: 'dir' } | { type: 'link' } | { type: 'file'; mode: number };

/** The entry's type and normalized mode (0755 if any x bit is set on a Unix-made entry, else 0644). */
export function entryKind(entry: Entry, nameIsDir: boolean): EntryKind {
  const unix = entry.versionMadeBy >> 8 === MADE_BY_UNIX;
  const mode = unix ? entry.externalFileAttributes >>> 16 : 0;
  if (nameIsDir || (mode & S_IFMT) === S_IFDIR) return { type: 'dir' };
  if ((mode & S_IFMT) === S_IFLNK) return { type: 'link' };
  return { type: 'file', mode: mode & 0o111 ? 0o755 : 0o644 };
}

/**
 * True when the symlink `name` → `target` resolves inside the destination, following the archive's other
 * symlinks along the way (so `a -> .` then `b -> a/..` is caught). Absolute targets are always outside.
 */
export function resolveLinkTarget(name: string, target: string, links: ReadonlyMap<string, string>): boolean {
  const walk = (start: string[], rel: string, depth: number): string[] | undefined => {
    if (depth > 40 || rel.startsWith('/') || rel.includes('\\') || /^[a-zA-Z]:/.test(rel)) return undefined;
    let stack = [...start];
    for (const seg of rel.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (stack.length === 0) return undefined;
        stack.pop();
        continue;
      }
      stack.push(seg);
      const via = links.get(stack.join('/'));
      if (via !== undefined) {
        const resolved = walk(stack.slice(0, -1), via, depth + 1);
        if (!resolved) return undefined;
        stack = resolved;
      }
    }
    return stack;
  };
  return walk(name.split('/').slice(0, -1), target, 0) !== undefined;
}
