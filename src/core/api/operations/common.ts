// core/api: helpers shared by the operations: reading a JSON body, Lambda's not-found wording, headers.
import { isWorkbenchError, WorkbenchError } from '../../common/errors';
import { functionArn } from '../../model/arn';
import type { LambdaService } from '../../service';
import { LambdaApiError } from '../apiErrors';
import type { ApiRequest } from '../router';

export function jsonBody(req: ApiRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  try {
    const v: unknown = JSON.parse(req.body.toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new WorkbenchError('INVALID_REQUEST_CONTENT', `Could not parse request body into json: the ${req.method} ${req.path} request needs a JSON object.`);
}

export function header(req: ApiRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The ARN Lambda names in "Function not found" messages: the name as given, made a full ARN. */
export function notFoundArn(service: LambdaService, name: string, qualifier?: string): string {
  if (name.startsWith('arn:')) return qualifier ? `${name}:${qualifier}` : name;
  const partial = /^(\d{12}):function:(.+)$/.exec(name);
  if (partial) return functionArn(service.region, partial[1], partial[2], qualifier);
  const [fn, q] = name.split(':', 2);
  return functionArn(service.region, service.accountId, fn, qualifier ?? q);
}

/** Runs `work`; an unknown function becomes Lambda's ResourceNotFoundException wording (§5.4). */
export async function asLambdaNotFound<T>(service: LambdaService, name: string, qualifier: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isWorkbenchError(e) && e.code === 'FUNCTION_NOT_FOUND' && !(e instanceof LambdaApiError)) {
      // The engine's own wording names the ARN first ("Alias not found: arn:…. Create it with…"): the API keeps that much.
      const own = /^((?:Function|Alias) not found: arn:[^\s]+?)\.(?:\s|$)/.exec(e.message);
      throw new LambdaApiError('ResourceNotFoundException', own ? own[1] : `Function not found: ${notFoundArn(service, name, qualifier)}`, 'FUNCTION_NOT_FOUND');
    }
    throw e;
  }
}

export function qualifierOf(req: ApiRequest): string | undefined {
  const q = req.query.get('Qualifier');
  if (q === null) return undefined;
  if (!/^(\|[a-zA-Z0-9$_-]+){0,1}[a-zA-Z0-9$_-]{1,128}$/.test(q)) throw new LambdaApiError('InvalidParameterValueException', `Qualifier must be a version number, $LATEST or an alias name (1-128 characters), got "${q}".`);
  return q;
}
