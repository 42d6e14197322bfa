// core/template: environment variables: the template's Environment.Variables (names checked, values
// stringified as CloudFormation does) and the --env-vars file layered on top. Values never appear in messages.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { WorkbenchError } from '../common/errors';
import type { FunctionConfig } from '../model/functionConfig';
import { isRecord, type TemplateContext } from './context';
import { parse as parseDotenv } from 'dotenv';
import { parseTemplateText, type SourceMap, type SourcePos } from './parse';

/** Names Lambda reserves (lambda-semantics.md §2.5); setting one in function configuration is rejected. */
export const RESERVED_ENV_VARS: ReadonlySet<string> = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);
const NAME_RE = /^[a-zA-Z][a-zA-Z0-9_]+$/;

/** Why `name` cannot be set, or undefined when it can. */
export function envNameProblem(name: string): string | undefined {
  if (RESERVED_ENV_VARS.has(name)) return `Environment variable "${name}" is reserved by Lambda`;
  if (!NAME_RE.test(name)) return `Environment variable name "${name}" is not valid`;
  return undefined;
}
const NAME_HINT = 'Rename it: names match [a-zA-Z][a-zA-Z0-9_]+ and must not be one Lambda sets itself (AWS_REGION, _HANDLER, …)';

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v === null ? '' : undefined;
}

/** Resolved Environment.Variables → strings; `raw` is the map as written (for positions). */
export function templateEnvironment(ctx: TemplateContext, resolved: unknown, raw: unknown, owner: string, pos?: SourcePos): Record<string, string> {
  if (resolved === undefined) return {};
  if (!isRecord(resolved)) {
    throw ctx.error('TEMPLATE_INVALID', `Environment.Variables of ${owner} must be a map`, 'Write it as NAME: value pairs', pos);
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(resolved)) {
    const at = ctx.at(raw, name) ?? pos;
    const problem = envNameProblem(name);
    if (problem) throw ctx.error('INVALID_PARAMETER', `${problem} in ${owner}`, NAME_HINT, at);
    const s = scalar(value);
    if (s === undefined) {
      throw ctx.error('TEMPLATE_INVALID', `Environment variable "${name}" of ${owner} is not a string, number or boolean`, 'Give it a scalar value (or an intrinsic that resolves to one)', at);
    }
    env[name] = s;
  }
  return env;
}

export interface EnvVarsFile {
  path: string;
  entries: Record<string, Record<string, string>>;
  /** Values SAM blanks (null, objects, lists), named without their values. */
  warnings: string[];
}

function fileError(path: string, what: string, hint: string, pos?: SourcePos, cause?: unknown): WorkbenchError {
  const where = pos ? ` (${basename(path)}:${pos.line}:${pos.column})` : ` (${basename(path)})`;
  return new WorkbenchError('ENV_VARS_FILE', `${what}${where}. ${hint}`, { file: path, line: pos?.line, column: pos?.column, cause });
}

/** A dotenv file (`.env`, `.env.local`, `prod.env`), or one without an extension that is not JSON. */
function isDotenv(path: string, text: string): boolean {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.json')) return false;
  if (/(^|\.)env(\.[^.]+)?$/.test(name)) return true;
  return !name.includes('.') && !text.trimStart().startsWith('{');
}

function checkedName(path: string, entry: string, name: string, at: SourcePos | undefined): void {
  const problem = envNameProblem(name);
  if (problem) throw new WorkbenchError('INVALID_PARAMETER', `${problem} in env-vars entry "${entry}" (${basename(path)}:${at?.line ?? 1}). ${NAME_HINT}`, { file: path, line: at?.line, column: at?.column });
}

/** A `.env` file's variables apply to every function, as the JSON file's "Parameters" do. */
function readDotenv(path: string, text: string): EnvVarsFile {
  const vars = parseDotenv(text);
  const lines = text.split(/\r?\n/);
  for (const name of Object.keys(vars)) {
    const line = lines.findIndex((l) => new RegExp(`^\\s*(export\\s+)?${name.replace(/[.-]/g, '\\$&')}\\s*[=:]`).test(l)) + 1;
    checkedName(path, 'Parameters', name, line > 0 ? { line, column: 1 } : undefined);
  }
  return { path, entries: { Parameters: vars }, warnings: [] };
}

/**
 * Reads SAM's env-vars JSON, `{ "<LogicalId|FunctionName|Stack/LogicalId>": {K: V}, "Parameters": {K: V} }`,
 * or a `.env` file. The JSON must be JSON (RFC 8259), never read as YAML.
 */
export function readEnvVarsFile(path: string): EnvVarsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw fileError(path, 'Cannot read the env-vars file', `Check the --env-vars path: ${path}`, undefined, e);
  }
  if (isDotenv(path, text)) return readDotenv(path, text);
  let data: unknown;
  let sm: SourceMap | undefined;
  try {
    ({ data, sourceMap: sm } = parseTemplateText(text, path.toLowerCase().endsWith('.json') ? path : `${path}.json`, basename(path)));
  } catch (e) {
    const err = e as WorkbenchError;
    const pos = err.line ? { line: err.line, column: err.column ?? 1 } : undefined;
    const reason = /:\d+:\d+: (.*)$/.exec(err.message)?.[1];
    throw fileError(path, 'Env-vars file is not valid JSON', reason ? `Fix the syntax there: ${reason}` : 'Fix the syntax there', pos);
  }
  if (!isRecord(data)) throw fileError(path, 'Env-vars file must hold a JSON object', 'Write { "FunctionLogicalId": { "NAME": "value" }, "Parameters": { … } }');
  const entries: Record<string, Record<string, string>> = {};
  const warnings: string[] = [];
  for (const [entry, vars] of Object.entries(data)) {
    if (!isRecord(vars)) throw fileError(path, `Env-vars entry "${entry}" must be an object of NAME: value`, 'Wrap the variables in an object', sm?.key(data, entry));
    entries[entry] = {};
    for (const [name, value] of Object.entries(vars)) {
      const at = sm?.key(vars, name);
      checkedName(path, entry, name, at);
      const s = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
      if (s === undefined) {
        // SAM blanks null, objects and lists (samcli/local/lambdafn/env_vars.py, _stringify_value).
        warnings.push(`Env-vars value of "${name}" in entry "${entry}" is ${value === null ? 'null' : Array.isArray(value) ? 'a list' : 'an object'} (${basename(path)}:${at?.line ?? 1}); the function gets "" as with SAM CLI`);
      }
      entries[entry][name] = s ?? '';
    }
  }
  return { path, entries, warnings };
}

/**
 * SAM's precedence for a variable the template declares: a shell variable of the same name replaces the
 * template's value (the env-vars file, applied after, replaces both). Undeclared shell variables stay out.
 */
export function applyShellEnvironment(shell: Readonly<Record<string, string | undefined>>, functions: FunctionConfig[]): void {
  for (const fn of functions) {
    for (const name of Object.keys(fn.environment)) {
      const v = shell[name];
      if (v !== undefined) fn.environment[name] = v;
    }
  }
}

/** `"A", "B" and "C"`, or the first five and how many more. */
function quotedList(names: string[]): string {
  const shown = names.slice(0, 5).map((n) => `"${n}"`);
  if (names.length > 5) return `${shown.join(', ')} and ${names.length - 5} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown.join('');
}

/**
 * Applies the file to each function: Parameters first, then the function's own entry (by logical id, else by
 * function name, as SAM looks it up). Unlike SAM, undeclared names are applied too, with a warning: one per
 * Parameters name (naming every function that lacks it) and one per name of a function's own entry.
 */
export function applyEnvVarsFile(file: EnvVarsFile, functions: FunctionConfig[], warnings: string[]): void {
  const name = basename(file.path);
  warnings.push(...file.warnings);
  const shared = file.entries.Parameters ?? {};
  const used = new Set<string>(['Parameters']);
  const declaredBy = new Map(functions.map((fn) => [fn, new Set(Object.keys(fn.environment))]));
  for (const key of Object.keys(shared)) {
    const lacking = functions.filter((fn) => !declaredBy.get(fn)?.has(key)).map((fn) => fn.logicalId);
    if (lacking.length > 0) warnings.push(`Env-vars file "${name}" sets "${key}" for every function (under "Parameters"), but the Environment.Variables of ${lacking.length > 1 ? 'functions' : 'function'} ${quotedList(lacking)} in the template ${lacking.length > 1 ? 'do' : 'does'} not declare it; applied anyway`);
  }
  for (const fn of functions) {
    const declared = declaredBy.get(fn) ?? new Set<string>();
    const ownKey = file.entries[fn.logicalId] ? fn.logicalId : file.entries[fn.functionName] ? fn.functionName : undefined;
    if (ownKey) used.add(ownKey);
    const own = ownKey ? file.entries[ownKey] : {};
    for (const [key, value] of Object.entries(shared)) fn.environment[key] = value;
    for (const [key, value] of Object.entries(own)) {
      if (!declared.has(key) && !Object.prototype.hasOwnProperty.call(shared, key)) {
        warnings.push(`Env-vars file "${name}" sets "${key}" for function "${fn.logicalId}", which its Environment.Variables in the template does not declare; applied anyway`);
      }
      fn.environment[key] = value;
    }
  }
  for (const entry of Object.keys(file.entries)) {
    if (!used.has(entry)) warnings.push(`Env-vars file "${name}" has an entry "${entry}" that matches no function's logical id or name; ignored`);
  }
}
