// core/events/mappings: the event source mapping model (lambda-semantics.md §11.1) — the settings a mapping
// runs with, validated and with Lambda's defaults filled in, and the record the registry keeps per mapping.
// Plain data; validation is mappingValidation.ts, the API's shape mappingShape.ts.

/** The source kinds that have pollers: one row each in pollers.ts. */
export type SourceKind = 'sqs' | 'kinesis' | 'dynamodb';

/** `State` as the API reports it (§11). Transitional states settle once the poller has started or stopped. */
export type MappingState = 'Creating' | 'Enabling' | 'Enabled' | 'Disabling' | 'Disabled' | 'Updating' | 'Deleting';

export interface FilterCriteria {
  Filters: { Pattern: string }[];
}

/** A mapping's settings, validated; members that do not apply to its source kind are absent. */
export interface MappingSettings {
  kind: SourceKind;
  eventSourceArn: string;
  /** The function's name (canonical) and, when the mapping names a version or alias, its qualifier. */
  functionName: string;
  qualifier?: string;
  enabled: boolean;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  /** `['ReportBatchItemFailures']` or empty. */
  functionResponseTypes: string[];
  filterCriteria?: FilterCriteria;
  /** SQS only. */
  maximumConcurrency?: number;
  /** Streams only. */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';
  /** Epoch seconds, with AT_TIMESTAMP. */
  startingPositionTimestamp?: number;
  parallelizationFactor?: number;
  bisectBatchOnFunctionError?: boolean;
  /** −1 = infinite. */
  maximumRetryAttempts?: number;
  /** −1 = infinite. */
  maximumRecordAgeInSeconds?: number;
  tumblingWindowInSeconds?: number;
  /** DestinationConfig.OnFailure.Destination (SQS queue or SNS topic ARN). */
  onFailureDestination?: string;
}

/** What the registry keeps about one mapping. */
export interface MappingRecord {
  uuid: string;
  /** Declared by the template (SAM Events / AWS::Lambda::EventSourceMapping) or created through the API/CLI. */
  origin: 'template' | 'api';
  /** Template mappings: the logical id of the function's event or of the mapping resource. */
  logicalId?: string;
  settings: MappingSettings;
  /** Set while a transition runs (the API answers it; Get shows the settled state after). */
  transition?: Extract<MappingState, 'Creating' | 'Enabling' | 'Disabling' | 'Updating' | 'Deleting'>;
  /** Engine-clock epoch ms of the last change. */
  lastModified: number;
  lastProcessingResult: string;
  stateTransitionReason: string;
}

/** The state a record shows. */
export function stateOf(r: MappingRecord): MappingState {
  return r.transition ?? (r.settings.enabled ? 'Enabled' : 'Disabled');
}

/** The source kind an event source ARN names, or undefined for one no local poller reads. */
export function sourceKindOf(arn: string): SourceKind | undefined {
  if (/^arn:aws[\w-]*:sqs:[\w-]*:\d{12}:[\w.-]+$/.test(arn)) return 'sqs';
  if (/^arn:aws[\w-]*:kinesis:[\w-]*:\d{12}:stream\/[\w.-]+$/.test(arn)) return 'kinesis';
  if (/^arn:aws[\w-]*:dynamodb:[\w-]*:\d{12}:table\/[\w.-]+\/stream\/.+$/.test(arn)) return 'dynamodb';
  return undefined;
}
