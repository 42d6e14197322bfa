// core/events/mappings: reading a partial batch response (`ReportBatchItemFailures`, §11.2/§11.3), shared by the
// pollers. Complete success: an empty or null list, or an empty or null response. Complete failure: a response
// that is not JSON, an entry whose itemIdentifier is empty, null or under another key, or an identifier not in
// the batch. Anything else names the failed records.

export type BatchVerdict =
  | { kind: 'allSucceeded' }
  | { kind: 'allFailed'; reason: string }
  /** The identifiers named, in the order the function gave them (deduplicated). */
  | { kind: 'someFailed'; failed: string[] };

/** What the function's payload says about the batch whose record identifiers are `ids`. */
export function readBatchResponse(payload: Buffer | string, ids: readonly string[]): BatchVerdict {
  const text = (typeof payload === 'string' ? payload : payload.toString('utf8')).trim();
  if (text === '' || text === 'null') return { kind: 'allSucceeded' };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { kind: 'allFailed', reason: 'the response is not valid JSON' };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { kind: 'allSucceeded' };
  const list = (v as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === undefined || list === null) return { kind: 'allSucceeded' };
  if (!Array.isArray(list)) return { kind: 'allFailed', reason: 'batchItemFailures is not a list' };
  if (!list.length) return { kind: 'allSucceeded' };
  const known = new Set(ids);
  const failed: string[] = [];
  for (const entry of list) {
    const id = entry !== null && typeof entry === 'object' ? (entry as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (id === undefined || id === null || id === '') return { kind: 'allFailed', reason: `an entry has no itemIdentifier: ${JSON.stringify(entry)}` };
    if (typeof id !== 'string' || !known.has(id)) return { kind: 'allFailed', reason: `itemIdentifier ${JSON.stringify(id)} is not a record of this batch` };
    if (!failed.includes(id)) failed.push(id);
  }
  return { kind: 'someFailed', failed };
}
