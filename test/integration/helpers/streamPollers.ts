// Test helper: runs a stream poller row (mappings/pollers.ts) with the PollerContext the mapping layer gives it,
// built here from a real engine: synchronous invokes through service.invoke (real child processes), the local
// resources as sources and failure destinations, the shared FilterCriteria compiler. What the poller reports
// and every payload it invoked with are kept for the assertions.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../src/core/common/clock';
import { isWorkbenchError } from '../../../src/core/common/errors';
import type { MappingSettings, SourceKind } from '../../../src/core/events/mappings/mappingTypes';
import type { BatchReport, InvokeOutcome, PollerContext, PollerHandle } from '../../../src/core/events/mappings/pollerTypes';
import { pollerFor } from '../../../src/core/events/mappings/pollers';
import { compileFilterCriteria } from '../../../src/core/events/mappings/recordFilter';
import type { TestEngine } from './engine';

export interface RunningPoller {
  handle: PollerHandle;
  uuid: string;
  reports: BatchReport[];
  /** Every event the function was invoked with, parsed, in order. */
  events: Record<string, any>[];
  warnings: string[];
}

export function startStreamPoller(e: TestEngine, clock: Clock, settings: Partial<MappingSettings> & { kind: SourceKind; eventSourceArn: string }, uuid: string = randomUUID()): RunningPoller {
  const mapping: MappingSettings = { functionName: 'recorder', enabled: true, batchSize: 100, maximumBatchingWindowInSeconds: 0, functionResponseTypes: [], startingPosition: 'TRIM_HORIZON', parallelizationFactor: 1, bisectBatchOnFunctionError: false, maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1, tumblingWindowInSeconds: 0, ...settings };
  const reports: BatchReport[] = [];
  const events: Record<string, any>[] = [];
  const warnings: string[] = [];
  const ctx: PollerContext = {
    uuid,
    mapping,
    functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${mapping.functionName}`,
    region: 'us-east-1',
    accountId: '123456789012',
    functionTimeout: 30,
    clock,
    async invoke(payload): Promise<InvokeOutcome> {
      events.push(JSON.parse(payload) as Record<string, any>);
      try {
        const r = await e.service.invoke(mapping.functionName, payload);
        return r.functionError ? { kind: 'functionError', requestId: r.requestId, payload: r.payload, errorType: r.errorType } : { kind: 'success', requestId: r.requestId, payload: r.payload };
      } catch (err) {
        return isWorkbenchError(err) && /THROTTL/.test(err.code) ? { kind: 'throttled', message: err.message } : { kind: 'failed', message: (err as Error).message };
      }
    },
    source: async (arn) => (await e.service.async.resources()).target(arn),
    async sendFailure(dest, record) {
      const t = await (await e.service.async.resources()).target(dest);
      if (!t) throw new Error(`no local destination ${dest}`);
      await t.send(JSON.stringify(record));
    },
    filter: compileFilterCriteria(mapping.filterCriteria, mapping.kind),
    log: { info: () => undefined, warn: (m) => void warnings.push(m) },
    report: (b) => void reports.push(b),
  };
  return { handle: pollerFor(mapping.kind)!.start(ctx), uuid, reports, events, warnings };
}
