// core/events/table: DynamoDB JSON (attribute values `{"S": …}`, `{"N": "101"}`, …): recognising it, making it
// from plain JSON (for the CLI), and DynamoDB's item-size rules, which a stream record's SizeBytes follows
// (§11.4: the docs' sample records — Keys {Id: N 101} with NewImage {Message: S "New item!"} — are 26 bytes).
import { StreamError } from '../stream/streamErrors';

export type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

const TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);

function isAttributeValue(v: unknown): v is AttributeValue {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && TYPES.has(keys[0]);
}

/** Whether every top-level value is a DynamoDB attribute value. */
export function isDynamoItem(v: unknown): v is Item {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 && Object.values(v).every(isAttributeValue);
}

export function marshalValue(v: unknown): AttributeValue {
  if (v === null || v === undefined) return { NULL: true };
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number') return { N: String(v) };
  if (typeof v === 'boolean') return { BOOL: v };
  if (Array.isArray(v)) return { L: v.map(marshalValue) };
  if (typeof v === 'object') return { M: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, marshalValue(x)])) };
  throw new StreamError('ValidationException', `A value of type ${typeof v} cannot be stored in an item.`);
}

/** An item given as DynamoDB JSON is kept as it is; plain JSON is converted. */
export function toItem(v: unknown): Item {
  if (isDynamoItem(v)) return v;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new StreamError('ValidationException', 'An item must be a JSON object (DynamoDB JSON such as {"id":{"S":"1"}} or plain JSON such as {"id":"1"}).');
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, marshalValue(x)]));
}

function numberSize(n: string): number {
  const digits = n.replace(/^[-+]/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

function valueSize(v: AttributeValue): number {
  const [type, x] = Object.entries(v)[0];
  switch (type) {
    case 'S':
      return Buffer.byteLength(String(x));
    case 'N':
      return numberSize(String(x));
    case 'B':
      return Buffer.from(String(x), 'base64').length;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
      return (x as string[]).reduce((n, s) => n + Buffer.byteLength(s), 0);
    case 'NS':
      return (x as string[]).reduce((n, s) => n + numberSize(s), 0);
    case 'BS':
      return (x as string[]).reduce((n, s) => n + Buffer.from(s, 'base64').length, 0);
    case 'L':
      return 3 + (x as AttributeValue[]).reduce((n, e) => n + 1 + valueSize(e), 0);
    case 'M':
      return 3 + Object.entries(x as Item).reduce((n, [k, e]) => n + 1 + Buffer.byteLength(k) + valueSize(e), 0);
    default:
      return 0;
  }
}

/** DynamoDB's size of an item: attribute name bytes plus value sizes. */
export function itemSize(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + valueSize(v), 0);
}
