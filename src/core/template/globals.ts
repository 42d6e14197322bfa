// core/template: merges the Globals.Function section into each AWS::Serverless::Function the way the SAM
// translator does (samtranslator/plugins/globals/globals.py), before intrinsics are resolved.
import { isRecord } from './context';
import type { SourceMap } from './parse';

/**
 * SAM's rules: an intrinsic function counts as a scalar; a scalar (or a type mismatch) takes the resource's
 * value; maps merge key by key with the resource winning; lists concatenate, Globals first.
 * Exception: Architectures is replaced, not concatenated — a function has exactly one architecture, and a
 * concatenated list is rejected by Lambda (SAM is moving the same way: aws/serverless-application-model#3945).
 */
const REPLACED_LISTS = new Set(['Architectures']);

function isIntrinsic(v: unknown): boolean {
  if (!isRecord(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'));
}

function kind(v: unknown): 'map' | 'list' | 'scalar' {
  if (Array.isArray(v)) return 'list';
  return isRecord(v) && !isIntrinsic(v) ? 'map' : 'scalar';
}

function merge(global: unknown, local: unknown, path: string, sm: SourceMap): unknown {
  const kg = kind(global);
  if (kg !== kind(local) || kg === 'scalar') return local;
  if (kg === 'list') return REPLACED_LISTS.has(path) ? local : [...(global as unknown[]), ...(local as unknown[])];
  const g = global as Record<string, unknown>;
  const l = local as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const pos = sm.node(l) ?? sm.node(g);
  if (pos) sm.setNode(out, pos);
  for (const key of new Set([...Object.keys(g), ...Object.keys(l)])) {
    const inLocal = Object.prototype.hasOwnProperty.call(l, key);
    const inGlobal = Object.prototype.hasOwnProperty.call(g, key);
    out[key] = inLocal && inGlobal ? merge(g[key], l[key], path ? `${path}.${key}` : key, sm) : inLocal ? l[key] : g[key];
    const keyPos = (inLocal ? sm.key(l, key) : undefined) ?? sm.key(g, key);
    if (keyPos) sm.setKey(out, key, keyPos);
  }
  return out;
}

/** Properties of a serverless function with Globals.Function applied; positions follow each value's origin. */
export function applyFunctionGlobals(globalFunction: unknown, properties: Record<string, unknown>, sm: SourceMap): Record<string, unknown> {
  if (!isRecord(globalFunction)) return properties;
  return merge(globalFunction, properties, '', sm) as Record<string, unknown>;
}
