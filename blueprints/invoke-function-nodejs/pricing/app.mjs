// Prices a cart; CheckoutFunction calls it through the Lambda API.
const PRICES = { widget: 2.5, gadget: 10 };

export const handler = async ({ items = [] }) => {
  const total = items.reduce((sum, { product, quantity }) => sum + (PRICES[product] ?? 0) * quantity, 0);
  return { total, currency: 'EUR' };
};
