// core/events/bus: what a rule target receives — the event itself, a constant `Input`, the part of the event
// an `InputPath` selects, or an `InputTransformer`'s template filled from its `InputPathsMap` (EventBridge's
// rules: a placeholder inside a JSON string gets the value's text, one outside gets the value as JSON; the
// predefined <aws.events.rule-arn>, <aws.events.rule-name>, <aws.events.event>, <aws.events.event.json> and
// <aws.events.event.ingestion-time> are always there).
import { WorkbenchError } from '../../common/errors';
import type { RuleTarget } from '../resourceTypes';

/** The value at a JSONPath of the simple kind EventBridge takes ($, $.a.b, $.a[0], $['a-b']); undefined if absent. */
export function jsonPath(value: unknown, path: string): unknown {
  if (!path.startsWith('$')) throw new WorkbenchError('INVALID_PARAMETER', `InputPath "${path}" is not a JSONPath: it must start with "$".`);
  let v = value;
  const re = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) throw new WorkbenchError('INVALID_PARAMETER', `InputPath "${path}" is not a JSONPath this engine reads (use $.a.b, $.a[0] or $['a-b']).`);
    const key = m[1] ?? m[3] ?? m[4];
    if (v === null || typeof v !== 'object') return undefined;
    v = key !== undefined ? (v as Record<string, unknown>)[key] : (v as unknown[])[Number(m[2])];
  }
  return v;
}

export interface TargetContext {
  ruleArn: string;
  ruleName: string;
}

/** The payload text a target gets for an event (the full envelope, or what the target's input settings make of it). */
export function targetInput(target: RuleTarget, event: Record<string, unknown>, ctx: TargetContext): string {
  if (target.input !== undefined) return target.input;
  if (target.inputPath !== undefined) return JSON.stringify(jsonPath(event, target.inputPath) ?? null);
  const t = target.inputTransformer;
  if (!t) return JSON.stringify(event);
  const vars: Record<string, unknown> = {
    'aws.events.rule-arn': ctx.ruleArn,
    'aws.events.rule-name': ctx.ruleName,
    'aws.events.event.ingestion-time': event.time,
    'aws.events.event': event,
    'aws.events.event.json': event,
  };
  for (const [name, p] of Object.entries(t.inputPathsMap ?? {})) vars[name] = jsonPath(event, p);
  return fillTemplate(t.inputTemplate, vars);
}

/** Replaces <name> placeholders, quoting by position: inside a JSON string the text, outside the JSON value. */
export function fillTemplate(template: string, vars: Record<string, unknown>): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '\\' && inString) {
      out += c + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    const m = c === '<' ? /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i)) : null;
    if (m && m[1] in vars) {
      const v = vars[m[1]];
      if (inString) out += v === undefined || v === null ? '' : typeof v === 'string' ? JSON.stringify(v).slice(1, -1) : JSON.stringify(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
      else out += v === undefined ? 'null' : JSON.stringify(v);
      i += m[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}
