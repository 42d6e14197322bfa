// core/events/stream: the refusals of the local streams and table streams, each with the Kinesis (or DynamoDB)
// exception it is on the wire; the API row maps `awsError` to the JSON `__type`.
import { WorkbenchError, type ErrorCode } from '../../common/errors';

export type StreamErrorName =
  | 'ResourceNotFoundException'
  | 'ResourceInUseException'
  | 'InvalidArgumentException'
  | 'ExpiredIteratorException'
  | 'ValidationException'
  | 'LimitExceededException';

export class StreamError extends WorkbenchError {
  constructor(
    readonly awsError: StreamErrorName,
    message: string,
    code: ErrorCode = awsError === 'ResourceNotFoundException' ? 'RESOURCE_NOT_FOUND' : awsError === 'ResourceInUseException' ? 'RESOURCE_CONFLICT' : 'INVALID_PARAMETER',
  ) {
    super(code, message);
  }
}
