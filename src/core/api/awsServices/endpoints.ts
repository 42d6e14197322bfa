// core/api/awsServices: the AWS_ENDPOINT_URL_<X> suffixes of the services the local server speaks besides
// Lambda (one per row of AWS_SERVICE_PROTOCOLS), kept apart from the protocols so that a cold start, which
// sets them in the environment, does not load the protocol code.
export const SERVICE_ENDPOINT_SUFFIXES: readonly string[] = [
  'SQS',
  'SNS',
  'EVENTS',
  // The SDKs (JS v3, boto3) name EventBridge's variable after its serviceId: AWS_ENDPOINT_URL_EVENTBRIDGE.
  'EVENTBRIDGE',
  'KINESIS',
];
