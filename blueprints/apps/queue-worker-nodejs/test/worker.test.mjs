// SPDX-License-Identifier: MIT-0
// Unit tests of the worker with its sample events: npm test (node --test).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { handler } from '../src/worker.mjs';
import { InvalidOrderError, priceOrder } from '../src/orders.mjs';

const event = (name) => JSON.parse(readFileSync(new URL(`../events/${name}`, import.meta.url), 'utf8'));

test('a batch reports exactly the messages that failed: an order without items and a body that is not JSON', async () => {
  const result = await handler(event('batch.json'));
  assert.deepEqual(result, {
    batchItemFailures: [{ itemIdentifier: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' }, { itemIdentifier: '9c8b7a6d-5e4f-4d3c-8b2a-1f0e9d8c7b6a' }],
  });
});

test('a batch that all succeeds reports no failures (an empty list, not a missing one)', async () => {
  assert.deepEqual(await handler(event('one-message.json')), { batchItemFailures: [] });
});

test('one order invoked directly is priced in cents', async () => {
  assert.deepEqual(await handler(event('order.json')), { orderId: 'o-1', totalCents: 2999 });
});

test('a bad order invoked directly throws, so that Lambda retries it and then sends it to the destination', async () => {
  await assert.rejects(handler(event('bad-order.json')), { name: 'InvalidOrderError', message: 'Order o-3 item 1: quantity must be a positive integer' });
});

test('priceOrder names what is wrong', () => {
  assert.throws(() => priceOrder({}), new InvalidOrderError('Order has no orderId'));
  assert.throws(() => priceOrder({ orderId: 'x', items: [{ quantity: 1, priceCents: 1.5 }] }), /priceCents must be a non-negative integer/);
  assert.deepEqual(priceOrder({ orderId: 'x', items: [{ quantity: 3, priceCents: 10 }] }), { orderId: 'x', totalCents: 30 });
});
