// core/invoke: request validation before a function runs (lambda-semantics.md §5.3).
import { WorkbenchError } from '../common/errors';

/** Synchronous request limit: 6 MB = 6,291,456 bytes. */
export const MAX_SYNC_REQUEST_BYTES = 6 * 1024 * 1024;

/** Checks size and JSON-ness of an Invoke payload; an empty payload becomes `{}` as the Invoke API does. */
export function validateRequestPayload(payload: Buffer): Buffer {
  if (payload.length > MAX_SYNC_REQUEST_BYTES) {
    throw new WorkbenchError('REQUEST_TOO_LARGE', `Request must be smaller than ${MAX_SYNC_REQUEST_BYTES} bytes for the InvokeFunction operation (got ${payload.length} bytes).`);
  }
  if (payload.length === 0 || payload.toString('utf8').trim() === '') return Buffer.from('{}');
  try {
    JSON.parse(payload.toString('utf8'));
  } catch (e) {
    throw new WorkbenchError('INVALID_REQUEST_CONTENT', `Could not parse request body into json: ${(e as Error).message}. The event must be a JSON document.`, { cause: e });
  }
  return payload;
}
