// Test helper: temp folders under os.tmpdir() that are removed when the test file ends, passed or failed.
// Importing this module registers the cleanup on the file's root test, so import it at the top level. It
// also gives the test file (and every engine or CLI process it starts) a cache folder of its own, so no test
// depends on what the user's cache holds (machine facts, the CLI's code cache).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

const made = new Set<string>();

after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
});

/** A fresh folder `<tmpdir>/<prefix>XXXXXX`, removed after the last test of this file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

process.env.LAMBDA_WORKBENCH_CACHE_DIR = tempDir('lwb-cache-');
