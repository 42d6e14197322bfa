// core/api/awsServices: the AWS services other than Lambda that the local server speaks (SQS, SNS, EventBridge,
// later Kinesis…), one row per service. They share the Lambda API's port: a request is theirs when its SigV4
// credential scope or its X-Amz-Target names the service (query-protocol requests without a signature are
// recognised by their Action). Each row encodes its own errors in its service's wire format.
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiResponse, OperationContext } from '../router';

export interface ServiceRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
  /** This endpoint as the client reached it, http://127.0.0.1:<port> (for queue URLs and the like). */
  localUrl: string;
  /** The service of the SigV4 credential scope (`…/us-east-1/sqs/aws4_request` → "sqs"), if signed. */
  signingService?: string;
  /** X-Amz-Target, if any (`AmazonSQS.SendMessage`, `AWSEvents.PutEvents`). */
  target?: string;
}

export interface ServiceProtocol {
  /** The service's name, for request logs ("SQS"). */
  name: string;
  /** The suffix of its endpoint variable (AWS_ENDPOINT_URL_<suffix>); list it in endpoints.ts too. */
  endpointSuffix: string;
  /** Whether this request is for this service. */
  matches(req: ServiceRequest): boolean;
  /** Answers the request, errors included (in the service's own wire format); `operation` names it for logs. */
  handle(req: ServiceRequest, ctx: OperationContext): Promise<ApiResponse & { operation?: string }>;
}

/** The service of a SigV4 `Authorization` header's credential scope, or undefined. */
export function signingServiceOf(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (typeof auth !== 'string') return undefined;
  const m = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth);
  return m?.[1];
}
