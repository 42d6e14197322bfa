// core/common: random bytes and a short hash for names, without node:crypto. The one-shot CLI spawns its head
// start (cli/headStart.ts) before the engine loads, and node:crypto, not in node's startup snapshot, costs
// ~2.5 ms to load there (issue 10): the bytes come from /dev/urandom, the kernel source node:crypto uses too.
import { closeSync, openSync, readSync } from 'node:fs';

/** `n` random bytes from /dev/urandom; node:crypto's where there is none. */
export function kernelRandomBytes(n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  try {
    const fd = openSync('/dev/urandom', 'r');
    try {
      for (let off = 0; off < n; ) {
        const got = readSync(fd, b, off, n - off, null);
        if (got <= 0) throw new Error('/dev/urandom: short read');
        off += got;
      }
    } finally {
      closeSync(fd);
    }
    return b;
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('node:crypto') as typeof import('node:crypto')).randomBytes(n);
  }
}

/**
 * 24 hex characters naming a file after `text` (two 53-bit lanes of a multiply-xorshift hash): for cache and
 * record names, where a collision only costs a cache miss, never a wrong result.
 */
export function nameHash(text: string): string {
  return lane(text, 0x9e3779b9).toString(16).padStart(14, '0').slice(-12) + lane(text, 0x85ebca6b).toString(16).padStart(14, '0').slice(-12);
}

function lane(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
