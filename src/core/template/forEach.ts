// core/template: AWS::LanguageExtensions' `Fn::ForEach::<Loop>: [Identifier, Collection, {OutputKey: Fragment}]`,
// expanded in place before anything reads the section: one copy of the fragment per item, with `${Identifier}`
// (and `&{Identifier}`, non-alphanumerics removed) replaced in keys and strings and `Ref: Identifier` by the item.
import { isRecord, type TemplateContext } from './context';
import type { Resolver } from './intrinsics';

const PREFIX = 'Fn::ForEach::';

function substitute(ctx: TemplateContext, node: unknown, id: string, value: string): unknown {
  const text = (s: string) => s.split(`\${${id}}`).join(value).split(`&{${id}}`).join(value.replace(/[^A-Za-z0-9]/g, ''));
  if (typeof node === 'string') return text(node);
  if (Array.isArray(node)) return node.map((x) => substitute(ctx, x, id, value));
  if (!isRecord(node)) return node;
  if (Object.keys(node).length === 1 && node.Ref === id) return value;
  const out: Record<string, unknown> = {};
  const pos = ctx.at(node);
  if (pos) ctx.sm.setNode(out, pos);
  for (const [k, v] of Object.entries(node)) {
    const key = text(k);
    out[key] = substitute(ctx, v, id, value);
    const at = ctx.sm.key(node, k);
    if (at) ctx.sm.setKey(out, key, at);
  }
  return out;
}

/** `map` with every Fn::ForEach entry (nested ones too) replaced by its expansion. */
export function expandForEach(ctx: TemplateContext, resolver: Resolver, map: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(map).some((k) => k.startsWith(PREFIX))) return map;
  const out: Record<string, unknown> = {};
  const pos = ctx.at(map);
  if (pos) ctx.sm.setNode(out, pos);
  const put = (key: string, value: unknown, at: ReturnType<TemplateContext['at']>) => {
    if (Object.prototype.hasOwnProperty.call(out, key)) throw ctx.error('TEMPLATE_INVALID', `Fn::ForEach makes "${key}" twice`, 'Give each item its own key: use ${Identifier} in the output key', at);
    out[key] = value;
    const k = ctx.sm.key(map, key) ?? at;
    if (k) ctx.sm.setKey(out, key, k);
  };
  for (const [key, value] of Object.entries(map)) {
    const at = ctx.at(map, key);
    if (!key.startsWith(PREFIX)) {
      put(key, value, at);
      continue;
    }
    if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'string' || !isRecord(value[2])) {
      throw ctx.error('TEMPLATE_INVALID', `"${key}" must be a list of an identifier, a collection and a map of output keys to fragments`, 'Write [Name, [a, b], { "Resource${Name}": {…} }]', at);
    }
    const [id, collection, fragments] = value as [string, unknown, Record<string, unknown>];
    const items = resolver.resolve(collection, { where: `"${key}"`, pos: at });
    const list = typeof items === 'string' ? items.split(',') : items;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' || typeof x === 'number')) {
      throw ctx.error('TEMPLATE_INVALID', `The collection of "${key}" is not a list of strings`, 'Give a list, or a Ref to a CommaDelimitedList parameter', at);
    }
    for (const item of list) {
      const expanded = expandForEach(ctx, resolver, substitute(ctx, fragments, id, String(item)) as Record<string, unknown>);
      for (const [k, v] of Object.entries(expanded)) put(k, v, ctx.sm.key(expanded, k) ?? at);
    }
  }
  return out;
}
