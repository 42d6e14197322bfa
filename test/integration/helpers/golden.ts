// Test helper: golden files. What a command printed is compared with test/fixtures/<path>, after the parts
// that change from run to run (folders, times, request ids, the local node's version) became placeholders.
// UPDATE_GOLDEN=1 writes the files instead (then review the diff).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fixtures, repoRoot } from './engine';

/** Replaces each [text, placeholder] (longest text first), then ISO times, UUIDs and node versions. */
export function normalise(text: string, replacements: [string, string][]): string {
  let out = text;
  for (const [from, to] of [...replacements].sort((a, b) => b[0].length - a[0].length)) out = out.split(from).join(to);
  return out
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, '<TIME>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<UUID>')
    .replace(/local node is v\d+\.\d+\.\d+/g, 'local node is v<NODE>');
}

export function assertGolden(name: string, actual: string, replacements: [string, string][] = []): void {
  const file = join(fixtures, 'realapps', 'golden', name);
  const text = normalise(actual, [...replacements, [repoRoot, '<REPO>']]);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  assert.equal(text, readFileSync(file, 'utf8'), `golden file ${file} (UPDATE_GOLDEN=1 rewrites it)`);
}
