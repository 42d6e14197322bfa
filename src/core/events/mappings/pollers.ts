// core/events/mappings: the table of pollers — one row per source kind (ARCHITECTURE.md rule 3). The SQS row
// (sqs/sqsPoller.ts) joins next; the stream pollers (Kinesis, DynamoDB streams) add their rows here.
import type { SourceKind } from './mappingTypes';
import type { PollerPlugin } from './pollerTypes';

export const POLLER_PLUGINS: readonly PollerPlugin[] = [];

/** The plugin for a kind, or undefined when no row reads it yet. */
export function pollerFor(kind: SourceKind): PollerPlugin | undefined {
  return POLLER_PLUGINS.find((p) => p.kind === kind);
}
