// core/events/topic: the topic's refusals, each with the SNS error code it is on the wire.
import { WorkbenchError } from '../../common/errors';

export type SnsErrorName = 'InvalidParameter' | 'NotFound' | 'InvalidParameterValue' | 'EmptyBatchRequest' | 'TooManyEntriesInBatchRequest' | 'BatchEntryIdsNotDistinct';

export class TopicError extends WorkbenchError {
  constructor(
    readonly snsError: SnsErrorName,
    message: string,
  ) {
    super(snsError === 'NotFound' ? 'RESOURCE_NOT_FOUND' : 'INVALID_PARAMETER', message);
  }
}
