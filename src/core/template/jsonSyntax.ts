// core/template: finds where JSON text first goes wrong, with a reason that never quotes the text (env-vars
// files hold secrets, and V8's JSON.parse messages quote input and sometimes omit the position).
import { TEMPLATE_LIMITS } from './limits';

export interface JsonSyntaxError {
  offset: number;
  reason: string;
  /** Valid JSON, but nested past TEMPLATE_LIMITS.maxDepth. */
  tooDeep?: true;
}

class Scan {
  i = 0;
  depth = 0;
  constructor(readonly s: string) {}

  fail(reason: string, tooDeep?: true): never {
    throw (tooDeep ? { offset: this.i, reason, tooDeep } : { offset: this.i, reason }) satisfies JsonSyntaxError;
  }
  ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i])) this.i++;
  }
  expect(ch: string, reason: string): void {
    this.ws();
    if (this.s[this.i] !== ch) this.fail(this.i >= this.s.length ? 'unexpected end of input' : reason);
    this.i++;
  }
  value(): void {
    this.ws();
    const c = this.s[this.i];
    if (c === undefined) this.fail('unexpected end of input');
    if (c === '{') return this.container('}', true);
    if (c === '[') return this.container(']', false);
    if (c === '"') return this.string();
    for (const lit of ['true', 'false', 'null']) {
      if (this.s.startsWith(lit, this.i)) {
        this.i += lit.length;
        return;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!m) this.fail('expected a value (string, number, object, array, true, false or null)');
    this.i += m[0].length;
  }
  string(): void {
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\n' || c === '\r') this.fail('unterminated string');
      // JSON (RFC 8259 §7): no raw control characters, and only these escapes (no \x41, no \').
      if (c < ' ') this.fail('a raw control character (such as a tab) inside a string; escape it (\\t, \\u0009)');
      if (c === '\\') {
        const e = this.s[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) this.fail('\\u must be followed by four hex digits');
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('an escape JSON does not have; use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX');
        this.i += 2;
        continue;
      }
      this.i++;
    }
    this.fail('unterminated string');
  }
  container(close: string, isObject: boolean): void {
    // The scan recurses per level, and so does everything after it: refuse depth before the stack runs out.
    if (++this.depth > TEMPLATE_LIMITS.maxDepth) this.fail(`objects and arrays nest more than ${TEMPLATE_LIMITS.maxDepth} levels deep here; flatten them`, true);
    this.i++;
    this.ws();
    if (this.s[this.i] === close) {
      this.i++;
      this.depth--;
      return;
    }
    for (;;) {
      if (isObject) {
        this.ws();
        if (this.s[this.i] !== '"') this.fail(this.i >= this.s.length ? 'unexpected end of input' : 'expected a double-quoted property name');
        this.string();
        this.expect(':', "expected ':' after the property name");
      }
      this.value();
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      this.expect(close, `expected ',' or '${close}'`);
      this.depth--;
      return;
    }
  }
}

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const scan = new Scan(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
  try {
    scan.value();
    scan.ws();
    if (scan.i < text.length) scan.fail('unexpected text after the end of the JSON value');
    return undefined;
  } catch (e) {
    if (typeof (e as Partial<JsonSyntaxError>).offset !== 'number') throw e;
    return e as JsonSyntaxError;
  }
}
