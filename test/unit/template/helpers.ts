// Test helpers for the template loader: fixture paths, throwaway template folders, and exact error checks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as assert from 'node:assert/strict';
import { WorkbenchError } from '../../../src/core/common/errors';
import type { TemplateModel } from '../../../src/core/model/functionConfig';
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

function assertError(e: unknown, expected: ExpectedError): void {
  assert.ok(e instanceof WorkbenchError, `expected a WorkbenchError, got ${String(e)}`);
  const actual: ExpectedError = { code: e.code, message: e.message };
  if ('file' in expected) actual.file = e.file;
  if ('line' in expected) actual.line = e.line;
  if ('column' in expected) actual.column = e.column;
  assert.deepEqual(actual, expected);
}

/**
 * Asserts that loading fails with a WorkbenchError whose code, message and position are exactly these: the
 * template as a whole (syntax errors, its structure) or, since templates load per resource, the one function or
 * layer that is kept as broken while the rest loads.
 */
export async function rejectsWith(p: Promise<unknown>, expected: ExpectedError): Promise<void> {
  let model: unknown;
  try {
    model = await p;
  } catch (e) {
    assertError(e, expected);
    return;
  }
  const broken = (model as TemplateModel).broken ?? [];
  assert.equal(broken.length, 1, `expected the load to fail, or one broken resource; got ${broken.length} broken`);
  assertError(broken[0].error, expected);
}

/** Asserts the model has exactly these broken resources (logical id → error code). */
export function assertBroken(model: TemplateModel, expected: Record<string, string>): void {
  assert.deepEqual(Object.fromEntries(model.broken.map((b) => [b.logicalId, b.error.code])), expected);
}
