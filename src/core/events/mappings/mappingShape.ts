// core/events/mappings: a mapping in the Lambda API's shape (EventSourceMappingConfiguration): the members the
// real API returns for its source kind, LastModified in epoch seconds, the function ARN as the mapping names it.
import { functionArn } from '../../model/arn';
import { stateOf, type MappingRecord } from './mappingTypes';

export interface EventSourceMappingConfiguration {
  UUID: string;
  EventSourceMappingArn: string;
  EventSourceArn: string;
  FunctionArn: string;
  State: string;
  StateTransitionReason: string;
  LastModified: number;
  LastProcessingResult?: string;
  BatchSize: number;
  MaximumBatchingWindowInSeconds: number;
  FunctionResponseTypes: string[];
  FilterCriteria?: { Filters: { Pattern: string }[] };
  ScalingConfig?: { MaximumConcurrency: number };
  StartingPosition?: string;
  StartingPositionTimestamp?: number;
  ParallelizationFactor?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  MaximumRecordAgeInSeconds?: number;
  TumblingWindowInSeconds?: number;
  DestinationConfig?: { OnFailure: { Destination?: string } };
}

export function mappingArn(region: string, accountId: string, uuid: string): string {
  return `arn:aws:lambda:${region}:${accountId}:event-source-mapping:${uuid}`;
}

export function shapeMapping(r: MappingRecord, region: string, accountId: string): EventSourceMappingConfiguration {
  const s = r.settings;
  const out: EventSourceMappingConfiguration = {
    UUID: r.uuid,
    EventSourceMappingArn: mappingArn(region, accountId, r.uuid),
    EventSourceArn: s.eventSourceArn,
    FunctionArn: functionArn(region, accountId, s.functionName, s.qualifier),
    State: stateOf(r),
    StateTransitionReason: r.stateTransitionReason,
    LastModified: Math.floor(r.lastModified / 1000),
    BatchSize: s.batchSize,
    MaximumBatchingWindowInSeconds: s.maximumBatchingWindowInSeconds,
    FunctionResponseTypes: [...s.functionResponseTypes],
  };
  if (s.filterCriteria) out.FilterCriteria = { Filters: s.filterCriteria.Filters.map((f) => ({ ...f })) };
  if (s.kind === 'sqs') {
    if (s.maximumConcurrency !== undefined) out.ScalingConfig = { MaximumConcurrency: s.maximumConcurrency };
    return out;
  }
  // Stream mappings report their processing result and every stream setting (§11.1 defaults filled in).
  out.LastProcessingResult = r.lastProcessingResult;
  out.StartingPosition = s.startingPosition;
  if (s.startingPositionTimestamp !== undefined) out.StartingPositionTimestamp = s.startingPositionTimestamp;
  out.ParallelizationFactor = s.parallelizationFactor;
  out.BisectBatchOnFunctionError = s.bisectBatchOnFunctionError;
  out.MaximumRetryAttempts = s.maximumRetryAttempts;
  out.MaximumRecordAgeInSeconds = s.maximumRecordAgeInSeconds;
  out.TumblingWindowInSeconds = s.tumblingWindowInSeconds;
  out.DestinationConfig = { OnFailure: s.onFailureDestination ? { Destination: s.onFailureDestination } : {} };
  return out;
}
