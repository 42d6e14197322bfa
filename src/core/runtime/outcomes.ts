// core/runtime: what the caller gets for each way a runtime answered an invocation over the Runtime API
// (lambda-semantics.md §1.4, §2.4): a response, an error, an oversized or malformed answer, or a stream.
import type { InvokeOutput } from './environmentTypes';
import { invalidResponseModeError, parseErrorType, responseTooLargeError, toJsonBuffer } from './platformErrors';
import type { InvocationOutcome } from './runtimeApiServer';

export type AnsweredFields = Pick<InvokeOutput, 'status' | 'payload' | 'functionError' | 'errorType' | 'payloadErrorType' | 'contentType' | 'streamed'>;

export function answeredResult(o: InvocationOutcome): AnsweredFields {
  const buffered = { streamed: false, contentType: 'application/json' };
  switch (o.kind) {
    case 'response':
      return { ...buffered, status: 'success', payload: o.body, contentType: o.contentType };
    case 'error':
      return { ...buffered, status: 'error', payload: o.body, functionError: 'Unhandled', payloadErrorType: o.errorType ?? parseErrorType(o.body) };
    case 'responseTooLarge':
    case 'invalidResponseMode': {
      const err = o.kind === 'responseTooLarge' ? responseTooLargeError() : invalidResponseModeError(o.value);
      return { ...buffered, status: 'error', payload: toJsonBuffer(err), functionError: 'Unhandled', errorType: err.errorType, payloadErrorType: err.errorType };
    }
    case 'streamed': {
      // The bytes went to the stream sink; a mid-stream error arrives in the trailers (§1.4).
      if (!o.errorType) return { status: 'success', payload: Buffer.alloc(0), streamed: true, contentType: o.contentType };
      const payload = o.errorBody ?? Buffer.from(JSON.stringify({ errorType: o.errorType, errorMessage: o.errorType }));
      return { status: 'error', payload, functionError: 'Unhandled', payloadErrorType: o.errorType, streamed: true, contentType: o.contentType };
    }
  }
}
