// In-environment Node.js runtime, error reporting: where a module that does not parse fails, as the lines
// Node prints for a fatal syntax error (`file:line`, the source line, the caret), with the column added to
// the first line (`file:line:column`) so that every front door can link it. Init failures only.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A stack's first line when it names the place, as Node writes it for a CommonJS syntax error: `/path/x.js:3`. */
const LOCATION_LINE = /^(.+):(\d+)$/;
/** Local specifiers of static imports/re-exports and of literal dynamic imports (packages are not ours to check). */
const IMPORTS = /(?:^|[\s;}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?['"]([^'"\n]+)['"]|\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;
/** Enough for any real handler's own modules; a bound on what a failed init may cost. */
const MAX_FILES = 200;

/**
 * `file:line:column` (the column from the caret line under the source line, 1-based) in place of Node's
 * `file:line`, when the lines are a syntax error's location; otherwise the lines as they are.
 */
export function withColumn(lines: string[]): string[] {
  const at = LOCATION_LINE.exec(lines[0] ?? '');
  const caret = lines[2]?.indexOf('^') ?? -1;
  if (!at || caret < 0 || lines[2].slice(0, caret).trim() !== '') return lines;
  return [`${lines[0]}:${caret + 1}`, ...lines.slice(1)];
}

/** The three location lines of `node --check file` when it fails with `error`, else undefined. */
function checkFile(file: string, error: SyntaxError): string | undefined {
  const { NODE_OPTIONS: _options, ...env } = process.env;
  // Required here, for a syntax error only: loading child_process costs every cold start ~6 ms (issue 10).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', env, timeout: 5000 });
  const lines = (check.stderr ?? '').split('\n');
  const at = LOCATION_LINE.exec(lines[0] ?? '');
  if (!at || !lines.includes(String(error))) return undefined;
  return `${pathToFileURL(at[1]).href}:${at[2]}\n${lines[1]}\n${lines[2]}\n`;
}

function localImports(file: string): string[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const m of source.matchAll(IMPORTS)) {
    const spec = m[1] ?? m[2];
    let target: string | undefined;
    if (spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/')) target = path.resolve(path.dirname(file), spec.split(/[?#]/)[0]);
    else if (spec.startsWith('file:')) target = fileURLToPath(spec);
    if (target && existsSync(target)) out.push(target);
  }
  return out;
}

/**
 * Where an ES module graph fails to parse. Node's ES module loader keeps the location out of the
 * SyntaxError's stack, so the handler file and then the local modules it imports (breadth first) are
 * parsed with `node --check`, which runs none of them; the first that fails with this error is the place.
 */
export function esmSyntaxLocation(handlerFile: string, error: SyntaxError): string | undefined {
  if (LOCATION_LINE.test(error.stack?.split('\n')[0] ?? '')) return undefined;
  const queue = [handlerFile];
  const seen = new Set(queue);
  for (let i = 0; i < queue.length && i < MAX_FILES; i++) {
    const found = checkFile(queue[i], error);
    if (found) return found;
    for (const next of localImports(queue[i])) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return undefined;
}
