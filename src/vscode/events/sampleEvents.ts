// vscode layer, vscode-free: built-in sample events, generated with fresh ids and timestamps as
// `sam local generate-event` does. Record shapes follow lambda-semantics.md §11 (SQS, Kinesis, DynamoDB)
// and §12 (HTTP API payload 2.0); the others follow the AWS documentation's samples.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export interface SampleContext {
  region: string;
  accountId: string;
  now: Date;
}

export interface SampleEvent {
  id: string;
  label: string;
  description: string;
  create(ctx: SampleContext): unknown;
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
const digits = (n: number): string => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
/** API Gateway's request time format: 12/Mar/2020:19:03:58 +0000. */
function apiGatewayTime(d: Date): string {
  const mon = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

const httpApiV2: SampleEvent = {
  id: 'apigateway-http-v2',
  label: 'API Gateway HTTP API (payload 2.0)',
  description: 'GET /hello with a query string, headers and a cookie',
  create: ({ accountId, now }) => ({
    version: '2.0',
    routeKey: 'GET /hello',
    rawPath: '/hello',
    rawQueryString: 'name=world',
    cookies: ['session=abc123'],
    headers: { accept: 'application/json', host: 'abcdef1234.execute-api.us-east-1.amazonaws.com', 'user-agent': 'curl/8.5.0', 'x-forwarded-for': '127.0.0.1' },
    queryStringParameters: { name: 'world' },
    requestContext: {
      accountId,
      apiId: 'abcdef1234',
      domainName: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abcdef1234',
      http: { method: 'GET', path: '/hello', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8.5.0' },
      requestId: randomUUID(),
      routeKey: 'GET /hello',
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    body: '',
    pathParameters: {},
    isBase64Encoded: false,
    stageVariables: {},
  }),
};

const restV1: SampleEvent = {
  id: 'apigateway-rest-v1',
  label: 'API Gateway REST API (payload 1.0)',
  description: 'POST /items with a JSON body',
  create: ({ accountId, now }) => {
    const body = JSON.stringify({ name: 'widget', quantity: 1 });
    return {
      resource: '/items',
      path: '/items',
      httpMethod: 'POST',
      headers: { 'Content-Type': 'application/json', Host: 'abcdef1234.execute-api.us-east-1.amazonaws.com' },
      multiValueHeaders: { 'Content-Type': ['application/json'], Host: ['abcdef1234.execute-api.us-east-1.amazonaws.com'] },
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      requestContext: {
        accountId,
        apiId: 'abcdef1234',
        resourceId: hex(3),
        resourcePath: '/items',
        httpMethod: 'POST',
        path: '/prod/items',
        protocol: 'HTTP/1.1',
        stage: 'prod',
        requestId: randomUUID(),
        extendedRequestId: hex(8),
        requestTime: apiGatewayTime(now),
        requestTimeEpoch: now.getTime(),
        identity: { sourceIp: '127.0.0.1', userAgent: 'curl/8.5.0' },
        domainName: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
      },
      body,
      isBase64Encoded: false,
    };
  },
};

const sqs: SampleEvent = {
  id: 'sqs',
  label: 'SQS',
  description: 'one message from a standard queue',
  create: ({ region, accountId, now }) => {
    const body = JSON.stringify({ orderId: digits(6) });
    const ms = String(now.getTime());
    return {
      Records: [{
        messageId: randomUUID(),
        receiptHandle: randomBytes(48).toString('base64'),
        body,
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: ms, SenderId: `AIDA${hex(8).toUpperCase()}`, ApproximateFirstReceiveTimestamp: ms },
        messageAttributes: {},
        md5OfBody: md5(body),
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:${region}:${accountId}:my-queue`,
        awsRegion: region,
      }],
    };
  },
};

const sns: SampleEvent = {
  id: 'sns',
  label: 'SNS',
  description: 'one notification from a topic',
  create: ({ region, accountId, now }) => {
    const topic = `arn:aws:sns:${region}:${accountId}:my-topic`;
    return {
      Records: [{
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topic}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: topic,
          Subject: 'example subject',
          Message: 'example message',
          Timestamp: now.toISOString(),
          SignatureVersion: '1',
          Signature: randomBytes(32).toString('base64'),
          SigningCertUrl: `https://sns.${region}.amazonaws.com/SimpleNotificationService-${hex(16)}.pem`,
          UnsubscribeUrl: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topic}`,
          MessageAttributes: {},
        },
      }],
    };
  },
};

const s3Put: SampleEvent = {
  id: 's3-put',
  label: 'S3 Put',
  description: 'ObjectCreated:Put on a bucket',
  create: ({ region, now }) => ({
    Records: [{
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: region,
      eventTime: now.toISOString(),
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: `AWS:${hex(10).toUpperCase()}` },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': hex(8).toUpperCase(), 'x-amz-id-2': randomBytes(48).toString('base64') },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: randomUUID(),
        bucket: { name: 'example-bucket', ownerIdentity: { principalId: hex(7).toUpperCase() }, arn: 'arn:aws:s3:::example-bucket' },
        object: { key: 'test/key', size: 1024, eTag: hex(16), sequencer: hex(9).toUpperCase() },
      },
    }],
  }),
};

const schedule: SampleEvent = {
  id: 'eventbridge-schedule',
  label: 'EventBridge (schedule)',
  description: 'a Scheduled Event from a rule',
  create: ({ region, accountId, now }) => ({
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: accountId,
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:events:${region}:${accountId}:rule/my-schedule`],
    detail: {},
  }),
};

const dynamodbStream: SampleEvent = {
  id: 'dynamodb-stream',
  label: 'DynamoDB Streams',
  description: 'INSERT and MODIFY records (NEW_AND_OLD_IMAGES)',
  create: ({ region, accountId, now }) => {
    const seconds = Math.floor(now.getTime() / 1000);
    const arn = `arn:aws:dynamodb:${region}:${accountId}:table/ExampleTable/stream/${now.toISOString().slice(0, 23)}`;
    const record = (eventName: 'INSERT' | 'MODIFY', seq: number, image: Record<string, unknown>, old?: Record<string, unknown>): unknown => ({
      eventID: hex(16),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: region,
      dynamodb: {
        ApproximateCreationDateTime: seconds,
        Keys: { Id: { N: '101' } },
        NewImage: image,
        ...(old ? { OldImage: old } : {}),
        SequenceNumber: String(seq) + digits(20),
        SizeBytes: 26,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: arn,
    });
    return {
      Records: [
        record('INSERT', 1, { Id: { N: '101' }, Message: { S: 'New item!' } }),
        record('MODIFY', 2, { Id: { N: '101' }, Message: { S: 'This item has changed' } }, { Id: { N: '101' }, Message: { S: 'New item!' } }),
      ],
    };
  },
};

const kinesis: SampleEvent = {
  id: 'kinesis',
  label: 'Kinesis Data Streams',
  description: 'one record with base64 data',
  create: ({ region, accountId, now }) => {
    const sequenceNumber = '4959' + digits(52);
    return {
      Records: [{
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: '1',
          sequenceNumber,
          data: Buffer.from('Hello, this is a test.').toString('base64'),
          approximateArrivalTimestamp: now.getTime() / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000000:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: `arn:aws:iam::${accountId}:role/lambda-role`,
        awsRegion: region,
        eventSourceARN: `arn:aws:kinesis:${region}:${accountId}:stream/my-stream`,
      }],
    };
  },
};

/** Every built-in sample, in the order the quick pick lists them. */
export const SAMPLE_EVENTS: readonly SampleEvent[] = [httpApiV2, restV1, sqs, sns, s3Put, schedule, dynamodbStream, kinesis];

/** A fresh sample as pretty-printed JSON text. */
export function generateSampleEvent(id: string, ctx: Partial<SampleContext> = {}): string {
  const sample = SAMPLE_EVENTS.find((s) => s.id === id);
  if (!sample) throw new Error(`Unknown sample event "${id}". Use one of: ${SAMPLE_EVENTS.map((s) => s.id).join(', ')}.`);
  const full: SampleContext = { region: ctx.region ?? 'us-east-1', accountId: ctx.accountId ?? '123456789012', now: ctx.now ?? new Date() };
  return JSON.stringify(sample.create(full), null, 2) + '\n';
}
