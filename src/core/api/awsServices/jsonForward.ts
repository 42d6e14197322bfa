// core/api/awsServices: what the JSON-protocol rows (EventBridge, Kinesis, DynamoDB) share: reading the JSON body,
// and handing a request to the engine that owns this state directory's resources (store/engineLock.ts) — the same
// request, sent on; its answer is ours.
import type { ApiResponse } from '../router';
import type { ServiceRequest } from './serviceProtocol';

/** The request's JSON body ({} when empty), or undefined when it is not JSON. */
export function jsonInput<T>(req: ServiceRequest): T | undefined {
  try {
    return (req.body.length ? JSON.parse(req.body.toString('utf8')) : {}) as T;
  } catch {
    return undefined;
  }
}

/**
 * Sends the request on to the owning engine at `url` and answers with its status, body and error type. When the
 * owner does not answer, `unreachable(reason)` gives the service's own error (nothing was done).
 */
export async function forwardToOwner(url: string, req: ServiceRequest, contentType: string, unreachable: (reason: string) => ApiResponse): Promise<ApiResponse> {
  try {
    const res = await fetch(new URL('/', url), { method: 'POST', headers: { 'Content-Type': contentType, 'X-Amz-Target': req.target ?? '' }, body: new Uint8Array(req.body) });
    const type = res.headers.get('x-amzn-ErrorType');
    return { status: res.status, headers: { 'Content-Type': contentType, ...(type ? { 'x-amzn-ErrorType': type } : {}) }, body: Buffer.from(await res.arrayBuffer()) };
  } catch (e) {
    return unreachable((e as Error).message);
  }
}
