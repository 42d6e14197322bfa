// core/template: the Parameters section: Default and --parameter-overrides, typed as CloudFormation types
// them (Number, CommaDelimitedList, List<…>), checked against AllowedValues, AllowedPattern and Min/MaxValue.
import { createContext, runInContext } from 'node:vm';
import { isRecord, type ParamValue, type TemplateContext } from './context';
import { TEMPLATE_LIMITS } from './limits';

/** A value as it may appear in a message: NoEcho parameters hold secrets, so theirs never do. */
function shown(decl: Record<string, unknown>, v: unknown): string {
  return decl.NoEcho === true || decl.NoEcho === 'true' ? '(hidden: NoEcho)' : `"${String(v)}"`;
}

function typed(ctx: TemplateContext, name: string, decl: Record<string, unknown>, raw: string, pos: ReturnType<TemplateContext['at']>): ParamValue {
  const type = typeof decl.Type === 'string' ? decl.Type : 'String';
  const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
  if (type === 'Number') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) {
      throw ctx.error('INVALID_PARAMETER', `Parameter "${name}" has Type Number`, `Pass a number, not: ${shown(decl, raw)}`, pos);
    }
    return n;
  }
  if (!isList) return raw;
  const items = raw === '' ? [] : raw.split(',').map((s) => s.trim());
  if (type === 'List<Number>') {
    const bad = items.find((s) => s === '' || !Number.isFinite(Number(s)));
    if (bad !== undefined) {
      throw ctx.error('INVALID_PARAMETER', `Parameter "${name}" has Type List<Number>`, `Every item must be a number, not: ${shown(decl, bad)}`, pos);
    }
  }
  return items;
}

function check(ctx: TemplateContext, name: string, decl: Record<string, unknown>, raw: string, value: ParamValue, pos: ReturnType<TemplateContext['at']>): void {
  const values = Array.isArray(value) ? value : [String(raw)];
  const allowed = decl.AllowedValues;
  if (Array.isArray(allowed)) {
    const allowedStr = allowed.map(String);
    const bad = values.find((v) => !allowedStr.includes(String(v)));
    if (bad !== undefined) {
      throw ctx.error(
        'INVALID_PARAMETER',
        `Parameter "${name}" does not allow the value ${shown(decl, bad)}`,
        `Use one of: ${allowedStr.join(', ')}`,
        pos,
      );
    }
  }
  if (typeof decl.AllowedPattern === 'string') {
    const pattern = decl.AllowedPattern;
    const bad = values.find((v) => !patternMatches(ctx, name, pattern, String(v), pos));
    if (bad !== undefined) {
      throw ctx.error('INVALID_PARAMETER', `Parameter "${name}" value ${shown(decl, bad)} does not match AllowedPattern`, `Use a value matching: ${decl.AllowedPattern}`, pos);
    }
  }
  if (typeof value === 'number') {
    const min = decl.MinValue !== undefined ? Number(decl.MinValue) : -Infinity;
    const max = decl.MaxValue !== undefined ? Number(decl.MaxValue) : Infinity;
    if (value < min || value > max) {
      throw ctx.error('INVALID_PARAMETER', `Parameter "${name}" value ${shown(decl, value)} is out of range`, `Use a number from ${min} to ${max}`, pos);
    }
  }
}

/** Where AllowedPattern runs: a vm context, because only a vm timeout can stop a regex that backtracks. */
let patternSandbox: { context: object; test: (pattern: string, value: string) => boolean } | undefined;

function patternMatches(ctx: TemplateContext, name: string, pattern: string, value: string, pos: ReturnType<TemplateContext['at']>): boolean {
  try {
    new RegExp(pattern);
  } catch (e) {
    throw ctx.error('TEMPLATE_INVALID', `AllowedPattern of parameter "${name}" is not a valid regular expression`, `Fix the pattern: ${(e as Error).message}`, pos, e);
  }
  if (!patternSandbox) {
    const context = createContext({});
    patternSandbox = { context, test: runInContext('(p, v) => new RegExp(`^(?:${p})$`).test(v)', context) as (p: string, v: string) => boolean };
  }
  const sandbox = patternSandbox;
  try {
    return runInContext('test(pattern, value)', Object.assign(sandbox.context, { test: sandbox.test, pattern, value }), { timeout: TEMPLATE_LIMITS.patternTimeoutMs }) as boolean;
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw e;
    throw ctx.error('TEMPLATE_INVALID', `AllowedPattern of parameter "${name}" takes longer than ${TEMPLATE_LIMITS.patternTimeoutMs} ms to check a value`, 'Simplify the pattern: nested repetition such as (a+)+ backtracks without end', pos, e);
  }
}

/** Fills ctx.params from the template's Parameters and the overrides; unknown overrides become warnings. */
export function loadParameters(ctx: TemplateContext, section: unknown, overrides: Record<string, string>): void {
  const decls = isRecord(section) ? section : {};
  for (const [name, declRaw] of Object.entries(decls)) {
    const decl = isRecord(declRaw) ? declRaw : {};
    const type = typeof decl.Type === 'string' ? decl.Type : 'String';
    const given = Object.prototype.hasOwnProperty.call(overrides, name) ? overrides[name] : undefined;
    const fallback = decl.Default;
    const raw = given ?? (fallback === undefined || fallback === null ? undefined : Array.isArray(fallback) ? fallback.join(',') : String(fallback));
    if (raw === undefined) {
      ctx.missingParams.add(name);
      continue;
    }
    if (type.startsWith('AWS::SSM::Parameter::Value<') && given === undefined) {
      ctx.warn(`Parameter "${name}" reads SSM Parameter Store, which is not available locally; using its Default as the value`);
    }
    const pos = ctx.at(decls, name);
    const value = typed(ctx, name, decl, raw, pos);
    check(ctx, name, decl, raw, value, pos);
    ctx.params.set(name, value);
  }
  for (const name of Object.keys(overrides)) {
    if (!Object.prototype.hasOwnProperty.call(decls, name)) {
      ctx.warn(`Parameter override "${name}" is not declared under Parameters in the template; ignored`);
    }
  }
}
