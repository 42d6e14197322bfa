// core/invoke/async: the asynchronous invocation record destinations receive (lambda-semantics.md §10) and
// the dead-letter message (§9): the original event with RequestID, ErrorCode and ErrorMessage attributes.
import type { MessageAttribute } from '../../events/resourceTypes';
import type { AsyncEvent, LastResponse } from './asyncTypes';

export type Condition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

export interface InvocationRecord {
  version: '1.0';
  timestamp: string;
  requestContext: { requestId: string; functionArn: string; condition: Condition; approximateInvokeCount: number };
  requestPayload: unknown;
  responseContext?: { statusCode: number; executedVersion?: string; functionError?: string };
  responsePayload?: unknown;
}

function parsed(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * §10's record, members in Lambda's order. `functionArn` is qualified (`:$LATEST`, version or alias);
 * without any attempt that reached the function (EventAgeExceeded while throttled, reserved concurrency 0)
 * responseContext and responsePayload are absent ([U] in §10).
 */
export function invocationRecord(e: AsyncEvent, condition: Condition, functionArn: string, now: number): InvocationRecord {
  const record: InvocationRecord = {
    version: '1.0',
    timestamp: new Date(now).toISOString(),
    requestContext: { requestId: e.requestId, functionArn, condition, approximateInvokeCount: e.attempts },
    requestPayload: parsed(e.payload),
  };
  const last = e.last;
  if (last && last.errorCode === undefined) {
    record.responseContext = { statusCode: last.statusCode, executedVersion: last.executedVersion };
    if (last.functionError) record.responseContext.functionError = last.functionError;
    record.responsePayload = parsed(last.payload);
  }
  return record;
}


/** §9: the DLQ gets the event body unchanged and these attributes; ErrorMessage is cut to 1 KB. */
export function deadLetterAttributes(e: AsyncEvent): Record<string, MessageAttribute> {
  const last: LastResponse | undefined = e.last;
  const code = last?.errorCode ?? last?.statusCode ?? 200;
  const message = last?.errorMessage ?? errorMessageOf(last?.payload) ?? 'Event age exceeded before the function ran';
  return {
    RequestID: { DataType: 'String', StringValue: e.requestId },
    ErrorCode: { DataType: 'Number', StringValue: String(code) },
    ErrorMessage: { DataType: 'String', StringValue: Buffer.from(message, 'utf8').subarray(0, 1024).toString('utf8') },
  };
}

function errorMessageOf(payload: string | undefined): string | undefined {
  const v = parsed(payload);
  if (v && typeof v === 'object' && typeof (v as { errorMessage?: unknown }).errorMessage === 'string') return (v as { errorMessage: string }).errorMessage;
  return payload;
}
