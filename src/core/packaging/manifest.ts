// core/packaging: a package's file set as content — each file's name, size, executable bit and SHA-256 —
// and its tree hash, the identity of a build: equal tree hashes mean the same staged files and, written by
// the same ZIP writer, the same ZIP bytes and CodeSha256. Stored as files.json in the package's folder.
import { readFileSync } from 'node:fs';
import { sha256Hex } from './fileHasher';
import { byName } from './fileTree';

/** Bumped when the same files would give different ZIP bytes (the writer's layout or deflate settings). */
export const ZIP_FORMAT = 1;

export interface ManifestEntry {
  /** Path inside the package, '/'-separated. */
  name: string;
  size: number;
  executable: boolean;
  /** Hex SHA-256 of the content. */
  sha: string;
}

export interface Manifest {
  /** Hex SHA-256 over the format version and every entry: the package folder's name. */
  treeHash: string;
  /** Sorted by name. */
  entries: readonly ManifestEntry[];
  /** Sum of the sizes (the unzipped size). */
  bytes: number;
  /** The text of files.json, when already made. */
  text?: string;
}

type Row = [name: string, size: number, executable: 0 | 1, sha: string];

/** The manifest of `entries` (sorted here; duplicates are the caller's to refuse, duplicateName()). */
export function manifestOf(entries: readonly ManifestEntry[]): Manifest {
  const sorted = [...entries].sort(byName);
  const text = serialize(sorted);
  return { treeHash: sha256Hex(text), entries: sorted, bytes: sorted.reduce((s, e) => s + e.size, 0), text };
}

/** The text of files.json; its SHA-256 is the tree hash. */
export function serialize(sorted: readonly ManifestEntry[]): string {
  const rows: Row[] = sorted.map((e) => [e.name, e.size, e.executable ? 1 : 0, e.sha]);
  return JSON.stringify({ format: ZIP_FORMAT, files: rows });
}

/** Reads a files.json, checking that it still hashes to `treeHash`; undefined when missing or damaged. */
export function readManifest(path: string, treeHash: string): Manifest | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  if (sha256Hex(text) !== treeHash) return undefined;
  const { files } = JSON.parse(text) as { files: Row[] };
  const entries = files.map(([name, size, x, sha]) => ({ name, size, executable: x === 1, sha }));
  return { treeHash, entries, bytes: entries.reduce((s, e) => s + e.size, 0), text };
}

/** The first name that appears twice (sorted entries), if any. */
export function duplicateName(sorted: readonly ManifestEntry[]): string | undefined {
  for (let i = 1; i < sorted.length; i++) if (sorted[i].name === sorted[i - 1].name) return sorted[i].name;
  return undefined;
}

/** Key of a file's content and mode: files with equal keys can share one inode. */
export const contentKey = (e: Pick<ManifestEntry, 'sha' | 'executable'>): string => (e.executable ? `x${e.sha}` : e.sha);
