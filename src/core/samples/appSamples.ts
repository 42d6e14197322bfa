// core/samples: application and platform triggers — Cognito user pool triggers, CloudFormation custom resources,
// Step Functions tasks, AppSync resolvers, IoT, AWS Config rules, Lex bots, CodePipeline jobs, CodeCommit triggers
// and Secrets Manager rotation. Shapes as the AWS documentation's examples.
import { randomUUID } from 'node:crypto';
import { hex, token } from './sampleHelpers';
import { flag, type SampleContext, type SampleEvent } from './sampleTypes';

const fnArn = (ctx: SampleContext, name = 'my-function'): string => `arn:${ctx.partition}:lambda:${ctx.region}:${ctx.accountId}:function:${name}`;

function cognito(ctx: SampleContext, triggerSource: string, request: Record<string, unknown>, response: Record<string, unknown>): Record<string, unknown> {
  return {
    version: '1',
    region: ctx.region,
    userPoolId: `${ctx.region}_${ctx.flags['user-pool-id']}`,
    userName: ctx.flags.username,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: ctx.flags['client-id'] },
    triggerSource,
    request: { userAttributes: { sub: randomUUID(), email: ctx.flags.email, email_verified: 'true', 'cognito:user_status': 'CONFIRMED' }, ...request },
    response,
  };
}
const cognitoFlags = { username: flag('jane', 'user name'), email: flag('jane@example.com', 'email attribute'), 'user-pool-id': flag('EXAMPLE123', 'user pool id (after the region)'), 'client-id': flag('1example23456789', 'app client id') };
const preSignUp: SampleEvent = {
  service: 'cognito-idp', event: 'pre-signup', label: 'Cognito pre sign-up', description: 'PreSignUp_SignUp trigger', flags: cognitoFlags,
  create: (ctx) => cognito(ctx, 'PreSignUp_SignUp', { validationData: null, clientMetadata: {} }, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false }),
};
const postConfirmation: SampleEvent = {
  service: 'cognito-idp', event: 'post-confirmation', label: 'Cognito post confirmation', description: 'PostConfirmation_ConfirmSignUp trigger', flags: cognitoFlags,
  create: (ctx) => cognito(ctx, 'PostConfirmation_ConfirmSignUp', { clientMetadata: {} }, {}),
};
const preTokenGeneration: SampleEvent = {
  service: 'cognito-idp', event: 'pre-token-generation', label: 'Cognito pre token generation', description: 'TokenGeneration_Authentication trigger', flags: cognitoFlags,
  create: (ctx) => cognito(ctx, 'TokenGeneration_Authentication', { groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null }, clientMetadata: {} }, { claimsOverrideDetails: null }),
};

function cfn(ctx: SampleContext, RequestType: 'Create' | 'Update' | 'Delete'): Record<string, unknown> {
  const stack = `arn:${ctx.partition}:cloudformation:${ctx.region}:${ctx.accountId}:stack/${ctx.flags.stack}/${randomUUID()}`;
  const props = { ServiceToken: fnArn(ctx), ...(JSON.parse(ctx.flags.properties) as Record<string, unknown>) };
  return {
    RequestType,
    ServiceToken: fnArn(ctx),
    ResponseURL: `https://cloudformation-custom-resource-response-${ctx.region.replace(/-/g, '')}.s3.amazonaws.com/${encodeURIComponent(stack)}?X-Amz-Signature=${hex(32)}`,
    StackId: stack,
    RequestId: randomUUID(),
    LogicalResourceId: ctx.flags['logical-id'],
    ...(RequestType === 'Create' ? {} : { PhysicalResourceId: `${ctx.flags['logical-id']}-${hex(6)}` }),
    ResourceType: 'Custom::MyResource',
    ResourceProperties: props,
    ...(RequestType === 'Update' ? { OldResourceProperties: { ServiceToken: fnArn(ctx) } } : {}),
  };
}
const cfnFlags = { stack: flag('MyStack', 'stack name'), 'logical-id': flag('MyCustomResource', 'logical id of the custom resource'), properties: flag('{"Key":"Value"}', 'ResourceProperties (JSON)') };
const cfnCreate: SampleEvent = { service: 'cloudformation', event: 'create-request', label: 'CloudFormation custom resource (Create)', description: 'RequestType Create', flags: cfnFlags, create: (ctx) => cfn(ctx, 'Create') };
const cfnUpdate: SampleEvent = { service: 'cloudformation', event: 'update-request', label: 'CloudFormation custom resource (Update)', description: 'RequestType Update', flags: cfnFlags, create: (ctx) => cfn(ctx, 'Update') };
const cfnDelete: SampleEvent = { service: 'cloudformation', event: 'delete-request', label: 'CloudFormation custom resource (Delete)', description: 'RequestType Delete', flags: cfnFlags, create: (ctx) => cfn(ctx, 'Delete') };

const sfnTask: SampleEvent = {
  service: 'stepfunctions',
  event: 'task-token',
  label: 'Step Functions task (wait for task token)',
  description: 'a Task state invoking with .waitForTaskToken',
  flags: { input: flag('{"orderId":"123456"}', 'the state input (JSON)'), 'state-machine': flag('MyStateMachine', 'state machine name') },
  create: (ctx) => {
    const sm = `arn:${ctx.partition}:states:${ctx.region}:${ctx.accountId}:stateMachine:${ctx.flags['state-machine']}`;
    return {
      input: JSON.parse(ctx.flags.input) as unknown,
      taskToken: token(96),
      execution: { id: `${sm.replace(':stateMachine:', ':execution:')}:${randomUUID()}`, name: randomUUID(), startTime: ctx.now.toISOString() },
      stateMachine: { id: sm, name: ctx.flags['state-machine'] },
      state: { name: 'ProcessOrder', enteredTime: ctx.now.toISOString() },
    };
  },
};
const sfnError: SampleEvent = {
  service: 'stepfunctions', event: 'error', label: 'Step Functions error (Catch)', description: 'the error object a Catch passes on', flags: {},
  create: () => ({ Error: 'States.TaskFailed', Cause: JSON.stringify({ errorMessage: 'Something went wrong', errorType: 'Error', trace: [] }) }),
};

const appsync: SampleEvent = {
  service: 'appsync',
  event: 'direct-resolver',
  label: 'AppSync direct Lambda resolver',
  description: 'a Query field resolved by the function',
  flags: { field: flag('getPost', 'field name'), 'parent-type': flag('Query', 'parent type name'), arguments: flag('{"id":"1"}', 'the field arguments (JSON)') },
  create: (ctx) => ({
    arguments: JSON.parse(ctx.flags.arguments) as unknown,
    identity: null,
    source: null,
    request: { headers: { 'content-type': 'application/json', host: `${hex(13)}.appsync-api.${ctx.region}.amazonaws.com`, 'x-api-key': `da2-${hex(13)}` }, domainName: null },
    prev: null,
    info: { fieldName: ctx.flags.field, parentTypeName: ctx.flags['parent-type'], variables: {}, selectionSetList: ['id', 'title'], selectionSetGraphQL: '{\n  id\n  title\n}' },
    stash: {},
  }),
};

const iotAuthorizer: SampleEvent = {
  service: 'iot',
  event: 'custom-authorizer',
  label: 'IoT Core custom authorizer',
  description: 'an MQTT connection to authorize',
  flags: { username: flag('device-user', 'MQTT user name'), password: flag('secret', 'MQTT password (sent base64-encoded)'), 'client-id': flag('my-device', 'MQTT client id') },
  create: (ctx) => ({
    token: 'aToken',
    signatureVerified: false,
    protocols: ['tls', 'mqtt'],
    protocolData: { tls: { serverName: `${hex(7)}-ats.iot.${ctx.region}.amazonaws.com` }, mqtt: { username: ctx.flags.username, password: Buffer.from(ctx.flags.password).toString('base64'), clientId: ctx.flags['client-id'] } },
    connectionMetadata: { id: randomUUID() },
  }),
};
const iotRule: SampleEvent = {
  service: 'iot', event: 'rule', label: 'IoT Core rule', description: 'the MQTT payload a topic rule passes on',
  flags: { payload: flag('{"temperature":28,"deviceId":"sensor-1"}', 'the message payload (JSON)') },
  create: (ctx) => JSON.parse(ctx.flags.payload) as unknown,
};

const configChange: SampleEvent = {
  service: 'config',
  event: 'item-change-notification',
  label: 'AWS Config rule (configuration change)',
  description: 'a ConfigurationItemChangeNotification',
  flags: { 'resource-type': flag('AWS::EC2::Instance', 'resource type'), 'resource-id': flag('i-0123456789abcdef0', 'resource id'), rule: flag('my-config-rule', 'rule name') },
  create: (ctx) => {
    const item = {
      configurationItemCaptureTime: ctx.now.toISOString(), awsAccountId: ctx.accountId, configurationItemStatus: 'OK', resourceType: ctx.flags['resource-type'], resourceId: ctx.flags['resource-id'],
      ARN: `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:instance/${ctx.flags['resource-id']}`, awsRegion: ctx.region, availabilityZone: `${ctx.region}a`, configuration: { instanceType: 't3.micro' }, tags: {}, relationships: [],
    };
    return {
      invokingEvent: JSON.stringify({ configurationItem: item, notificationCreationTime: ctx.now.toISOString(), messageType: 'ConfigurationItemChangeNotification', recordVersion: '1.3' }),
      ruleParameters: '{}',
      resultToken: token(64),
      eventLeftScope: false,
      executionRoleArn: `arn:${ctx.partition}:iam::${ctx.accountId}:role/config-role`,
      configRuleArn: `arn:${ctx.partition}:config:${ctx.region}:${ctx.accountId}:config-rule/config-rule-${hex(3)}`,
      configRuleName: ctx.flags.rule,
      configRuleId: `config-rule-${hex(3)}`,
      accountId: ctx.accountId,
      version: '1.0',
    };
  },
};

const lexV2: SampleEvent = {
  service: 'lex',
  event: 'fulfillment',
  label: 'Lex V2 fulfillment',
  description: 'a FulfillmentCodeHook for an intent',
  flags: { intent: flag('OrderFlowers', 'intent name'), transcript: flag('I would like to order some flowers', 'what the user said') },
  create: (ctx) => {
    const intent = { name: ctx.flags.intent, slots: { FlowerType: { value: { originalValue: 'roses', interpretedValue: 'roses', resolvedValues: ['roses'] } } }, state: 'ReadyForFulfillment', confirmationState: 'None' };
    return {
      messageVersion: '1.0',
      invocationSource: 'FulfillmentCodeHook',
      inputMode: 'Text',
      responseContentType: 'text/plain; charset=utf-8',
      sessionId: randomUUID(),
      inputTranscript: ctx.flags.transcript,
      bot: { id: hex(5).toUpperCase(), name: 'FlowerBot', aliasId: 'TSTALIASID', aliasName: 'TestBotAlias', localeId: 'en_US', version: 'DRAFT' },
      interpretations: [{ intent, nluConfidence: 0.95 }],
      sessionState: { intent, sessionAttributes: {}, originatingRequestId: randomUUID() },
      requestAttributes: {},
    };
  },
};

const codePipeline: SampleEvent = {
  service: 'codepipeline',
  event: 'job',
  label: 'CodePipeline job',
  description: 'an Invoke action with its input and output artifacts',
  flags: { 'input-bucket': flag('example-bucket', 'input artifact bucket'), 'input-key': flag('test/key', 'input artifact key'), 'output-bucket': flag('example-bucket2', 'output artifact bucket'), 'output-key': flag('test/key2', 'output artifact key'), 'user-parameters': flag('', 'UserParameters of the action') },
  create: (ctx) => {
    const f = ctx.flags;
    const artifact = (name: string, bucket: string, key: string): unknown => ({ location: { s3Location: { bucketName: bucket, objectKey: key }, type: 'S3' }, revision: null, name });
    return {
      'CodePipeline.job': {
        id: randomUUID(),
        accountId: ctx.accountId,
        data: {
          actionConfiguration: { configuration: { FunctionName: 'my-function', UserParameters: f['user-parameters'] } },
          inputArtifacts: [artifact('ArtifactName', f['input-bucket'], f['input-key'])],
          outputArtifacts: [artifact('ArtifactName2', f['output-bucket'], f['output-key'])],
          // Placeholders: a real job carries short-lived credentials for the artifact bucket.
          artifactCredentials: { secretAccessKey: 'EXAMPLE-SECRET', sessionToken: 'EXAMPLE-SESSION-TOKEN', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
          continuationToken: 'A continuation token if continuing job',
        },
      },
    };
  },
};

const codeCommit: SampleEvent = {
  service: 'codecommit',
  event: 'repository',
  label: 'CodeCommit trigger',
  description: 'a push to a branch',
  flags: { repository: flag('my-repo', 'repository name'), branch: flag('main', 'branch'), 'custom-data': flag('this is custom data', 'the trigger custom data') },
  create: (ctx) => ({
    Records: [{
      awsRegion: ctx.region,
      codecommit: { references: [{ commit: hex(20), ref: `refs/heads/${ctx.flags.branch}` }] },
      customData: ctx.flags['custom-data'],
      eventId: randomUUID(),
      eventName: 'TriggerEventTest',
      eventPartNumber: 1,
      eventSource: 'aws:codecommit',
      eventSourceARN: `arn:${ctx.partition}:codecommit:${ctx.region}:${ctx.accountId}:${ctx.flags.repository}`,
      eventTime: ctx.now.toISOString().replace('Z', '+0000'),
      eventTotalParts: 1,
      eventTriggerConfigId: randomUUID(),
      eventTriggerName: 'my-trigger',
      eventVersion: '1.0',
      userIdentityARN: `arn:${ctx.partition}:iam::${ctx.accountId}:root`,
    }],
  }),
};

const secretRotation: SampleEvent = {
  service: 'secretsmanager',
  event: 'rotation',
  label: 'Secrets Manager rotation',
  description: 'one step of a secret rotation',
  flags: { step: flag('createSecret', 'createSecret | setSecret | testSecret | finishSecret'), secret: flag('my-secret', 'secret name') },
  create: (ctx) => ({ Step: ctx.flags.step, SecretId: `arn:${ctx.partition}:secretsmanager:${ctx.region}:${ctx.accountId}:secret:${ctx.flags.secret}-${hex(3)}`, ClientRequestToken: randomUUID(), RotationToken: randomUUID() }),
};

export const APP_SAMPLES: readonly SampleEvent[] = [
  preSignUp, postConfirmation, preTokenGeneration, cfnCreate, cfnUpdate, cfnDelete, sfnTask, sfnError, appsync, iotAuthorizer, iotRule,
  configChange, lexV2, codePipeline, codeCommit, secretRotation,
];
