// core/http/auth: evaluates the IAM policy a Lambda authorizer returns against the request's execute-api ARN:
// an explicit Deny wins, then any Allow; `*` and `?` wildcards in Action and Resource, as IAM matches them.

export type PolicyVerdict = 'allow' | 'deny' | 'none';

function asList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

function glob(pattern: string, value: string, ignoreCase: boolean): boolean {
  const re = '^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$';
  return new RegExp(re, ignoreCase ? 'is' : 's').test(value);
}

/** Whether `doc` looks like a policy document (Statement present); an authorizer answer without one is a configuration error. */
export function isPolicyDocument(doc: unknown): doc is { Statement: unknown } {
  return typeof doc === 'object' && doc !== null && 'Statement' in doc && (Array.isArray((doc as { Statement: unknown }).Statement) || typeof (doc as { Statement: unknown }).Statement === 'object');
}

/** The verdict of `doc` for `execute-api:Invoke` on `arn`. */
export function evaluatePolicy(doc: { Statement: unknown }, arn: string): PolicyVerdict {
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  let allowed = false;
  for (const st of statements) {
    if (typeof st !== 'object' || st === null) continue;
    const s = st as Record<string, unknown>;
    const actionOk = asList(s.Action).some((a) => glob(a, 'execute-api:Invoke', true));
    const resourceOk = asList(s.Resource).some((r) => glob(r, arn, false));
    if (!actionOk || !resourceOk) continue;
    const effect = typeof s.Effect === 'string' ? s.Effect.toLowerCase() : '';
    if (effect === 'deny') return 'deny';
    if (effect === 'allow') allowed = true;
  }
  return allowed ? 'allow' : 'none';
}

/** `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path without the leading slash>`. */
export function executeApiArn(region: string, accountId: string, apiId: string, stage: string, method: string, path: string): string {
  return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${method}/${path.replace(/^\//, '')}`;
}
