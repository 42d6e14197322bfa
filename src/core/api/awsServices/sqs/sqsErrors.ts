// core/api/awsServices/sqs: SQS errors on both wires. The JSON protocol sends `{"__type":
// "com.amazonaws.sqs#<Name>","message":…}` plus `x-amzn-query-error: <query code>;Sender` (the awsQueryCompatible
// trait, so SDKs see the old codes too); the query protocol an `<ErrorResponse>` with the query code.
import { isWorkbenchError, WorkbenchError } from '../../../common/errors';
import { QueueError } from '../../../events/queue/queueErrors';

/** Error name (the JSON `__type` shape name) → query-protocol code. */
const QUERY_CODES: Record<string, string> = {
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  QueueNameExists: 'QueueAlreadyExists',
  MessageNotInflight: 'AWS.SimpleQueueService.MessageNotInflight',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  InvalidBatchEntryId: 'AWS.SimpleQueueService.InvalidBatchEntryId',
  BatchRequestTooLong: 'AWS.SimpleQueueService.BatchRequestTooLong',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
};

/** An SQS error by its shape name (QueueDoesNotExist, InvalidParameterValue, …). */
export class SqsApiError extends WorkbenchError {
  constructor(
    readonly sqsError: string,
    message: string,
  ) {
    super(sqsError === 'QueueDoesNotExist' ? 'RESOURCE_NOT_FOUND' : 'INVALID_PARAMETER', message);
  }
}

export interface SqsWireError {
  name: string;
  queryCode: string;
  status: number;
  message: string;
  sender: boolean;
}

/** Any error an operation throws, as SQS would send it. */
export function sqsWireError(e: unknown): SqsWireError {
  let name = 'InternalError';
  let message = (e as Error)?.message ?? String(e);
  if (e instanceof SqsApiError || e instanceof QueueError) name = e.sqsError;
  else if (isWorkbenchError(e) && e.code === 'REQUEST_TOO_LARGE') {
    name = 'InvalidParameterValue';
    message = `One or more parameters are invalid. Reason: ${message}`;
  } else if (isWorkbenchError(e) && e.code === 'RESOURCE_NOT_FOUND') name = 'QueueDoesNotExist';
  else if (isWorkbenchError(e) && e.code === 'INVALID_PARAMETER') name = 'InvalidParameterValue';
  else if (isWorkbenchError(e) && e.code === 'QUEUES_ELSEWHERE') name = 'ServiceUnavailable';
  const sender = name !== 'InternalError' && name !== 'ServiceUnavailable';
  return { name, queryCode: QUERY_CODES[name] ?? name, status: name === 'ServiceUnavailable' ? 503 : sender ? 400 : 500, message, sender };
}
