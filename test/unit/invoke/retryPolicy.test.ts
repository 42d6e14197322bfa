// Unit: §9's decision after an attempt — function errors retried after ~1 and ~2 minutes up to
// MaximumRetryAttempts, throttles and system errors backing off 1 s → 5 min, the event age as a bound.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AsyncEvent } from '../../../src/core/invoke/async/asyncTypes';
import { effective } from '../../../src/core/invoke/async/eventInvokeConfigs';
import { backoffMs, decide } from '../../../src/core/invoke/async/retryPolicy';

const T0 = Date.UTC(2026, 0, 1);
const event = (over: Partial<AsyncEvent>): AsyncEvent => ({ requestId: 'r', functionName: 'f', payload: '{}', acceptedAt: T0, dueAt: T0, delayMs: 0, attempts: 1, setbacks: 0, seq: 0, ...over });

test('function errors: 1 min, then 2 min, then RetriesExhausted (default 2 retries)', () => {
  const c = effective(undefined);
  assert.deepEqual(decide(event({ attempts: 1 }), { kind: 'function-error' }, c, T0), { action: 'retry', delayMs: 60_000 });
  assert.deepEqual(decide(event({ attempts: 2 }), { kind: 'function-error' }, c, T0 + 60_000), { action: 'retry', delayMs: 120_000 });
  assert.deepEqual(decide(event({ attempts: 3 }), { kind: 'function-error' }, c, T0 + 180_000), { action: 'deliver', condition: 'RetriesExhausted' });
});

test('MaximumRetryAttempts 0 and 1', () => {
  assert.deepEqual(decide(event({ attempts: 1 }), { kind: 'function-error' }, effective({ MaximumRetryAttempts: 0 }), T0), { action: 'deliver', condition: 'RetriesExhausted' });
  assert.deepEqual(decide(event({ attempts: 1 }), { kind: 'function-error' }, effective({ MaximumRetryAttempts: 1 }), T0), { action: 'retry', delayMs: 60_000 });
  assert.deepEqual(decide(event({ attempts: 2 }), { kind: 'function-error' }, effective({ MaximumRetryAttempts: 1 }), T0), { action: 'deliver', condition: 'RetriesExhausted' });
});

test('throttles and system errors: 1 s doubling to 5 min, whatever the retry attempts', () => {
  assert.deepEqual([1, 2, 3, 4, 9, 10, 30].map(backoffMs), [1000, 2000, 4000, 8000, 256_000, 300_000, 300_000]);
  const c = effective({ MaximumRetryAttempts: 0 });
  assert.deepEqual(decide(event({ attempts: 0, setbacks: 12 }), { kind: 'throttle' }, c, T0 + 3_600_000), { action: 'retry', delayMs: 300_000 });
  assert.deepEqual(decide(event({ attempts: 0, setbacks: 1 }), { kind: 'system-error' }, c, T0), { action: 'retry', delayMs: 1000 });
});

test('no wait goes past MaximumEventAgeInSeconds: the queue looks again when the age runs out', () => {
  const c = effective({ MaximumEventAgeInSeconds: 90 });
  assert.deepEqual(decide(event({ attempts: 1 }), { kind: 'function-error' }, c, T0 + 10_000), { action: 'retry', delayMs: 60_000 });
  assert.deepEqual(decide(event({ attempts: 2 }), { kind: 'function-error' }, c, T0 + 70_000), { action: 'retry', delayMs: 20_000 });
  assert.deepEqual(decide(event({ setbacks: 9 }), { kind: 'throttle' }, effective(undefined), T0 + 21_600_000 - 5_000), { action: 'retry', delayMs: 5_000 });
});

test('success is delivered as Success; a function that is gone is not retried', () => {
  assert.deepEqual(decide(event({}), { kind: 'success' }, effective(undefined), T0), { action: 'deliver', condition: 'Success' });
  assert.deepEqual(decide(event({}), { kind: 'gone' }, effective(undefined), T0), { action: 'deliver', condition: 'RetriesExhausted' });
});
