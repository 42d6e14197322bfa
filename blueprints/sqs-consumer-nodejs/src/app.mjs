// Reports the messages that failed (ReportBatchItemFailures): only those return to the queue, the rest are deleted.
class InvalidOrderError extends Error {}

async function processOrder(record) {
  let order;
  try {
    order = JSON.parse(record.body);
  } catch {
    throw new InvalidOrderError('body is not JSON');
  }
  if (!order.orderId) throw new InvalidOrderError('orderId is missing');
  console.log(`order ${order.orderId}: ${order.quantity ?? 1} item(s)`);
}

export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      await processOrder(record);
    } catch (err) {
      console.error(`message ${record.messageId} failed: ${err.message}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
