// core/api/awsServices: the AWS query protocol's two halves, shared by SQS's older wire format and SNS:
// form parameters (`Action=…&MessageAttribute.1.Name=…`) read into nested objects and arrays, and XML
// answers and errors written from plain objects.
import type { ServiceRequest } from './serviceProtocol';

/** The request's parameters: the URL query, then the form body (a POST's). */
export function queryParams(req: ServiceRequest): URLSearchParams {
  const out = new URLSearchParams(req.query);
  const type = String(req.headers['content-type'] ?? '');
  if (req.body.length && (type.includes('x-www-form-urlencoded') || !type)) for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) out.append(k, v);
  return out;
}

/** The Action of a query-protocol request, if it is one. */
export function queryAction(req: ServiceRequest): string | undefined {
  if (req.target) return undefined;
  const q = req.query.get('Action');
  if (q) return q;
  const type = String(req.headers['content-type'] ?? '');
  if (!type.includes('x-www-form-urlencoded')) return undefined;
  return /(?:^|&)Action=([^&]*)/.exec(req.body.toString('utf8'))?.[1];
}

/**
 * `A.1.B=x&A.2.B=y&C=z` → `{ A: [{ B: 'x' }, { B: 'y' }], C: 'z' }`: a numeric segment (1-based) indexes an array
 * under the segment before it.
 */
export function nestParams(params: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of params) {
    const parts = key.split('.');
    let cur: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]);
      const slot = Array.isArray(cur) ? Number(part) - 1 : part;
      if (Array.isArray(cur) && (!Number.isInteger(slot) || (slot as number) < 0 || (slot as number) > 10_000)) break;
      const container = cur as Record<string | number, unknown>;
      if (last) {
        container[slot] = value;
        break;
      }
      if (typeof container[slot] !== 'object' || container[slot] === null) container[slot] = nextIsIndex ? [] : {};
      cur = container[slot] as Record<string, unknown> | unknown[];
    }
  }
  return compact(root) as Record<string, unknown>;
}

/** Arrays filled by 1-based indexes: holes out. */
function compact(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(compact);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)]));
  return v;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/\r/g, '&#xD;');
}

/** How an array or a map is written: repeated `<tag>` elements (flattened), or inside `<key><member>…`. */
export type XmlShape = (key: string) => { flat?: string; member?: string; map?: [entry: string, keyTag: string, valueTag: string] } | undefined;

/** A plain object as XML elements (undefined members left out). */
export function toXml(value: Record<string, unknown>, shape: XmlShape): string {
  let out = '';
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    const s = shape(k);
    if (s?.map && typeof v === 'object' && !Array.isArray(v)) {
      const [entry, keyTag, valueTag] = s.map;
      const inner = Object.entries(v as Record<string, unknown>)
        .map(([mk, mv]) => `<${entry}><${keyTag}>${escapeXml(mk)}</${keyTag}><${valueTag}>${scalarOrXml(mv, shape)}</${valueTag}></${entry}>`)
        .join('');
      out += s.flat ? inner : `<${k}>${inner}</${k}>`;
    } else if (Array.isArray(v)) {
      const tag = s?.flat ?? s?.member ?? 'member';
      const items = v.map((x) => `<${tag}>${scalarOrXml(x, shape)}</${tag}>`).join('');
      out += s?.flat ? items : `<${k}>${items}</${k}>`;
    } else {
      out += `<${k}>${scalarOrXml(v, shape)}</${k}>`;
    }
  }
  return out;
}

function scalarOrXml(v: unknown, shape: XmlShape): string {
  if (v && typeof v === 'object') return toXml(v as Record<string, unknown>, shape);
  return escapeXml(String(v));
}

/** The whole answer: `<ActionResponse xmlns><ActionResult>…</ActionResult><ResponseMetadata>…`. */
export function xmlResponse(action: string, xmlns: string, result: Record<string, unknown> | undefined, requestId: string, shape: XmlShape): string {
  const inner = result && Object.keys(result).length ? `<${action}Result>${toXml(result, shape)}</${action}Result>` : result ? `<${action}Result/>` : '';
  return `<?xml version="1.0"?><${action}Response xmlns="${xmlns}">${inner}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

/** A query-protocol error document. */
export function xmlError(xmlns: string, type: 'Sender' | 'Receiver', code: string, message: string, requestId: string): string {
  return `<?xml version="1.0"?><ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message><Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
