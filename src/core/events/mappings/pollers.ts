// core/events/mappings: the table of pollers — one row per source kind (ARCHITECTURE.md rule 3). The SQS row is
// sqs/sqsPoller.ts; the stream pollers (Kinesis, DynamoDB streams) add their rows here.
import type { SourceKind } from './mappingTypes';
import type { PollerPlugin } from './pollerTypes';
import { sqsPoller } from './sqs/sqsPoller';
import { dynamodbPoller, kinesisPoller } from '../stream/poller/streamPoller';

export const POLLER_PLUGINS: readonly PollerPlugin[] = [sqsPoller, kinesisPoller, dynamodbPoller];

/** The plugin for a kind, or undefined when no row reads it yet. */
export function pollerFor(kind: SourceKind): PollerPlugin | undefined {
  return POLLER_PLUGINS.find((p) => p.kind === kind);
}
