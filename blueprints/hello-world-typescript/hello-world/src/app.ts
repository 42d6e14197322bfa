import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

// Init code runs once per execution environment; the counter shows warm reuse.
let invocations = 0;

export const handler = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
  invocations += 1;
  const greeting = process.env.GREETING ?? 'hello';
  console.log(`${greeting} from ${context.functionName}`);
  return {
    statusCode: 200,
    body: JSON.stringify({ message: `${greeting} world`, invocations, path: event.path ?? null }),
  };
};
