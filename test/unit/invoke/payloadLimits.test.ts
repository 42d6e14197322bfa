// Unit: Invoke request validation (lambda-semantics.md §5.3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SYNC_REQUEST_BYTES, validateRequestPayload } from '../../../src/core/invoke/payloadLimits';
import { parseParameterOverrides as parseOverrides } from '../../../src/core/template/parameterOverrides';

const parseParameterOverrides = (items: string[]) => parseOverrides(items, process.cwd());
import { exitReason } from '../../../src/core/runtime/platformErrors';

test('empty payload becomes {}', () => {
  assert.equal(validateRequestPayload(Buffer.alloc(0)).toString(), '{}');
});

test('any JSON value is accepted', () => {
  for (const v of ['"s"', '1', 'null', '[1]', '{"a":{}}']) assert.equal(validateRequestPayload(Buffer.from(v)).toString(), v);
});

test('exactly 6 MB passes, one byte more fails', () => {
  const ok = Buffer.alloc(MAX_SYNC_REQUEST_BYTES, 0x20);
  ok[0] = 0x31; // "1" followed by spaces is valid JSON
  assert.equal(validateRequestPayload(ok).length, MAX_SYNC_REQUEST_BYTES);
  const big = Buffer.concat([ok, Buffer.from(' ')]);
  assert.throws(() => validateRequestPayload(big), { code: 'REQUEST_TOO_LARGE' });
});

test('invalid JSON is refused with a coded error', () => {
  assert.throws(() => validateRequestPayload(Buffer.from('{x')), { code: 'INVALID_REQUEST_CONTENT' });
});

test('parameter overrides in both SAM forms', () => {
  assert.deepEqual(parseParameterOverrides(['Stage=dev', 'ParameterKey=Table,ParameterValue=t=1']), { Stage: 'dev', Table: 't=1' });
  assert.throws(() => parseParameterOverrides(['novalue']), { code: 'INVALID_PARAMETER' });
});

test('exit reasons read as Lambda prints them', () => {
  assert.equal(exitReason(1, null), 'Runtime exited with error: exit status 1');
  assert.equal(exitReason(null, 'SIGKILL'), 'Runtime exited with error: signal: killed');
  assert.equal(exitReason(null, 'SIGABRT'), 'Runtime exited with error: signal: aborted');
  assert.equal(exitReason(0, null), 'Runtime exited without providing a reason');
});
