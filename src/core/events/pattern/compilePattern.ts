// core/events/pattern: the one event-pattern matcher (ARCHITECTURE.md: EventBridge rules, SNS filter policies
// and ESM FilterCriteria share it; syntax of lambda-semantics.md §11.5 and EventBridge's content filtering).
// A pattern compiles once (validated, coded errors) into a function of the event. Semantics: the keys of an
// object all match (AND); a leaf's list matches when any element matches any value there (OR); arrays in
// the event are flattened, and a nested object pattern matches an array when one element matches it whole.
import { WorkbenchError } from '../../common/errors';
import { compileCondition, isObject, type LeafTest } from './operators';
import { PatternError, patternError, type Dialect } from './patternErrors';

export type { Dialect } from './patternErrors';

/** A compiled pattern: whether an event (parsed JSON) matches. */
export type Matcher = (event: unknown) => boolean;

export interface CompileOptions {
  /** Whose rules the pattern follows (default EventBridge's, which FilterCriteria share). */
  dialect?: Dialect;
  /** Names the pattern in error messages ("rule \"orders\""). */
  what?: string;
}

interface ObjectNode {
  fields: [string, ObjectNode | LeafNode][];
  ors: ObjectNode[][];
}

interface LeafNode {
  tests: LeafTest[];
  exists: boolean[];
}

/** SNS's limit on a filter policy's combinations of values. */
const SNS_MAX_COMBINATIONS = 150;

/**
 * Compiles a pattern (a JSON string or the parsed object) into a matcher; an invalid pattern throws a
 * WorkbenchError with code INVALID_EVENT_PATTERN worded as the dialect's service words it.
 */
export function compilePattern(pattern: unknown, options: CompileOptions = {}): Matcher {
  const dialect = options.dialect ?? 'eventbridge';
  let parsed = pattern;
  if (typeof pattern === 'string') {
    try {
      parsed = JSON.parse(pattern);
    } catch (e) {
      throw patternError(`the pattern is not JSON (${(e as Error).message})`, dialect, options.what);
    }
  }
  try {
    if (!isObject(parsed)) throw new PatternError('the pattern must be a JSON object', '');
    const root = compileObject(parsed, '', dialect, 0);
    if (dialect !== 'eventbridge' && combinations(root) > SNS_MAX_COMBINATIONS) throw new PatternError(`the policy has ${combinations(root)} combinations of values; SNS allows at most ${SNS_MAX_COMBINATIONS}`, '');
    return (event) => matchObject(root, event);
  } catch (e) {
    if (e instanceof PatternError) throw patternError(e, dialect, options.what);
    throw e;
  }
}

/** Validates without keeping the matcher (PutRule, TestEventPattern). */
export function validatePattern(pattern: unknown, options: CompileOptions = {}): void {
  compilePattern(pattern, options);
}

export function isPatternError(e: unknown): e is WorkbenchError {
  return e instanceof WorkbenchError && e.code === 'INVALID_EVENT_PATTERN';
}

function compileObject(p: Record<string, unknown>, path: string, dialect: Dialect, depth: number): ObjectNode {
  const node: ObjectNode = { fields: [], ors: [] };
  for (const [key, value] of Object.entries(p)) {
    const at = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) throw new PatternError('"$or" must be an array of at least two pattern objects', at);
      node.ors.push(value.map((alt, i) => compileObject(alt as Record<string, unknown>, `${at}[${i}]`, dialect, depth)));
    } else if (Array.isArray(value)) {
      if (!value.length) throw new PatternError('empty arrays are not allowed', at);
      const leaf: LeafNode = { tests: [], exists: [] };
      for (const c of value) {
        const t = compileCondition(c, at, dialect);
        if (typeof t === 'function') leaf.tests.push(t);
        else leaf.exists.push(t.exists);
      }
      node.fields.push([key, leaf]);
    } else if (isObject(value)) {
      // SNS attribute policies are flat: one level of attribute names (nesting is MessageBody scope's).
      if (dialect === 'sns-attributes') throw new PatternError('a MessageAttributes filter policy cannot nest objects (use FilterPolicyScope MessageBody)', at);
      if (!Object.keys(value).length) throw new PatternError('empty objects are not allowed', at);
      node.fields.push([key, compileObject(value, at, dialect, depth + 1)]);
    } else {
      throw new PatternError(`"${key}" must be an object or an array of match values, got ${JSON.stringify(value)}`, at);
    }
  }
  return node;
}

function combinations(n: ObjectNode): number {
  let total = 1;
  for (const [, f] of n.fields) total *= 'tests' in f ? f.tests.length + f.exists.length : combinations(f);
  for (const alts of n.ors) total *= alts.reduce((s, a) => s + combinations(a), 0);
  return total;
}

function matchObject(n: ObjectNode, v: unknown): boolean {
  if (Array.isArray(v)) return v.some((el) => matchObject(n, el));
  const obj = isObject(v) ? v : undefined;
  for (const [key, f] of n.fields) {
    const child = obj?.[key];
    if (!('tests' in f ? matchLeaf(f, child) : matchObject(f, child))) return false;
  }
  return n.ors.every((alts) => alts.some((a) => matchObject(a, v)));
}

function matchLeaf(n: LeafNode, v: unknown): boolean {
  const values: unknown[] = [];
  leaves(v, values);
  // `exists` matches leaf values only (an object there is not a leaf, EventBridge's rule).
  if (n.exists.some((want) => want === values.length > 0)) return true;
  return values.some((x) => n.tests.some((t) => t(x)));
}

function leaves(v: unknown, out: unknown[]): void {
  if (v === undefined) return;
  if (Array.isArray(v)) for (const el of v) leaves(el, out);
  else if (!isObject(v)) out.push(v);
}
