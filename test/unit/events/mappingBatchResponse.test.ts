// Unit: reading a partial batch response (ReportBatchItemFailures, lambda-semantics.md §11.2) — every case the
// docs list for complete success, complete failure, and the records named.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readBatchResponse, type BatchVerdict } from '../../../src/core/events/mappings/batchResponse';

const ids = ['m1', 'm2', 'm3'];
const fail = (reason: RegExp) => ({ kind: 'allFailed', reason });

const CASES: [string, string, BatchVerdict | ReturnType<typeof fail>][] = [
  ['empty response', '', { kind: 'allSucceeded' }],
  ['null response', 'null', { kind: 'allSucceeded' }],
  ['empty object', '{}', { kind: 'allSucceeded' }],
  ['null list', '{"batchItemFailures":null}', { kind: 'allSucceeded' }],
  ['empty list', '{"batchItemFailures":[]}', { kind: 'allSucceeded' }],
  ['a return value that is no response object', '"done"', { kind: 'allSucceeded' }],
  ['one failure', '{"batchItemFailures":[{"itemIdentifier":"m2"}]}', { kind: 'someFailed', failed: ['m2'] }],
  ['two failures, one repeated', '{"batchItemFailures":[{"itemIdentifier":"m3"},{"itemIdentifier":"m1"},{"itemIdentifier":"m3"}]}', { kind: 'someFailed', failed: ['m3', 'm1'] }],
  ['invalid JSON', '{"batchItemFailures":[', fail(/not valid JSON/)],
  ['empty itemIdentifier', '{"batchItemFailures":[{"itemIdentifier":""}]}', fail(/no itemIdentifier/)],
  ['null itemIdentifier', '{"batchItemFailures":[{"itemIdentifier":null}]}', fail(/no itemIdentifier/)],
  ['wrong key name', '{"batchItemFailures":[{"itemId":"m1"}]}', fail(/no itemIdentifier/)],
  ['an id not in the batch', '{"batchItemFailures":[{"itemIdentifier":"m9"}]}', fail(/"m9" is not a record of this batch/)],
  ['a list that is no list', '{"batchItemFailures":"m1"}', fail(/not a list/)],
];

for (const [name, payload, want] of CASES) {
  test(`partial batch response: ${name}`, () => {
    const got = readBatchResponse(Buffer.from(payload), ids);
    if (want.kind === 'allFailed' && want.reason instanceof RegExp) {
      assert.equal(got.kind, 'allFailed');
      assert.match((got as { reason: string }).reason, want.reason);
    } else {
      assert.deepEqual(got, want);
    }
  });
}
