// core/http/openapi: the pieces of an OpenAPI (2.0 or 3.x) document the routes need: local `$ref`s inlined, the
// function an `x-amazon-apigateway-integration` uri names (ARN, Fn::Sub left as written, ${stageVariables.x}),
// body schemas per content type and required parameters.

export type Rec = Record<string, unknown>;
export const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `#/components/schemas/Pet` → the node it points at. */
function pointer(doc: Rec, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    if (!isRec(node)) return undefined;
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** `v` with local `$ref`s replaced by what they point at (a cycle or depth past 32 stops at `{}`). */
export function inlineRefs(doc: Rec, v: unknown, depth = 0): unknown {
  if (depth > 32) return {};
  if (Array.isArray(v)) return v.map((x) => inlineRefs(doc, x, depth + 1));
  if (!isRec(v)) return v;
  if (typeof v.$ref === 'string') return inlineRefs(doc, pointer(doc, v.$ref) ?? {}, depth + 1);
  const out: Rec = {};
  for (const [k, x] of Object.entries(v)) out[k] = inlineRefs(doc, x, depth + 1);
  return out;
}

/**
 * The function (and qualifier) of an integration or authorizer uri: `…:function:<name>[:<qualifier>]/invocations`
 * after resolution, a Fn::Sub the template left unresolved (`${Fn.Arn}`), or `${stageVariables.fn}`.
 */
export function uriTarget(raw: unknown, stageVariables: Record<string, string>, functionNames: ReadonlyMap<string, string>): { functionName: string; qualifier?: string } | undefined {
  let uri = raw;
  if (isRec(uri) && uri['Fn::Sub'] !== undefined) {
    const sub = uri['Fn::Sub'];
    uri = Array.isArray(sub) ? sub[0] : sub;
  }
  if (typeof uri !== 'string') return undefined;
  const text = uri.replace(/\$\{stageVariables\.([^}]+)\}/g, (_m, n: string) => stageVariables[n] ?? '').replace(/\$\{([A-Za-z0-9]+)\.Arn\}/g, (_m, id: string) => `:function:${functionNames.get(id) ?? id}`);
  const m = /:function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?/.exec(text) ?? /^([A-Za-z0-9_-]+)$/.exec(text);
  if (!m) return undefined;
  const names = new Set(functionNames.values());
  const functionName = names.has(m[1]) ? m[1] : functionNames.get(m[1]);
  if (!functionName) return undefined;
  return m[2] ? { functionName, qualifier: m[2] } : { functionName };
}

/** Body schemas by content type: OpenAPI 3 requestBody.content, or a 2.0 `in: body` parameter. */
export function bodyModels(doc: Rec, op: Rec): Record<string, unknown> | undefined {
  const rb = inlineRefs(doc, op.requestBody);
  if (isRec(rb) && isRec(rb.content)) {
    const out: Record<string, unknown> = {};
    for (const [type, media] of Object.entries(rb.content)) if (isRec(media) && isRec(media.schema)) out[type.toLowerCase()] = media.schema;
    return Object.keys(out).length ? out : undefined;
  }
  const params = Array.isArray(op.parameters) ? op.parameters.map((p) => inlineRefs(doc, p)) : [];
  const body = params.find((p): p is Rec => isRec(p) && p.in === 'body' && isRec(p.schema));
  if (!body) return undefined;
  const consumes = Array.isArray(op.consumes) ? op.consumes : Array.isArray(doc.consumes) ? doc.consumes : ['application/json'];
  return Object.fromEntries(consumes.filter((c): c is string => typeof c === 'string').map((c) => [c.toLowerCase(), body.schema]));
}

/** `{ 'method.request.querystring.q': true }` for the required query, header and path parameters. */
export function requiredParameters(doc: Rec, lists: unknown[]): Record<string, boolean> | undefined {
  const where: Record<string, string> = { query: 'querystring', header: 'header', path: 'path' };
  const out: Record<string, boolean> = {};
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = inlineRefs(doc, raw);
      if (isRec(p) && p.required === true && typeof p.name === 'string' && typeof p.in === 'string' && where[p.in]) out[`method.request.${where[p.in]}.${p.name}`] = true;
    }
  }
  return Object.keys(out).length ? out : undefined;
}
