// core/invoke/async: an `Event` invoke handed to the engine that runs this state directory's queues
// (store/engineLock.ts), through its Lambda API exactly as an SDK would send it. The 202 comes once that
// engine has the event on disk, so nothing accepted here is lost with this engine.
import { WorkbenchError, type ErrorCode } from '../../common/errors';
import type { LockHolder } from '../../store/engineLock';
import type { AcceptOptions } from './asyncInvocations';

/** Lambda API error types → this engine's codes, for the errors a forwarded event can meet. */
const CODES: Record<string, ErrorCode> = {
  ResourceNotFoundException: 'FUNCTION_NOT_FOUND',
  RequestTooLargeException: 'REQUEST_TOO_LARGE',
  InvalidRequestContentException: 'INVALID_REQUEST_CONTENT',
  InvalidParameterValueException: 'INVALID_PARAMETER',
};

export async function forwardEvent(holder: LockHolder, functionName: string, payload: Buffer | string, options: AcceptOptions): Promise<{ requestId: string }> {
  const url = new URL(`/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`, holder.url);
  if (options.qualifier) url.searchParams.set('Qualifier', options.qualifier);
  const headers: Record<string, string> = { 'X-Amz-Invocation-Type': 'Event', 'Content-Type': 'application/json' };
  if (options.clientContext) headers['X-Amz-Client-Context'] = options.clientContext;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: typeof payload === 'string' ? payload : new Uint8Array(payload) });
  } catch (e) {
    throw new WorkbenchError(
      'QUEUES_ELSEWHERE',
      `The queues of this state directory are run by another engine (pid ${holder.pid}, ${holder.origin}), which did not answer at ${holder.url}: ${(e as Error).message}. The event was not queued.`,
      { cause: e },
    );
  }
  const text = await res.text();
  if (res.status === 202) return { requestId: res.headers.get('x-amzn-RequestId') ?? '' };
  let type = res.headers.get('x-amzn-ErrorType') ?? '';
  let message = text;
  try {
    const body = JSON.parse(text) as { Message?: string; message?: string; Type?: string };
    message = body.Message ?? body.message ?? text;
  } catch {
    // not JSON: the text is the message
  }
  type = type.split(':')[0];
  throw new WorkbenchError(CODES[type] ?? 'QUEUES_ELSEWHERE', `${message} (from the engine that runs this state directory's queues: pid ${holder.pid}, ${holder.origin}, ${holder.url})`);
}
