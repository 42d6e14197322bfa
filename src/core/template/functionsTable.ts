// core/template: the table of Fn:: intrinsic functions, one entry each; Ref and condition lookups live in
// the Resolver (intrinsics.ts), which dispatches here.
import { isRecord } from './context';
import type { ResolveScope, Resolver } from './intrinsics';

type Impl = (r: Resolver, arg: unknown, node: Record<string, unknown>, scope: ResolveScope) => unknown;

function args(r: Resolver, fn: string, arg: unknown, min: number, node: unknown, scope: ResolveScope): unknown[] {
  if (!Array.isArray(arg) || arg.length < min) {
    throw r.ctx.error('TEMPLATE_INVALID', `"${fn}" in ${scope.where} needs a list of at least ${min} arguments`, `Check its arguments; got: ${JSON.stringify(arg)}`, r.pos(node, scope));
  }
  return arg;
}

function list(r: Resolver, fn: string, v: unknown, node: unknown, scope: ResolveScope): unknown[] {
  if (Array.isArray(v)) return v;
  throw r.ctx.error('TEMPLATE_INVALID', `"${fn}" in ${scope.where} needs a list`, `Check its arguments; got: ${JSON.stringify(v)}`, r.pos(node, scope));
}

function bool(r: Resolver, fn: string, v: unknown, node: unknown, scope: ResolveScope): boolean {
  const inner = isRecord(v) && Object.keys(v).length === 1 && typeof v.Condition === 'string' ? r.condition(v.Condition, v, scope) : r.resolve(v, scope);
  if (typeof inner === 'boolean') return inner;
  if (inner === 'true' || inner === 'false') return inner === 'true';
  throw r.ctx.error('TEMPLATE_INVALID', `"${fn}" in ${scope.where} needs conditions, not a value`, `Use Fn::Equals, Fn::And, Fn::Or, Fn::Not or a Condition; got: ${JSON.stringify(inner)}`, r.pos(node, scope));
}

/** ${Name}, ${Res.Attr}, ${!Literal}, with the optional variable map of the two-argument form. */
const sub: Impl = (r, arg, node, scope) => {
  const [template, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
  const text = r.str(r.resolve(template, scope), 'Fn::Sub', node, scope);
  const values = isRecord(vars) ? (r.resolve(vars, scope) as Record<string, unknown>) : {};
  let length = text.length;
  const counted = (s: string, placeholder: string): string => {
    length += s.length - placeholder.length;
    r.checkLength(length, 'Fn::Sub', node, scope);
    return s;
  };
  const out = text.replace(/\$\{([^}]*)\}/g, (m, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const key = name.trim();
    if (Object.prototype.hasOwnProperty.call(values, key)) return counted(r.str(values[key], 'Fn::Sub', node, scope), m);
    const dot = key.indexOf('.');
    if (dot > 0 && !key.startsWith('AWS::')) return counted(r.str(r.getAtt(key.slice(0, dot), key.slice(dot + 1), node, scope), 'Fn::Sub', node, scope), m);
    return counted(r.str(r.ref(key, node, scope), 'Fn::Sub', node, scope), m);
  });
  r.charge(out.length, 'Fn::Sub', node, scope);
  return out;
};

/** JSON.stringify, stopped (as a coded error) as soon as the text would pass the length limit. */
function boundedJson(r: Resolver, value: unknown, node: unknown, scope: ResolveScope): string {
  let length = 0;
  const text = JSON.stringify(value, (_k, v: unknown) => {
    length += typeof v === 'string' ? v.length + 3 : 8;
    r.checkLength(length, 'Fn::ToJsonString', node, scope);
    return v;
  });
  r.charge(text.length, 'Fn::ToJsonString', node, scope);
  return text;
}

export const valueFunctions: Record<string, Impl> = {
  'Fn::Sub': sub,
  'Fn::GetAtt': (r, arg, node, scope) => {
    const parts = typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : args(r, 'Fn::GetAtt', arg, 2, node, scope);
    const res = r.str(parts[0], 'Fn::GetAtt', node, scope);
    return r.getAtt(res, r.str(r.resolve(parts[1], scope), 'Fn::GetAtt', node, scope), node, scope);
  },
  'Fn::Join': (r, arg, node, scope) => {
    const [delim, items] = args(r, 'Fn::Join', arg, 2, node, scope);
    const values = list(r, 'Fn::Join', r.resolve(items, scope), node, scope);
    const parts = values.map((v) => r.str(v, 'Fn::Join', node, scope));
    const separator = r.str(delim, 'Fn::Join', node, scope);
    r.charge(parts.reduce((n, p) => n + p.length + separator.length, 0), 'Fn::Join', node, scope);
    return parts.join(separator);
  },
  'Fn::Select': (r, arg, node, scope) => {
    const [index, items] = args(r, 'Fn::Select', arg, 2, node, scope);
    const i = Number(r.resolve(index, scope));
    const values = list(r, 'Fn::Select', r.resolve(items, scope), node, scope);
    if (!Number.isInteger(i) || i < 0 || i >= values.length) {
      throw r.ctx.error('TEMPLATE_INVALID', `"Fn::Select" index ${String(index)} is out of range in ${scope.where}`, `Use an index from 0 to ${values.length - 1}`, r.pos(node, scope));
    }
    return values[i];
  },
  'Fn::Split': (r, arg, node, scope) => {
    const [delim, source] = args(r, 'Fn::Split', arg, 2, node, scope);
    return r.str(r.resolve(source, scope), 'Fn::Split', node, scope).split(r.str(delim, 'Fn::Split', node, scope));
  },
  'Fn::If': (r, arg, node, scope) => {
    const [name, whenTrue, whenFalse] = args(r, 'Fn::If', arg, 3, node, scope);
    return r.resolve(r.condition(r.str(name, 'Fn::If', node, scope), node, scope) ? whenTrue : whenFalse, scope);
  },
  'Fn::FindInMap': (r, arg, node, scope) => {
    const [map, top, second, options] = args(r, 'Fn::FindInMap', arg, 3, node, scope);
    const keys = [map, top, second].map((k) => r.str(r.resolve(k, scope), 'Fn::FindInMap', node, scope));
    const m = r.ctx.mappings[keys[0]];
    const found = isRecord(m) && isRecord(m[keys[1]]) ? (m[keys[1]] as Record<string, unknown>)[keys[2]] : undefined;
    if (found !== undefined) return r.mappingEntry(keys, found, node, scope);
    if (isRecord(options) && 'DefaultValue' in options) return r.resolve(options.DefaultValue, scope);
    throw r.ctx.error('UNRESOLVED_REFERENCE', `Mapping entry "${keys.join('.')}" used in ${scope.where} does not exist`, 'Add it under Mappings, or fix the keys', r.pos(node, scope));
  },
  'Fn::Base64': (r, arg, node, scope) => {
    const bytes = Buffer.from(r.str(r.resolve(arg, scope), 'Fn::Base64', node, scope), 'utf8');
    r.charge(Math.ceil(bytes.length / 3) * 4, 'Fn::Base64', node, scope);
    return bytes.toString('base64');
  },
  'Fn::GetAZs': (r, arg, _node, scope) => {
    const region = r.resolve(arg, scope);
    const name = typeof region === 'string' && region !== '' ? region : r.ctx.pseudo.region;
    return ['a', 'b', 'c'].map((s) => `${name}${s}`);
  },
  'Fn::ImportValue': (r, arg, node, scope) => {
    const name = r.str(r.resolve(arg, scope), 'Fn::ImportValue', node, scope);
    r.ctx.warn(`Fn::ImportValue "${name}" in ${scope.where} reads another stack's export, which is not available locally; using the export name as the value`, r.pos(node, scope));
    return name;
  },
  'Fn::Length': (r, arg, node, scope) => list(r, 'Fn::Length', r.resolve(arg, scope), node, scope).length,
  'Fn::ToJsonString': (r, arg, node, scope) => boundedJson(r, r.resolve(arg, scope), node, scope),
};

export const conditionFunctions: Record<string, Impl> = {
  'Fn::Equals': (r, arg, node, scope) => {
    const [a, b] = args(r, 'Fn::Equals', arg, 2, node, scope).map((v) => r.resolve(v, scope));
    const norm = (v: unknown): string => (['string', 'number', 'boolean'].includes(typeof v) ? String(v) : JSON.stringify(v));
    return norm(a) === norm(b);
  },
  'Fn::Not': (r, arg, node, scope) => !bool(r, 'Fn::Not', args(r, 'Fn::Not', arg, 1, node, scope)[0], node, scope),
  'Fn::And': (r, arg, node, scope) => args(r, 'Fn::And', arg, 2, node, scope).every((c) => bool(r, 'Fn::And', c, node, scope)),
  'Fn::Or': (r, arg, node, scope) => args(r, 'Fn::Or', arg, 2, node, scope).some((c) => bool(r, 'Fn::Or', c, node, scope)),
};
