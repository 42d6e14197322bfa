// Test helpers for the template loader: fixture paths, throwaway template folders, and exact error checks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as assert from 'node:assert/strict';
import { WorkbenchError } from '../../../src/core/common/errors';
import { tempDir } from '../../helpers/tempDirs';

/** Compiled tests live in out/test/unit/template; fixtures stay in the source tree. */
export const FIXTURES = resolve(__dirname, '../../../../test/fixtures/templates');

export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

/**
 * A fresh folder holding `files` (path → content); folders named with a trailing slash are created empty.
 * Removed when the test file ends.
 */
export function tempProject(files: Record<string, string>): string {
  const dir = tempDir('lw-template-');
  for (const [name, content] of Object.entries(files)) {
    const p = join(dir, name);
    if (name.endsWith('/')) {
      mkdirSync(p, { recursive: true });
      continue;
    }
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

export interface ExpectedError {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Asserts the promise rejects with a WorkbenchError whose code, message and position are exactly these. */
export async function rejectsWith(p: Promise<unknown>, expected: ExpectedError): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof WorkbenchError, `expected a WorkbenchError, got ${String(e)}`);
    const actual: ExpectedError = { code: e.code, message: e.message };
    if ('file' in expected) actual.file = e.file;
    if ('line' in expected) actual.line = e.line;
    if ('column' in expected) actual.column = e.column;
    assert.deepEqual(actual, expected);
    return true;
  });
}
