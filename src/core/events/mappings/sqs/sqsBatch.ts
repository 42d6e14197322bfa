// core/events/mappings/sqs: one batch of an SQS mapping, from received messages to settled ones (§11.2):
// FilterCriteria drops (and deletes) what does not match, the rest is invoked as `{"Records":[…]}`; on success
// the batch is deleted — all of it, or with ReportBatchItemFailures all but the failed items (FIFO: all but the
// first failure of each group and what follows it); on a function error, throttle or failed invoke nothing is
// deleted, so the messages become visible again after the visibility timeout (and are redriven after
// maxReceiveCount receives by the queue itself).
import type { LocalQueue, QueueMessage } from '../../queue/localQueue';
import { readBatchResponse } from '../batchResponse';
import type { BatchReport, PollerContext } from '../pollerTypes';
import { sqsRecord, type SqsRecord } from './sqsRecords';

export async function runSqsBatch(ctx: PollerContext, queue: LocalQueue, messages: readonly QueueMessage[]): Promise<BatchReport> {
  const { mapping } = ctx;
  const records = messages.map((m) => sqsRecord(m, mapping.eventSourceArn, ctx.region));
  const kept: SqsRecord[] = [];
  const dropped: SqsRecord[] = [];
  for (const r of records) (ctx.filter && !ctx.filter(r as unknown as Record<string, unknown>) ? dropped : kept).push(r);
  // §11.5: filtered-out SQS messages are deleted.
  await deleteAll(queue, dropped);
  if (!kept.length) return { records: 0, filtered: dropped.length, failures: 0, outcome: 'filtered' };
  const outcome = await ctx.invoke(JSON.stringify({ Records: kept }));
  const base = { records: kept.length, filtered: dropped.length };
  if (outcome.kind === 'throttled' || outcome.kind === 'failed') return { ...base, failures: kept.length, outcome: outcome.kind, note: outcome.message };
  if (outcome.kind === 'functionError') return { ...base, failures: kept.length, outcome: outcome.kind, requestId: outcome.requestId, note: outcome.errorType };
  if (!mapping.functionResponseTypes.includes('ReportBatchItemFailures')) {
    await deleteAll(queue, kept);
    return { ...base, failures: 0, outcome: 'success', requestId: outcome.requestId };
  }
  const verdict = readBatchResponse(outcome.payload, kept.map((r) => r.messageId));
  if (verdict.kind === 'allFailed') return { ...base, failures: kept.length, outcome: 'success', requestId: outcome.requestId, note: `partial batch response treated as a complete failure: ${verdict.reason}` };
  const failed = verdict.kind === 'someFailed' ? failedWithFifo(kept, new Set(verdict.failed), queue.decl.fifo) : new Set<string>();
  await deleteAll(queue, kept.filter((r) => !failed.has(r.messageId)));
  return { ...base, failures: failed.size, outcome: 'success', requestId: outcome.requestId };
}

/** The messages kept for a retry: those named, and for FIFO every later message of a group after its first failure. */
function failedWithFifo(batch: readonly SqsRecord[], named: Set<string>, fifo: boolean): Set<string> {
  if (!fifo) return named;
  const out = new Set<string>();
  const stopped = new Set<string>();
  for (const r of batch) {
    const group = r.attributes.MessageGroupId ?? '';
    if (stopped.has(group) || named.has(r.messageId)) {
      stopped.add(group);
      out.add(r.messageId);
    }
  }
  return out;
}

async function deleteAll(queue: LocalQueue, records: readonly SqsRecord[]): Promise<void> {
  await Promise.all(records.map((r) => queue.delete(r.receiptHandle)));
}
