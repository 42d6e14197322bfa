// core/template: --parameter-overrides in every form SAM CLI takes: `K=V K2="a b"` (quoted, escaped),
// `ParameterKey=K,ParameterValue=V`, `file://params.json|yaml` (an object, `{"Parameters": {…}}`, or a list of
// `K=V` strings or of CloudFormation's `{ParameterKey, ParameterValue}`), and pseudo parameters (`AWS::Region=…`).
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { WorkbenchError } from '../common/errors';
import { isRecord } from './context';

const HINT = 'Use Name=Value (quote values with spaces: Name="a b"), ParameterKey=Name,ParameterValue=Value, or file://params.json';

/** `text` split at whitespace outside quotes; a backslash escapes the next character (kept for unquote). */
function tokens(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      cur += c + text[++i];
      started = true;
    } else if (quote) {
      cur += c;
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      cur += c;
      quote = c;
      started = true;
    } else if (/\s/.test(c)) {
      if (started) out.push(cur);
      cur = '';
      started = false;
    } else {
      cur += c;
      started = true;
    }
  }
  if (quote) throw new WorkbenchError('INVALID_PARAMETER', `Bad --parameter-overrides: a ${quote === '"' ? 'double' : 'single'} quote is not closed. ${HINT}.`);
  if (started) out.push(cur);
  return out;
}

/** SAM's unquoting: wrapping quotes go, and `\ `, `\"`, `\'` become the character. */
function unquote(v: string): string {
  const wrapped = v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0];
  return (wrapped ? v.slice(1, -1) : v).replace(/\\([ "'\\])/g, '$1');
}

/** Index of the first `=` outside quotes. */
function equalsAt(token: string): number {
  let quote: string | undefined;
  for (let i = 0; i < token.length; i++) {
    const c = token[i];
    if (c === '\\') i++;
    else if (quote) quote = c === quote ? undefined : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '=') return i;
  }
  return -1;
}

function scalarOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join(',');
  return undefined;
}

/** A `file://` parameters file (JSON or YAML), relative to `cwd`. */
function readParametersFile(ref: string, cwd: string, out: Record<string, string>): void {
  const path = resolve(cwd, ref.slice('file://'.length));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new WorkbenchError('INVALID_PARAMETER', `Cannot read the --parameter-overrides file; check the path: ${path}`, { cause: e, file: path });
  }
  const bad = (why: string, cause?: unknown) => new WorkbenchError('INVALID_PARAMETER', `Parameters file ${basename(path)} ${why}. Write {"Name": "Value"}, [{"ParameterKey": "Name", "ParameterValue": "Value"}] or ["Name=Value"]: ${path}`, { cause, file: path });
  let data: unknown;
  try {
    data = path.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    // The parsers' messages quote the text, which may hold secrets: only the kind of file is said.
    throw bad(`is not valid ${path.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML'}`, e);
  }
  if (isRecord(data) && isRecord(data.Parameters) && Object.keys(data).every((k) => k === 'Parameters' || k === 'Tags' || k === 'StackPolicy')) data = data.Parameters;
  if (Array.isArray(data)) {
    for (const item of data) {
      if (typeof item === 'string') Object.assign(out, parseParameterOverrides([item], cwd));
      else if (isRecord(item) && typeof item.ParameterKey === 'string' && scalarOf(item.ParameterValue) !== undefined) out[item.ParameterKey] = scalarOf(item.ParameterValue)!;
      else if (isRecord(item) && typeof item.ParameterKey === 'string' && item.UsePreviousValue !== undefined) continue;
      else throw bad('has a list item that is neither "Name=Value" nor {ParameterKey, ParameterValue}');
    }
    return;
  }
  if (!isRecord(data)) throw bad('holds neither an object nor a list');
  for (const [k, v] of Object.entries(data)) {
    const s = scalarOf(v);
    if (s === undefined) throw bad(`gives "${k}" a value that is not a string, number or list`);
    out[k] = s;
  }
}

/** Parses --parameter-overrides arguments (each may hold several space-separated entries) into Name → value. */
export function parseParameterOverrides(items: readonly string[], cwd: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    for (const token of tokens(item)) {
      if (token.startsWith('file://')) {
        readParametersFile(unquote(token), cwd, out);
        continue;
      }
      const sam = /^ParameterKey=(.+?),ParameterValue=(.*)$/s.exec(token);
      if (sam) {
        out[unquote(sam[1])] = unquote(sam[2]);
        continue;
      }
      const eq = equalsAt(token);
      if (eq <= 0) throw new WorkbenchError('INVALID_PARAMETER', `Bad --parameter-overrides entry "${token.split('=')[0]}". ${HINT}.`);
      out[unquote(token.slice(0, eq))] = unquote(token.slice(eq + 1));
    }
  }
  return out;
}

export interface PseudoOverrides {
  region?: string;
  accountId?: string;
  stackName?: string;
}

const PSEUDO: Record<string, keyof PseudoOverrides> = { 'AWS::Region': 'region', 'AWS::AccountId': 'accountId', 'AWS::StackName': 'stackName' };

/** Separates pseudo parameters (`AWS::Region=…`) from the template's own; other `AWS::` names are `unknown`. */
export function splitPseudoOverrides(overrides: Record<string, string>): { pseudo: PseudoOverrides; parameters: Record<string, string>; unknown: string[] } {
  const pseudo: PseudoOverrides = {};
  const parameters: Record<string, string> = {};
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(overrides)) {
    if (!k.startsWith('AWS::')) parameters[k] = v;
    else if (PSEUDO[k]) pseudo[PSEUDO[k]] = v;
    else unknown.push(k);
  }
  return { pseudo, parameters, unknown };
}
