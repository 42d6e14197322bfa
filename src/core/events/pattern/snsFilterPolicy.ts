// core/events/pattern: SNS subscription filter policies on the shared matcher. Scope MessageAttributes (the
// default) matches the message's attributes by name — String (and String.*) as strings, Number (and
// Number.*) as numbers, String.Array as its JSON array (each element matched), Binary never; scope
// MessageBody matches the message parsed as JSON (a body that is not a JSON object matches nothing).
import type { MessageAttribute } from '../resourceTypes';
import { compilePattern } from './compilePattern';

export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** Whether a published message (body and attributes) passes a subscription's filter. */
export type MessageFilter = (message: string, attributes: Record<string, MessageAttribute>) => boolean;

/** The attributes as the matcher sees them under scope MessageAttributes. */
export function attributesEvent(attributes: Record<string, MessageAttribute>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(attributes)) {
    const value = a.StringValue;
    if (value === undefined) continue;
    if (a.DataType === 'Number' || a.DataType.startsWith('Number.')) {
      const n = Number(value);
      if (Number.isFinite(n)) out[name] = n;
    } else if (a.DataType === 'String.Array') {
      try {
        const arr: unknown = JSON.parse(value);
        if (Array.isArray(arr)) out[name] = arr;
      } catch {
        // Not a JSON array: SNS rejects it at publish; here it just matches nothing.
      }
    } else if (a.DataType === 'String' || a.DataType.startsWith('String.')) {
      out[name] = value;
    }
  }
  return out;
}

/** Compiles a FilterPolicy (object or JSON string); throws INVALID_EVENT_PATTERN in SNS's words. */
export function compileFilterPolicy(policy: unknown, scope: FilterPolicyScope = 'MessageAttributes', what?: string): MessageFilter {
  if (scope === 'MessageBody') {
    const match = compilePattern(policy, { dialect: 'sns-body', what });
    return (message) => {
      let body: unknown;
      try {
        body = JSON.parse(message);
      } catch {
        return false;
      }
      return typeof body === 'object' && body !== null && !Array.isArray(body) && match(body);
    };
  }
  const match = compilePattern(policy, { dialect: 'sns-attributes', what });
  return (_message, attributes) => match(attributesEvent(attributes));
}
