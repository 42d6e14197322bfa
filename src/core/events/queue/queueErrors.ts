// core/events/queue: the queue's refusals, each with the SQS error it is on the wire (the API layer maps the
// name to the JSON `__type` and the query-protocol code).
import { WorkbenchError, type ErrorCode } from '../../common/errors';

export type SqsErrorName =
  | 'InvalidAttributeName'
  | 'InvalidAttributeValue'
  | 'InvalidParameterValue'
  | 'MissingParameter'
  | 'ReceiptHandleIsInvalid'
  | 'MessageNotInflight'
  | 'InvalidMessageContents'
  | 'QueueDoesNotExist'
  | 'QueueNameExists'
  | 'ResourceNotFoundException'
  | 'UnsupportedOperation';

export class QueueError extends WorkbenchError {
  constructor(
    readonly sqsError: SqsErrorName,
    message: string,
    code: ErrorCode = sqsError === 'QueueDoesNotExist' || sqsError === 'ResourceNotFoundException' ? 'RESOURCE_NOT_FOUND' : sqsError === 'QueueNameExists' ? 'RESOURCE_CONFLICT' : 'INVALID_PARAMETER',
  ) {
    super(code, message);
  }
}
