// core/template: plausible local values for Ref / Fn::GetAtt on resources we do not emulate (tables, queues,
// buckets, roles, …), so that templates referencing them in Environment.Variables load without errors.
import type { PseudoValues } from './context';

/** Properties that carry a resource's physical name, by resource type. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::SSM::Parameter': 'Name',
  'AWS::Serverless::StateMachine': 'Name',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Serverless::Api': 'Name',
  'AWS::Serverless::HttpApi': 'Name',
};

export function nameProperty(type: string): string | undefined {
  return NAME_PROPERTY[type];
}

type ArnBuilder = (p: PseudoValues, name: string) => string;

const ARN: Record<string, ArnBuilder> = {
  'AWS::DynamoDB::Table': (p, n) => `arn:aws:dynamodb:${p.region}:${p.accountId}:table/${n}`,
  'AWS::Serverless::SimpleTable': (p, n) => `arn:aws:dynamodb:${p.region}:${p.accountId}:table/${n}`,
  'AWS::SQS::Queue': (p, n) => `arn:aws:sqs:${p.region}:${p.accountId}:${n}`,
  'AWS::SNS::Topic': (p, n) => `arn:aws:sns:${p.region}:${p.accountId}:${n}`,
  'AWS::S3::Bucket': (_p, n) => `arn:aws:s3:::${n}`,
  'AWS::IAM::Role': (p, n) => `arn:aws:iam::${p.accountId}:role/${n}`,
  'AWS::Kinesis::Stream': (p, n) => `arn:aws:kinesis:${p.region}:${p.accountId}:stream/${n}`,
  'AWS::Events::EventBus': (p, n) => `arn:aws:events:${p.region}:${p.accountId}:event-bus/${n}`,
  'AWS::Events::Rule': (p, n) => `arn:aws:events:${p.region}:${p.accountId}:rule/${n}`,
  'AWS::Logs::LogGroup': (p, n) => `arn:aws:logs:${p.region}:${p.accountId}:log-group:${n}:*`,
  'AWS::SecretsManager::Secret': (p, n) => `arn:aws:secretsmanager:${p.region}:${p.accountId}:secret:${n}`,
  'AWS::Serverless::StateMachine': (p, n) => `arn:aws:states:${p.region}:${p.accountId}:stateMachine:${n}`,
  'AWS::StepFunctions::StateMachine': (p, n) => `arn:aws:states:${p.region}:${p.accountId}:stateMachine:${n}`,
};

function genericArn(p: PseudoValues, type: string, name: string): string {
  const [, service = 'unknown', kind = 'resource'] = type.split('::');
  return `arn:aws:${service.toLowerCase()}:${p.region}:${p.accountId}:${kind.toLowerCase()}/${name}`;
}

/** What `Ref` returns for a resource of `type` whose physical name is `name`. */
export function refValue(p: PseudoValues, type: string, name: string): string {
  switch (type) {
    case 'AWS::SQS::Queue':
      return `https://sqs.${p.region}.amazonaws.com/${p.accountId}/${name}`;
    case 'AWS::SNS::Topic':
    case 'AWS::SecretsManager::Secret':
    case 'AWS::Serverless::StateMachine':
    case 'AWS::StepFunctions::StateMachine':
      return ARN[type](p, name);
    default:
      return name;
  }
}

/** What `Fn::GetAtt` returns for attribute `attr` of a resource of `type` named `name`. */
export function attrValue(p: PseudoValues, type: string, name: string, attr: string): string {
  const arn = (ARN[type] ?? ((pp: PseudoValues, n: string) => genericArn(pp, type, n)))(p, name);
  switch (attr) {
    case 'Arn':
    case 'TopicArn':
      return arn;
    case 'StreamArn':
      return `${arn}/stream/1970-01-01T00:00:00.000`;
    case 'QueueUrl':
      return refValue(p, type, name);
    case 'DomainName':
      return type === 'AWS::S3::Bucket' ? `${name}.s3.amazonaws.com` : `${name}.local`;
    case 'RegionalDomainName':
      return `${name}.s3.${p.region}.amazonaws.com`;
    default:
      return name;
  }
}
