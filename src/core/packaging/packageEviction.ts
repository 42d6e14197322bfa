// core/packaging: the package cache's size bound. Evicts least recently used package folders until their
// total is within the bound; kept whatever the total: the current build of every slot (its pin), packages
// live environments run from, packages leased by this process, and packages used within the grace period.
// Safe with other processes on the same folder: an entry is first moved away (atomically), and moved back if
// its stamp shows a use that raced with the decision. The folder layout is packageFolder.ts.
import { promises as fsp, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Clock } from '../common/clock';
import { folderBytes, HEX_DIR, STAMP } from './packageFolder';
import { tempPathFor } from '../store/tempFiles';
import { mkdirState } from '../store/stateFolders';

/** A function whose current build nobody has asked for in this long has probably left the template. */
const PIN_MAX_AGE_MS = 30 * 24 * 60 * 60_000;

export interface EvictionOptions {
  /** The cache's root: package folders by content hash, pins in current/, temporary folders in tmp/. */
  root: string;
  maxBytes: number;
  /** A package used this recently is never evicted (another process may be about to run or copy it). */
  graceMs: number;
  clock: Clock;
  /** Packages this process holds leases on. */
  leased: () => Iterable<string>;
  /** Folders live environments of any process run from (their task roots). */
  inUse?: () => Promise<readonly string[]>;
}

interface Entry {
  hex: string;
  bytes: number;
  lastUsed: number;
}

export class PackageEviction {
  private pruning: Promise<void> = Promise.resolve();

  constructor(private readonly options: EvictionOptions) {}

  /** One prune at a time; a call made while one runs starts after it. */
  prune(): Promise<void> {
    const run = this.pruning.then(() => this.pruneNow());
    this.pruning = run.catch(() => undefined);
    return run;
  }

  private async pruneNow(): Promise<void> {
    const { maxBytes, graceMs, clock } = this.options;
    const entries = await this.entries();
    let total = entries.reduce((s, e) => s + e.bytes, 0);
    if (total <= maxBytes) return;
    const now = clock.now();
    const keep = await this.protectedHexes(now);
    const candidates = entries.filter((e) => !keep.has(e.hex) && now - e.lastUsed >= graceMs).sort((a, b) => a.lastUsed - b.lastUsed);
    for (const e of candidates) {
      if (total <= maxBytes) break;
      if (await this.evict(e)) total -= e.bytes;
    }
  }

  /** Every package folder with its size and last use; the stamps and recorded sizes are read synchronously. */
  private async entries(): Promise<Entry[]> {
    const { root } = this.options;
    let names: string[];
    try {
      names = await fsp.readdir(root);
    } catch {
      return [];
    }
    const out: Entry[] = [];
    for (const hex of names.filter((n) => HEX_DIR.test(n))) {
      const dir = join(root, hex);
      try {
        const lastUsed = (statSync(join(dir, STAMP), { throwIfNoEntry: false }) ?? statSync(dir)).mtimeMs;
        out.push({ hex, bytes: await folderBytes(dir), lastUsed });
      } catch {
        // evicted by another process meanwhile
      }
    }
    return out;
  }

  /** Packages that stay whatever their age: pinned as a slot's current build, leased, or run by a live environment. */
  async protectedHexes(now: number): Promise<Set<string>> {
    const { root } = this.options;
    const keep = new Set<string>(this.options.leased());
    const currentDir = join(root, 'current');
    for (const name of await fsp.readdir(currentDir).catch(() => [] as string[])) {
      if (!name.endsWith('.json')) continue;
      try {
        const pin = JSON.parse(await fsp.readFile(join(currentDir, name), 'utf8')) as { treeHex?: string; shaHex?: string; at: number };
        const hex = pin.treeHex ?? pin.shaHex;
        if (now - pin.at > PIN_MAX_AGE_MS) await fsp.rm(join(currentDir, name), { force: true });
        else if (hex) keep.add(hex);
      } catch {
        // being replaced, or corrupt: it protects nothing
      }
    }
    for (const path of (await this.options.inUse?.()) ?? []) {
      const rel = relative(root, path);
      const top = rel.split(sep)[0];
      if (!rel.startsWith('..') && HEX_DIR.test(top)) keep.add(top);
    }
    return keep;
  }

  private async evict(e: Entry): Promise<boolean> {
    const { root } = this.options;
    const dir = join(root, e.hex);
    const trash = tempPathFor(join(root, 'tmp', `evict-${e.hex}`));
    try {
      await mkdirState(join(root, 'tmp'));
      await fsp.rename(dir, trash);
    } catch {
      return false; // gone already, or taken by another process
    }
    const stamp = await fsp.stat(join(trash, STAMP)).then((s) => s.mtimeMs, () => e.lastUsed);
    if (stamp > e.lastUsed) {
      // Used between our look and the move: it stays.
      const back = await fsp.rename(trash, dir).then(() => true, () => false);
      if (back) return false;
    }
    await fsp.rm(trash, { recursive: true, force: true });
    return true;
  }
}
