// SPDX-License-Identifier: MIT-0
// The business rule, apart from Lambda: an order is valid when it has an id and items with positive quantities
// and prices; its total is in cents so that sums are exact.

export class InvalidOrderError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InvalidOrderError';
  }
}

/** The order's total in cents; throws InvalidOrderError saying what is wrong. */
export function priceOrder(order) {
  if (typeof order?.orderId !== 'string' || !order.orderId) throw new InvalidOrderError('Order has no orderId');
  if (!Array.isArray(order.items) || order.items.length === 0) throw new InvalidOrderError(`Order ${order.orderId} has no items`);
  let cents = 0;
  for (const [i, item] of order.items.entries()) {
    if (!Number.isInteger(item?.quantity) || item.quantity < 1) throw new InvalidOrderError(`Order ${order.orderId} item ${i + 1}: quantity must be a positive integer`);
    if (!Number.isInteger(item.priceCents) || item.priceCents < 0) throw new InvalidOrderError(`Order ${order.orderId} item ${i + 1}: priceCents must be a non-negative integer`);
    cents += item.quantity * item.priceCents;
  }
  return { orderId: order.orderId, totalCents: cents };
}
