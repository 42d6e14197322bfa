// Test helpers: @aws-sdk/client-sqs, client-sns and client-kinesis clients for the local endpoint (any credentials are accepted;
// retries off so each error is seen once).
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';

// The SDK warns once per process that its 2027 releases need Node 22; not what these tests are about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' };

export function sqsClient(endpoint: string): SQSClient {
  return new SQSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

export function snsClient(endpoint: string): SNSClient {
  return new SNSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** Kinesis's client defaults to HTTP/2; the local server speaks HTTP/1.1, so it gets the HTTP/1.1 handler. */
export function kinesisClient(endpoint: string): KinesisClient {
  return new KinesisClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
}
