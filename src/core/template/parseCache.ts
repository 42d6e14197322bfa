// core/template: parsed templates kept on disk (the user's cache folder) by the hash of their text, so a
// one-shot CLI run reads a JSON file instead of running the YAML parser, whose first run in a fresh process
// (cold code) cost ~6 ms for a small template (issue 10). Only what parses cleanly is kept: the plain data and
// the source position of every map, list and key, by the objects' depth-first order. Data JSON cannot carry
// exactly — shared (aliased) objects, non-plain objects, -0, non-finite numbers, undefined — is not kept.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keepNewest } from '../common/keepNewest';
import { userCacheDir } from '../runtimes/machineFacts';
import { SourceMap, type ParseCache, type ParsedTemplate } from './parse';

/** Changes whenever the conversion of YAML to data or positions changes, with the build itself (below). */
const FORMAT = 1;
/** Parsed templates kept; the least recently written go first. */
const KEEP = 64;

interface Stored {
  data: unknown;
  /** [object index, line, column] */
  nodes: number[][];
  /** [object index, key, line, column] */
  keys: (string | number)[][];
}

const dir = (): string => join(userCacheDir(), 'template-parse');

let buildId: string | undefined;
/** This code's own file (the bundle, or the transpiled module): a rebuild makes every entry a miss. */
function build(): string {
  if (buildId === undefined) {
    try {
      const s = statSync(__filename);
      buildId = `${s.size}:${s.mtimeMs}`;
    } catch {
      buildId = '';
    }
  }
  return buildId;
}

function keyOf(text: string): string {
  return createHash('sha256').update(`${FORMAT}\0${build()}\0`).update(text).digest('hex').slice(0, 40);
}

/** The on-disk cache, as parseTemplateFile takes it. */
export const diskParseCache: ParseCache = { get: (text) => cachedParse(text), set: (text, parsed) => storeParse(text, parsed) };

/** The template parsed earlier from exactly `text`, or undefined. */
export function cachedParse(text: string): ParsedTemplate | undefined {
  let stored: Stored;
  try {
    stored = JSON.parse(readFileSync(join(dir(), `${keyOf(text)}.json`), 'utf8')) as Stored;
  } catch {
    return undefined;
  }
  const objects: object[] = [];
  walk(stored.data, (o) => void objects.push(o));
  const sm = new SourceMap();
  for (const [i, line, column] of stored.nodes) {
    const o = objects[i];
    if (o === undefined) return undefined;
    sm.setNode(o, { line, column });
  }
  for (const [i, key, line, column] of stored.keys) {
    const o = objects[i as number];
    if (o === undefined) return undefined;
    sm.setKey(o, String(key), { line: line as number, column: column as number });
  }
  return { data: stored.data, sourceMap: sm };
}

/** Keeps `parsed` for the next run that reads `text`, when JSON carries it exactly; never throws. */
export function storeParse(text: string, parsed: ParsedTemplate): void {
  const nodes: number[][] = [];
  const keys: (string | number)[][] = [];
  const seen = new Set<object>();
  let exact = true;
  let index = 0;
  walk(parsed.data, (o) => {
    if (seen.has(o) || !(Array.isArray(o) || Object.getPrototypeOf(o) === Object.prototype)) exact = false;
    seen.add(o);
    const i = index++;
    const p = parsed.sourceMap.node(o);
    if (p) nodes.push([i, p.line, p.column]);
    for (const [k, kp] of parsed.sourceMap.keysOf(o) ?? []) keys.push([i, k, kp.line, kp.column]);
  }, () => (exact = false));
  if (!exact) return;
  try {
    mkdirSync(dir(), { recursive: true, mode: 0o700 });
    const file = join(dir(), `${keyOf(text)}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ data: parsed.data, nodes, keys } satisfies Stored), { mode: 0o600 });
    renameSync(tmp, file);
    keepNewest(dir(), KEEP, '.json');
  } catch {
    // Without an entry the next run parses again.
  }
}

/** Depth-first over maps and lists (the same order on the way in and out); `inexact` for a leaf JSON alters. */
function walk(value: unknown, onObject: (o: object) => void, inexact: () => void = () => undefined): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) inexact();
    return;
  }
  if (typeof value !== 'object') return inexact();
  onObject(value);
  if (Array.isArray(value)) {
    for (const v of value) walk(v, onObject, inexact);
  } else {
    for (const k of Object.keys(value)) {
      if (k === '__proto__') inexact();
      walk((value as Record<string, unknown>)[k], onObject, inexact);
    }
  }
}

