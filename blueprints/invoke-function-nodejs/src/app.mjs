// Calls PricingFunction through the AWS SDK for JavaScript v3, which the Lambda runtime provides (no need
// to package it). The client is created once per execution environment and reused by warm invokes.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

const lambda = new LambdaClient({});

export const handler = async (event) => {
  const response = await lambda.send(
    new InvokeCommand({ FunctionName: process.env.PRICING_FUNCTION, Payload: JSON.stringify({ items: event.items }) }),
  );
  const result = JSON.parse(Buffer.from(response.Payload).toString('utf8'));
  // A function error is still a 200 response: FunctionError says the payload is an error.
  if (response.FunctionError) throw new Error(`Pricing failed: ${result.errorMessage}`);
  return { cartId: event.cartId, ...result };
};
