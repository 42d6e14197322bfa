// core/events/mappings: the poller plugin interface — one plugin per source kind (`sqs`, `kinesis`,
// `dynamodb`), registered in ONE table (pollers.ts). The mapping layer (pollerManager.ts) starts a plugin for
// every enabled mapping whose kind has a row, with everything it needs injected; the plugin reads its source,
// builds the records (§11.2–§11.4), filters them, invokes, settles the batch, and reports each batch back.
import type { Clock } from '../../common/clock';
import type { MappingSettings, SourceKind } from './mappingTypes';
import type { RecordFilter } from './recordFilter';

/** How one synchronous invoke of the batch went (through the common invoke path, §11: `{"Records":[…]}`). */
export type InvokeOutcome =
  /** The function returned: its payload (a partial batch response, when the mapping reports item failures). */
  | { kind: 'success'; requestId: string; payload: Buffer }
  /** The function threw, timed out or crashed: the whole batch failed. */
  | { kind: 'functionError'; requestId: string; payload: Buffer; errorType?: string }
  /** Throttled (reserved concurrency, account limit, scaling rate, §8): the batch did not run. */
  | { kind: 'throttled'; message: string }
  /** The function could not be invoked at all (deleted, environment failed to start…): the batch did not run. */
  | { kind: 'failed'; message: string };

/** One batch, as a poller reports it: LastProcessingResult and the mapping's recent batches come from here. */
export interface BatchReport {
  /** Records the function was invoked with (0 when every record was filtered out). */
  records: number;
  /** Records FilterCriteria dropped (SQS: deleted; streams: skipped). */
  filtered: number;
  /** Records that failed: the ones a partial batch response named (and, FIFO, those after them), or all on error. */
  failures: number;
  outcome: InvokeOutcome['kind'] | 'filtered';
  requestId?: string;
  /** Streams: which attempt of this batch (0 = first). */
  attempt?: number;
  /** A short explanation (an invalid partial batch response, a failure record sent…). */
  note?: string;
}

export interface PollerLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** What a plugin gets from the mapping layer. */
export interface PollerContext {
  uuid: string;
  /** The mapping's settings, validated (§11.1). On UpdateEventSourceMapping the poller is stopped and started anew. */
  mapping: Readonly<MappingSettings>;
  /** The function's ARN as the mapping names it (qualified when it names a version or alias): failure records carry it. */
  functionArn: string;
  region: string;
  accountId: string;
  /** The function's Timeout in seconds (SQS: the effective visibility timeout depends on it, §11.2). */
  functionTimeout: number;
  /** The engine clock: every wait (batching window, backoff, scaling) goes through it. */
  clock: Clock;
  /** Synchronous invoke of `{"Records":[…]}` through the common path (throttling and reserved concurrency apply). */
  invoke(payload: string): Promise<InvokeOutcome>;
  /** The local resource an ARN names, opened (the queue or stream of `mapping.eventSourceArn`); undefined when none. */
  source(arn: string): Promise<unknown>;
  /** Sends a failure record (§10, stream batches) to an SQS queue or SNS topic by ARN; resolves once it is stored. */
  sendFailure(destinationArn: string, record: unknown): Promise<void>;
  /** The mapping's compiled FilterCriteria (recordFilter.ts); `undefined` when it has none. */
  filter: RecordFilter | undefined;
  log: PollerLogger;
  report(batch: BatchReport): void;
}

/** A running poller's figures, for the tree and `esm list`. */
export interface PollerStats {
  /** Batches in flight now. */
  inFlight: number;
  /** SQS: concurrent pollers now (starts at 5, grows to ScalingConfig.MaximumConcurrency, §11.2). */
  concurrency?: number;
  /** SQS: messages visible in the queue. */
  queueDepth?: number;
  /** Streams: age of the last record read (ms). */
  iteratorAgeMs?: number;
}

export interface PollerHandle {
  /** Stops polling; resolves once no batch of this poller runs any more (batches in flight finish first). */
  stop(): Promise<void>;
  stats(): PollerStats;
}

export interface PollerPlugin {
  kind: SourceKind;
  start(ctx: PollerContext): PollerHandle;
}
