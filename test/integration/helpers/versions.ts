// Test helpers for the versions tests: a seeded random source for alias routing, and a checked in-place edit.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';

/** mulberry32: a seeded uniform source, so routing counts are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replaces `from` (which must be there) with `to` in `file`. */
export function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${file} contains ${from}`);
  writeFileSync(file, text.replace(from, to));
}
