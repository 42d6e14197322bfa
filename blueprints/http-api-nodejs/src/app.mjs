// Items live in memory (per execution environment); use a DynamoDB table for data that must last.
const items = new Map([['1', { id: '1', name: 'widget' }]]);

const json = (statusCode, body) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const readBody = (event) => {
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body;
  return text ? JSON.parse(text) : {};
};

// One row per route: the key is the route key API Gateway puts in event.routeKey.
const routes = {
  'GET /items': () => json(200, { items: [...items.values()] }),
  'GET /items/{id}': (event) => {
    const item = items.get(event.pathParameters.id);
    return item ? json(200, item) : json(404, { message: `No item ${event.pathParameters.id}` });
  },
  'POST /items': (event) => {
    const { name } = readBody(event);
    if (typeof name !== 'string' || !name) return json(400, { message: 'name is required' });
    const item = { id: String(items.size + 1), name };
    items.set(item.id, item);
    return json(201, item);
  },
};

export const handler = async (event) => {
  const route = routes[event.routeKey];
  if (!route) return json(404, { message: `No route ${event.routeKey}` });
  try {
    return await route(event);
  } catch (err) {
    if (err instanceof SyntaxError) return json(400, { message: 'Body is not valid JSON' });
    throw err;
  }
};
