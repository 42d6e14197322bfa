// core/template: reads a template file (YAML or JSON) into plain data, turning CloudFormation short-form tags
// (!Ref, !Sub, …) into their long form and remembering the source position of every map, list and key.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { WorkbenchError } from '../common/errors';
import { findJsonSyntaxError } from './jsonSyntax';

export interface SourcePos {
  line: number;
  column: number;
}

/** Source positions by object identity: of a map/list/intrinsic itself, and of each key inside a map. */
export class SourceMap {
  private readonly nodes = new WeakMap<object, SourcePos>();
  private readonly keys = new WeakMap<object, Map<string, SourcePos>>();

  setNode(obj: object, pos: SourcePos): void {
    this.nodes.set(obj, pos);
  }
  setKey(obj: object, key: string, pos: SourcePos): void {
    let m = this.keys.get(obj);
    if (!m) this.keys.set(obj, (m = new Map()));
    m.set(key, pos);
  }
  node(obj: unknown): SourcePos | undefined {
    return typeof obj === 'object' && obj !== null ? this.nodes.get(obj) : undefined;
  }
  key(obj: unknown, key: string): SourcePos | undefined {
    return typeof obj === 'object' && obj !== null ? this.keys.get(obj)?.get(key) : undefined;
  }
}

export interface ParsedTemplate {
  data: unknown;
  sourceMap: SourceMap;
}

/** Short-form tags whose long form is `Fn::<Name>`; !Ref and !Condition keep their own keys. */
function longForm(tag: string, value: unknown): Record<string, unknown> {
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

function toData(node: Node | null, doc: Document, lc: LineCounter, sm: SourceMap): unknown {
  if (node === null) return null;
  if (isAlias(node)) return toData(node.resolve(doc) ?? null, doc, lc, sm);
  const pos = (n: Node): SourcePos => {
    const p = lc.linePos(n.range?.[0] ?? 0);
    return { line: p.line, column: p.col };
  };
  let value: unknown;
  if (isScalar(node)) {
    value = node.value;
  } else if (isSeq(node)) {
    const list = node.items.map((item) => toData(item as Node | null, doc, lc, sm));
    sm.setNode(list, pos(node));
    value = list;
  } else if (isMap(node)) {
    const obj: Record<string, unknown> = {};
    sm.setNode(obj, pos(node));
    const merged: unknown[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const rawKey = isScalar(keyNode) ? keyNode.value : toData(keyNode, doc, lc, sm);
      if (typeof rawKey === 'symbol' || rawKey === '<<') {
        // YAML merge key: `<<: *anchor` (or a list of them); explicit keys win over merged ones.
        const source = toData(pair.value as Node | null, doc, lc, sm);
        merged.push(...(Array.isArray(source) ? source : [source]));
        continue;
      }
      const key = String(rawKey);
      obj[key] = toData(pair.value as Node | null, doc, lc, sm);
      if (keyNode) sm.setKey(obj, key, pos(keyNode));
    }
    for (const source of merged) {
      if (typeof source !== 'object' || source === null || Array.isArray(source)) continue;
      for (const [k, v] of Object.entries(source)) {
        if (Object.prototype.hasOwnProperty.call(obj, k)) continue;
        obj[k] = v;
        const p = sm.key(source, k);
        if (p) sm.setKey(obj, k, p);
      }
    }
    value = obj;
  } else {
    return null;
  }
  if (node.tag && node.tag.startsWith('!') && !node.tag.startsWith('!!')) {
    const wrapped = longForm(node.tag, value);
    sm.setNode(wrapped, pos(node));
    return wrapped;
  }
  return value;
}

function lineColAt(text: string, offset: number): SourcePos {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function parseJson(text: string, file: string, display: string): void {
  const err = findJsonSyntaxError(text);
  if (!err) return;
  const p = lineColAt(text, err.offset);
  throw new WorkbenchError('TEMPLATE_SYNTAX', `Template is not valid JSON; fix the syntax at ${display}:${p.line}:${p.column}: ${err.reason}`, {
    file,
    line: p.line,
    column: p.column,
  });
}

/** Parses `file` (JSON when it ends in .json, else YAML). Throws TEMPLATE_SYNTAX with the position. */
export function parseTemplateText(text: string, file: string, display: string): ParsedTemplate {
  // A .json file must be JSON; anything else is YAML (which also reads JSON, positions included).
  const isJson = file.toLowerCase().endsWith('.json') || (text.trimStart().startsWith('{') && !findJsonSyntaxError(text));
  if (isJson) parseJson(text, file, display);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, merge: true });
  const err = doc.errors[0];
  // Valid JSON that the YAML parser still rejects (rare edge cases): keep the data, lose the positions.
  if (err && isJson) return { data: JSON.parse(text) as unknown, sourceMap: new SourceMap() };
  if (err) {
    const p = err.linePos?.[0] ?? { line: 1, col: 1 };
    const reason = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new WorkbenchError(
      'TEMPLATE_SYNTAX',
      `Template is not valid ${isJson ? 'JSON' : 'YAML'}; fix the syntax at ${display}:${p.line}:${p.col}: ${reason}`,
      { cause: err, file, line: p.line, column: p.col },
    );
  }
  const sm = new SourceMap();
  return { data: toData(doc.contents as Node | null, doc, lc, sm), sourceMap: sm };
}

export function parseTemplateFile(file: string, display: string): ParsedTemplate {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new WorkbenchError('TEMPLATE_NOT_FOUND', `Cannot read the template; check the path: ${file}`, { cause: e, file });
  }
  return parseTemplateText(text, file, display);
}
