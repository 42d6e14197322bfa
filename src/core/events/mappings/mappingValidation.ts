// core/events/mappings: Create/UpdateEventSourceMapping input (the API's members, which the template and the CLI
// use too) → validated MappingSettings, with the limits of lambda-semantics.md §11.1 per source kind and
// Lambda's InvalidParameterValueException for what a kind does not take.
import { WorkbenchError } from '../../common/errors';
import type { MappingSettings, SourceKind } from './mappingTypes';
import { sourceKindOf } from './mappingTypes';
import { validateFilterCriteria } from './recordFilter';

export type MappingInput = Record<string, unknown>;

/** Members Create takes besides EventSourceArn/FunctionName; Update takes all but StartingPosition(+Timestamp). */
const STREAM_ONLY = ['StartingPosition', 'StartingPositionTimestamp', 'ParallelizationFactor', 'BisectBatchOnFunctionError', 'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'TumblingWindowInSeconds', 'DestinationConfig'] as const;
const SQS_ONLY = ['ScalingConfig'] as const;
/** Every member Create/UpdateEventSourceMapping takes for these sources. */
export const MAPPING_MEMBERS: ReadonlySet<string> = new Set(['EventSourceArn', 'FunctionName', 'Enabled', 'BatchSize', 'MaximumBatchingWindowInSeconds', 'FunctionResponseTypes', 'FilterCriteria', 'Tags', 'KMSKeyArn', 'MetricsConfig', ...STREAM_ONLY, ...SQS_ONLY]);

function bad(message: string): WorkbenchError {
  return new WorkbenchError('INVALID_PARAMETER', message);
}

function int(input: MappingInput, name: string, min: number, max: number, allowMinusOne = false): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || ((n < min || n > max) && !(allowMinusOne && n === -1)))
    throw bad(`${name} must be ${allowMinusOne ? '-1 (infinite) or ' : ''}a whole number from ${min} to ${max}, got ${JSON.stringify(v)}.`);
  return n;
}

function bool(input: MappingInput, name: string): boolean | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw bad(`${name} must be true or false, got ${JSON.stringify(v)}.`);
}

/** Resolves a FunctionName member (name, ARN or partial ARN, maybe `:qualifier`) to the function it names. */
export type FunctionResolver = (functionName: string) => { functionName: string; qualifier?: string };

/**
 * Settings for CreateEventSourceMapping (`existing` undefined) or UpdateEventSourceMapping (`existing` the
 * current settings: members given replace theirs).
 */
export function validateMapping(input: MappingInput, resolveFunction: FunctionResolver, existing?: MappingSettings, now = Date.now()): MappingSettings {
  for (const k of Object.keys(input)) if (!MAPPING_MEMBERS.has(k)) throw bad(`Unknown parameter ${k} in the event source mapping request.`);
  if (existing) for (const k of ['EventSourceArn', 'StartingPosition', 'StartingPositionTimestamp']) if (input[k] !== undefined) throw bad(`${k} cannot be changed by UpdateEventSourceMapping; delete the mapping and create it again.`);
  const arn = existing?.eventSourceArn ?? input.EventSourceArn;
  if (typeof arn !== 'string' || !arn) throw bad('EventSourceArn is required: the ARN of an SQS queue, a Kinesis stream or a DynamoDB table stream.');
  const kind = existing?.kind ?? sourceKindOf(arn);
  if (!kind) throw bad(`Unrecognized event source, must be kinesis, dynamodb stream or sqs: "${arn}".`);
  for (const k of kind === 'sqs' ? STREAM_ONLY : SQS_ONLY) if (input[k] !== undefined) throw bad(`Unsupported ${k} parameter for given event source mapping type (${kind}).`);

  let fn: { functionName: string; qualifier?: string } | undefined = existing ? { functionName: existing.functionName, qualifier: existing.qualifier } : undefined;
  if (input.FunctionName !== undefined) {
    if (typeof input.FunctionName !== 'string' || !input.FunctionName) throw bad('FunctionName must be a function name or ARN.');
    fn = resolveFunction(input.FunctionName);
  }
  if (!fn) throw bad('FunctionName is required.');

  const s: MappingSettings = existing ? { ...existing, ...fn } : { kind, eventSourceArn: arn, ...fn, enabled: true, batchSize: kind === 'sqs' ? 10 : 100, maximumBatchingWindowInSeconds: 0, functionResponseTypes: [] };
  s.enabled = bool(input, 'Enabled') ?? s.enabled;
  const fifo = kind === 'sqs' && arn.endsWith('.fifo');
  s.batchSize = int(input, 'BatchSize', 1, fifo ? 10 : 10_000) ?? s.batchSize;
  s.maximumBatchingWindowInSeconds = int(input, 'MaximumBatchingWindowInSeconds', 0, 300) ?? s.maximumBatchingWindowInSeconds;
  // §11.1: an SQS batch of more than 10 messages is gathered over a window.
  if (kind === 'sqs' && s.batchSize > 10 && s.maximumBatchingWindowInSeconds < 1) throw bad('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
  if (input.FunctionResponseTypes !== undefined) {
    const t = input.FunctionResponseTypes;
    if (!Array.isArray(t) || t.some((x) => x !== 'ReportBatchItemFailures')) throw bad(`FunctionResponseTypes must be [] or ["ReportBatchItemFailures"], got ${JSON.stringify(t)}.`);
    s.functionResponseTypes = t.length ? ['ReportBatchItemFailures'] : [];
  }
  if (input.FilterCriteria !== undefined) s.filterCriteria = validateFilterCriteria(input.FilterCriteria, kind);
  if (kind === 'sqs') sqsSettings(input, s);
  else streamSettings(input, s, kind, !existing, now);
  return s;
}

function sqsSettings(input: MappingInput, s: MappingSettings): void {
  const sc = input.ScalingConfig;
  if (sc === undefined) return;
  if (sc === null || typeof sc !== 'object') throw bad('ScalingConfig must be {"MaximumConcurrency": 2-1000}.');
  const n = int(sc as MappingInput, 'MaximumConcurrency', 2, 1000);
  if (n === undefined) delete s.maximumConcurrency;
  else s.maximumConcurrency = n;
}

function streamSettings(input: MappingInput, s: MappingSettings, kind: SourceKind, creating: boolean, now: number): void {
  if (creating) {
    const p = input.StartingPosition;
    if (p === undefined) throw bad(`StartingPosition is required for a ${kind === 'kinesis' ? 'Kinesis stream' : 'DynamoDB stream'}: TRIM_HORIZON, LATEST${kind === 'kinesis' ? ' or AT_TIMESTAMP' : ''}.`);
    if (p !== 'TRIM_HORIZON' && p !== 'LATEST' && !(p === 'AT_TIMESTAMP' && kind === 'kinesis')) throw bad(`StartingPosition ${JSON.stringify(p)} is not valid for ${kind}: TRIM_HORIZON, LATEST${kind === 'kinesis' ? ' or AT_TIMESTAMP' : ''}.`);
    s.startingPosition = p;
    const ts = input.StartingPositionTimestamp;
    if (p === 'AT_TIMESTAMP') {
      const t = typeof ts === 'number' ? ts : typeof ts === 'string' ? Date.parse(ts) / 1000 : NaN;
      if (!Number.isFinite(t)) throw bad('StartingPositionTimestamp is required with StartingPosition AT_TIMESTAMP (epoch seconds).');
      if (t * 1000 > now) throw bad(`StartingPositionTimestamp ${new Date(t * 1000).toISOString()} is in the future.`);
      s.startingPositionTimestamp = t;
    } else if (ts !== undefined) {
      throw bad('StartingPositionTimestamp is only valid with StartingPosition AT_TIMESTAMP.');
    }
  }
  s.parallelizationFactor = int(input, 'ParallelizationFactor', 1, 10) ?? s.parallelizationFactor ?? 1;
  s.bisectBatchOnFunctionError = bool(input, 'BisectBatchOnFunctionError') ?? s.bisectBatchOnFunctionError ?? false;
  s.maximumRetryAttempts = int(input, 'MaximumRetryAttempts', 0, 10_000, true) ?? s.maximumRetryAttempts ?? -1;
  s.maximumRecordAgeInSeconds = int(input, 'MaximumRecordAgeInSeconds', 60, 604_800, true) ?? s.maximumRecordAgeInSeconds ?? -1;
  s.tumblingWindowInSeconds = int(input, 'TumblingWindowInSeconds', 0, 900) ?? s.tumblingWindowInSeconds ?? 0;
  const dc = input.DestinationConfig;
  if (dc !== undefined) {
    const onFailure = (dc as { OnFailure?: { Destination?: unknown } } | null)?.OnFailure?.Destination;
    if ((dc as { OnSuccess?: unknown } | null)?.OnSuccess !== undefined) throw bad('Unsupported DestinationConfig parameter for given event source mapping type: OnSuccess (streams take OnFailure only).');
    if (onFailure === undefined || onFailure === null || onFailure === '') delete s.onFailureDestination;
    else if (typeof onFailure !== 'string' || !/^arn:aws[\w-]*:(sqs|sns|s3):/.test(onFailure)) throw bad(`DestinationConfig.OnFailure.Destination must be the ARN of an SQS queue, SNS topic or S3 bucket, got ${JSON.stringify(onFailure)}.`);
    else s.onFailureDestination = onFailure;
  }
}
