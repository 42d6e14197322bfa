// core/events/pattern: the leaf operators of event patterns (EventBridge's content filtering, which SNS filter
// policies and Lambda's FilterCriteria share, lambda-semantics.md §11.5): each is validated once when the
// pattern compiles and becomes a test of one leaf value of the event.
import { PatternError, type Dialect } from './patternErrors';

/** A test of one leaf value (string, number, boolean or null) of the event. */
export type LeafTest = (v: unknown) => boolean;

const isString = (v: unknown): v is string => typeof v === 'string';
const lower = (s: string) => s.toLowerCase();

/** `prefix`/`suffix` take a string or `{"equals-ignore-case": "…"}`. */
function affix(kind: 'prefix' | 'suffix', arg: unknown, path: string): LeafTest {
  const ends = (s: string, a: string) => (kind === 'prefix' ? s.startsWith(a) : s.endsWith(a));
  if (isString(arg)) return (v) => isString(v) && ends(v, arg);
  if (isObject(arg) && Object.keys(arg).length === 1 && isString(arg['equals-ignore-case'])) {
    const a = lower(arg['equals-ignore-case']);
    return (v) => isString(v) && ends(lower(v), a);
  }
  throw new PatternError(`${kind} match pattern must be a string or {"equals-ignore-case": "…"}`, path);
}

/** `wildcard`: `*` matches any run of characters; `\*` and `\\` are a literal star and backslash. */
export function wildcard(arg: unknown, path: string): LeafTest {
  if (!isString(arg)) throw new PatternError('wildcard match pattern must be a string', path);
  if (/(^|[^\\])\*\*/.test(arg)) throw new PatternError(`consecutive wildcard characters are not allowed: "${arg}"`, path);
  let src = '';
  for (let i = 0; i < arg.length; i++) {
    const c = arg[i];
    if (c === '\\' && (arg[i + 1] === '*' || arg[i + 1] === '\\')) src += `\\${arg[++i]}`;
    else if (c === '*') src += '.*';
    else src += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const re = new RegExp(`^${src}$`, 's');
  return (v) => isString(v) && re.test(v);
}

/** `numeric`: `["=", 5]`, or a lower bound (`>`, `>=`), an upper bound (`<`, `<=`), or both in that order. */
function numeric(arg: unknown, path: string, dialect: Dialect): LeafTest {
  const limit = dialect === 'eventbridge' ? 5e9 : 1e9;
  if (!Array.isArray(arg) || arg.length === 0 || arg.length % 2 !== 0 || arg.length > 4) throw new PatternError('numeric match must be an array of operator and value pairs, such as [">", 0, "<=", 5] or ["=", 100]', path);
  const tests: ((n: number) => boolean)[] = [];
  let sawLower = false;
  let sawUpper = false;
  for (let i = 0; i < arg.length; i += 2) {
    const [op, n] = [arg[i], arg[i + 1]];
    if (typeof n !== 'number' || !Number.isFinite(n)) throw new PatternError(`numeric match value after "${String(op)}" must be a number`, path);
    if (n < -limit || n > limit) throw new PatternError(`numeric match value ${n} is out of range [${-limit}, ${limit}]`, path);
    if (op === '=') {
      if (arg.length !== 2) throw new PatternError('numeric "=" cannot be combined with a range', path);
      tests.push((x) => x === n);
    } else if (op === '>' || op === '>=') {
      if (sawLower || sawUpper) throw new PatternError('numeric range must give the lower bound (">" or ">=") first, once', path);
      sawLower = true;
      tests.push(op === '>' ? (x) => x > n : (x) => x >= n);
    } else if (op === '<' || op === '<=') {
      if (sawUpper) throw new PatternError('numeric range has two upper bounds', path);
      sawUpper = true;
      tests.push(op === '<' ? (x) => x < n : (x) => x <= n);
    } else {
      throw new PatternError(`unrecognized numeric range operator: ${JSON.stringify(op)}`, path);
    }
  }
  return (v) => typeof v === 'number' && tests.every((t) => t(v));
}

/** IPv4 or IPv6 address → [bits, width], or undefined. */
function parseIp(s: string): [bigint, number] | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return [parts.reduce((a, p) => (a << 8n) | BigInt(p), 0n), 32];
  }
  if (!/^[0-9a-fA-F:]+$/.test(s) || s.split('::').length > 2) return undefined;
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const hs = head ? head.split(':') : [];
  const ts = tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - hs.length - ts.length;
  if (fill < 0 || (tail === undefined && hs.length !== 8)) return undefined;
  const groups = [...hs, ...Array<string>(fill).fill('0'), ...ts];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return [groups.reduce((a, g) => (a << 16n) | BigInt(parseInt(g, 16)), 0n), 128];
}

/** `cidr`: "10.0.0.0/24" or "2001:db8::/32" (a bare address is a /32 or /128). */
function cidr(arg: unknown, path: string): LeafTest {
  const bad = () => new PatternError(`cidr match must be an IPv4 or IPv6 CIDR block such as "10.0.0.0/24", got ${JSON.stringify(arg)}`, path);
  if (!isString(arg)) throw bad();
  const [addr, bitsText, extra] = arg.split('/');
  const net = parseIp(addr);
  if (!net || extra !== undefined) throw bad();
  const bits = bitsText === undefined ? net[1] : Number(bitsText);
  if (!/^\d*$/.test(bitsText ?? '') || !Number.isInteger(bits) || bits < 0 || bits > net[1]) throw bad();
  const shift = BigInt(net[1] - bits);
  const want = net[0] >> shift;
  return (v) => {
    const ip = isString(v) ? parseIp(v) : undefined;
    return !!ip && ip[1] === net[1] && ip[0] >> shift === want;
  };
}

/** `anything-but`: a value, a list of strings or of numbers, or `{prefix|suffix|wildcard|equals-ignore-case: …}`. */
function anythingBut(arg: unknown, path: string, dialect: Dialect): LeafTest {
  if (isObject(arg)) {
    const keys = Object.keys(arg);
    if (keys.length !== 1) throw new PatternError('anything-but takes one of prefix, suffix, wildcard or equals-ignore-case', path);
    const [k] = keys;
    const inner = arg[k];
    let t: LeafTest;
    if (k === 'prefix' || k === 'suffix') {
      if (!isString(inner)) throw new PatternError(`anything-but ${k} must be a string`, path);
      t = affix(k, inner, path);
    } else if (k === 'wildcard' && dialect === 'eventbridge') {
      const list = Array.isArray(inner) ? inner : [inner];
      const ts = list.map((w) => wildcard(w, path));
      t = (v) => ts.some((x) => x(v));
    } else if (k === 'equals-ignore-case') {
      const list = Array.isArray(inner) ? inner : [inner];
      if (!list.length || !list.every(isString)) throw new PatternError('anything-but equals-ignore-case takes a string or a list of strings', path);
      const set = new Set(list.map(lower));
      t = (v) => isString(v) && set.has(lower(v));
    } else {
      throw new PatternError(`unsupported anything-but pattern: ${JSON.stringify(k)}`, path);
    }
    return (v) => isString(v) && !t(v);
  }
  const list = Array.isArray(arg) ? arg : [arg];
  if (!list.length || !(list.every(isString) || list.every((x) => typeof x === 'number'))) throw new PatternError('anything-but takes a string, a number, or a list of only strings or only numbers', path);
  const set = new Set<unknown>(list);
  return (v) => v !== undefined && !set.has(v);
}

/** One element of a leaf's match list: a value (exact, type and all) or a one-key operator object. */
export function compileCondition(c: unknown, path: string, dialect: Dialect): LeafTest | { exists: boolean } {
  if (c === null || typeof c === 'string' || typeof c === 'number' || typeof c === 'boolean') {
    if (typeof c === 'number' && !Number.isFinite(c)) throw new PatternError('match value must be a finite number', path);
    return (v) => v === c;
  }
  if (!isObject(c)) throw new PatternError('match value must be a string, number, true, false, null or an operator object', path);
  const keys = Object.keys(c);
  if (keys.length !== 1) throw new PatternError(`an operator object has exactly one key, got ${keys.length ? keys.map((k) => JSON.stringify(k)).join(', ') : 'none'}`, path);
  const [op] = keys;
  const arg = c[op];
  switch (op) {
    case 'prefix':
    case 'suffix':
      return affix(op, arg, path);
    case 'equals-ignore-case': {
      if (!isString(arg)) throw new PatternError('equals-ignore-case match pattern must be a string', path);
      const a = lower(arg);
      return (v) => isString(v) && lower(v) === a;
    }
    case 'anything-but':
      return anythingBut(arg, path, dialect);
    case 'numeric':
      return numeric(arg, path, dialect);
    case 'exists':
      if (typeof arg !== 'boolean') throw new PatternError('exists match pattern must be either true or false', path);
      return { exists: arg };
    case 'cidr':
      return cidr(arg, path);
    case 'wildcard':
      if (dialect !== 'eventbridge') break;
      return wildcard(arg, path);
  }
  throw new PatternError(`unrecognized match type ${op}`, path);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
