// core/api/awsServices: the table of AWS services served beside the Lambda API (ARCHITECTURE.md rule 3: one
// row each). The asynchronous-invocation issue adds SQS, SNS and EventBridge; the event-source issue Kinesis and
// DynamoDB's item operations (whose endpoint variable is not set in function environments: see its file).
import { dynamodbProtocol } from './dynamodb/dynamodbProtocol';
import { eventBridgeProtocol } from './eventBridge';
import { kinesisProtocol } from './kinesis/kinesisProtocol';
import type { ServiceProtocol } from './serviceProtocol';
import { snsProtocol } from './sns/snsProtocol';
import { sqsProtocol } from './sqs/sqsProtocol';

export const AWS_SERVICE_PROTOCOLS: readonly ServiceProtocol[] = [sqsProtocol, snsProtocol, eventBridgeProtocol, kinesisProtocol, dynamodbProtocol];

export type { ServiceProtocol, ServiceRequest } from './serviceProtocol';
export { signingServiceOf } from './serviceProtocol';
