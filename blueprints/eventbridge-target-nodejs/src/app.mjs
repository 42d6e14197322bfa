// The target of a rule that matches "Order Placed" events from com.example.orders (see EventPattern).
// A thrown error makes EventBridge retry the event (asynchronous invoke), then drop it or send it to a DLQ.
export const handler = async (event) => {
  const { orderId, total, currency } = event.detail;
  if (typeof total !== 'number') throw new TypeError(`Order ${orderId} has no total`);
  console.log(`${event['detail-type']} ${orderId}: ${total} ${currency}`);
  return { orderId, total, currency, receivedAt: event.time };
};
