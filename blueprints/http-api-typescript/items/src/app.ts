import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

interface Item {
  id: string;
  name: string;
}

type Route = (event: APIGatewayProxyEventV2) => APIGatewayProxyStructuredResultV2 | Promise<APIGatewayProxyStructuredResultV2>;

// Items live in memory (per execution environment); use a DynamoDB table for data that must last.
const items = new Map<string, Item>([['1', { id: '1', name: 'widget' }]]);

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const readBody = (event: APIGatewayProxyEventV2): Record<string, unknown> => {
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
};

// One row per route: the key is the route key API Gateway puts in event.routeKey.
const routes: Record<string, Route> = {
  'GET /items': () => json(200, { items: [...items.values()] }),
  'GET /items/{id}': (event) => {
    const id = event.pathParameters?.id ?? '';
    const item = items.get(id);
    return item ? json(200, item) : json(404, { message: `No item ${id}` });
  },
  'POST /items': (event) => {
    const { name } = readBody(event);
    if (typeof name !== 'string' || !name) return json(400, { message: 'name is required' });
    const item: Item = { id: String(items.size + 1), name };
    items.set(item.id, item);
    return json(201, item);
  },
};

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const route = routes[event.routeKey];
  if (!route) return json(404, { message: `No route ${event.routeKey}` });
  try {
    return await route(event);
  } catch (err) {
    if (err instanceof SyntaxError) return json(400, { message: 'Body is not valid JSON' });
    throw err;
  }
};
