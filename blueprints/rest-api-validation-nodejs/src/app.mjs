// API Gateway validates the body against the Order model before the function runs (ValidateBody), so
// the checks here only guard direct invokes and tests; keep them in step with the model in template.yaml.
const json = (statusCode, body) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function validate(order) {
  const errors = [];
  if (typeof order.product !== 'string' || !order.product) errors.push('product is required');
  if (!Number.isInteger(order.quantity) || order.quantity < 1) errors.push('quantity must be an integer of at least 1');
  return errors;
}

export const handler = async (event) => {
  let order;
  try {
    order = JSON.parse(event.body ?? '');
  } catch {
    return json(400, { message: 'Invalid request body' });
  }
  const errors = validate(order);
  if (errors.length) return json(400, { message: 'Invalid request body', errors });
  // Store the order here (DynamoDB PutItem, …) and return the id it got.
  return json(201, { orderId: 'order-1', product: order.product, quantity: order.quantity });
};
