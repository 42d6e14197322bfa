// core/template: reads a template file (YAML or JSON) into plain data with the source position of every map,
// list and key (yamlData.ts does the conversion), refusing input nested or aliased past TEMPLATE_LIMITS.
import { readFileSync } from 'node:fs';
import { Composer, LineCounter, Parser, YAMLParseError, type CST, type Document } from 'yaml';
import { WorkbenchError } from '../common/errors';
import { findJsonSyntaxError } from './jsonSyntax';
import { tooDeepAt, YamlBoundError, YamlToData } from './yamlData';

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
  /** The positions of `obj`'s keys (parseCache.ts stores them). */
  keysOf(obj: object): ReadonlyMap<string, SourcePos> | undefined {
    return this.keys.get(obj);
  }
  key(obj: unknown, key: string): SourcePos | undefined {
    return typeof obj === 'object' && obj !== null ? this.keys.get(obj)?.get(key) : undefined;
  }
}

export interface ParsedTemplate {
  data: unknown;
  sourceMap: SourceMap;
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
  const lead = err.tooDeep ? 'Template is nested too deeply; fix the structure' : 'Template is not valid JSON; fix the syntax';
  throw new WorkbenchError('TEMPLATE_SYNTAX', `${lead} at ${display}:${p.line}:${p.column}: ${err.reason}`, {
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
  const tokens = [...new Parser(lc.addNewLine).parse(text)];
  const boundError = (e: YamlBoundError): WorkbenchError => {
    const p = lc.linePos(e.offset);
    return new WorkbenchError('TEMPLATE_SYNTAX', `${e.lead}; fix ${e.fix} at ${display}:${p.line}:${p.col}: ${e.reason}`, { file, line: p.line, column: p.col });
  };
  // The composer recurses once per nesting level: measure the depth on the tokens before it runs.
  const deep = tooDeepAt(tokens);
  if (deep) throw boundError(deep);
  const doc = composeOne(tokens, text.length);
  const err = doc.errors[0];
  // Valid JSON that the YAML parser still rejects (rare edge cases): keep the data, lose the positions.
  if (err && isJson) return { data: JSON.parse(text) as unknown, sourceMap: new SourceMap() };
  if (err) {
    const p = lc.linePos(err.pos[0]);
    const reason = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new WorkbenchError(
      'TEMPLATE_SYNTAX',
      `Template is not valid ${isJson ? 'JSON' : 'YAML'}; fix the syntax at ${display}:${p.line}:${p.col}: ${reason}`,
      { cause: err, file, line: p.line, column: p.col },
    );
  }
  const sm = new SourceMap();
  try {
    return { data: new YamlToData(doc, lc, sm).convert(), sourceMap: sm };
  } catch (e) {
    if (e instanceof YamlBoundError) throw boundError(e);
    throw e;
  }
}

/** What parseDocument does, on tokens already parsed (and measured). */
function composeOne(tokens: CST.Token[], length: number): Document.Parsed {
  const docs = new Composer({ merge: true }).compose(tokens, true, length);
  const first = docs.next().value as Document.Parsed;
  const second = docs.next();
  if (!second.done) {
    const at = (second.value as Document.Parsed).range[0];
    first.errors.push(new YAMLParseError([at, at + 1], 'MULTIPLE_DOCS', 'A template holds one YAML document; remove the second one (after ---)'));
  }
  return first;
}

export function parseTemplateFile(file: string, display: string, cache?: ParseCache): ParsedTemplate {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new WorkbenchError('TEMPLATE_NOT_FOUND', `Cannot read the template; check the path: ${file}`, { cause: e, file });
  }
  const cached = cache?.get(text);
  if (cached) return cached;
  const parsed = parseTemplateText(text, file, display);
  cache?.set(text, parsed);
  return parsed;
}

/** Parsed templates by their text (parseCache.ts keeps them on disk for the CLI). */
export interface ParseCache {
  get(text: string): ParsedTemplate | undefined;
  set(text: string, parsed: ParsedTemplate): void;
}
