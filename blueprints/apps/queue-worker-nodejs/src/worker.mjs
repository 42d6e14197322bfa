// SPDX-License-Identifier: MIT-0
// The worker. From the queue (an SQS batch) it prices each order and reports the messages it could not process
// in batchItemFailures: only those return to the queue (and after maxReceiveCount go to the dead-letter queue).
// Invoked directly and asynchronously with one order, it throws on a bad one: Lambda retries twice
// (EventInvokeConfig), then sends the event to the on-failure destination.
import { priceOrder } from './orders.mjs';

function processRecord(record) {
  const order = JSON.parse(record.body);
  const priced = priceOrder(order);
  console.log(JSON.stringify({ message: 'order priced', messageId: record.messageId, ...priced }));
  return priced;
}

export const handler = async (event) => {
  if (!Array.isArray(event?.Records)) return priceOrder(event);
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      processRecord(record);
    } catch (err) {
      console.error(JSON.stringify({ message: 'order failed', messageId: record.messageId, error: err.message }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
