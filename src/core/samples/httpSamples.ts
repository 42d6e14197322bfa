// core/samples: HTTP front doors — API Gateway REST (payload 1.0) and HTTP APIs (2.0, lambda-semantics.md §12),
// their Lambda authorizers, WebSocket APIs, Application Load Balancer targets, function URLs and CloudFront
// (Lambda@Edge) viewer requests. Shapes as the AWS documentation's examples.
import { randomUUID } from 'node:crypto';
import { apiGatewayTime, b64, hex, pathParams, queryMaps, splitPath } from './sampleHelpers';
import { flag, type SampleContext, type SampleEvent } from './sampleTypes';

const API_ID = 'abcdef1234';
const host = (ctx: SampleContext): string => `${API_ID}.execute-api.${ctx.region}.amazonaws.com`;
const UA = 'curl/8.5.0';

const restFlags = {
  method: flag('POST', 'HTTP method'),
  path: flag('/items', 'request path, with an optional ?query'),
  resource: flag('/items', 'the API resource the path matched ({param} and {proxy+} fill pathParameters)'),
  body: flag('{"name":"widget","quantity":1}', 'request body'),
  stage: flag('prod', 'stage name'),
};

function restEvent(ctx: SampleContext, f: Readonly<Record<string, string>>): Record<string, unknown> {
  const { path, query } = splitPath(f.path);
  const q = queryMaps(query);
  const headers: Record<string, string> = { Accept: '*/*', 'Content-Type': 'application/json', Host: host(ctx), 'User-Agent': UA, 'X-Forwarded-For': '127.0.0.1', 'X-Forwarded-Port': '443', 'X-Forwarded-Proto': 'https' };
  return {
    resource: f.resource,
    path,
    httpMethod: f.method.toUpperCase(),
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: q.single,
    multiValueQueryStringParameters: q.multi,
    pathParameters: pathParams(f.resource, path),
    stageVariables: null,
    requestContext: {
      accountId: ctx.accountId,
      apiId: API_ID,
      resourceId: hex(3),
      resourcePath: f.resource,
      httpMethod: f.method.toUpperCase(),
      path: `/${f.stage}${path}`,
      protocol: 'HTTP/1.1',
      stage: f.stage,
      requestId: randomUUID(),
      extendedRequestId: hex(8),
      requestTime: apiGatewayTime(ctx.now),
      requestTimeEpoch: ctx.now.getTime(),
      identity: { accessKey: null, accountId: null, caller: null, cognitoIdentityId: null, sourceIp: '127.0.0.1', user: null, userAgent: UA, userArn: null },
      domainName: host(ctx),
      domainPrefix: API_ID,
    },
    body: f.body === '' ? null : f.body,
    isBase64Encoded: false,
  };
}

const awsProxy: SampleEvent = {
  service: 'apigateway',
  event: 'aws-proxy',
  label: 'API Gateway REST API (payload 1.0)',
  description: 'POST /items with a JSON body',
  flags: restFlags,
  create: (ctx) => restEvent(ctx, ctx.flags),
};

const httpApiProxy: SampleEvent = {
  service: 'apigateway',
  event: 'http-api-proxy',
  label: 'API Gateway HTTP API (payload 2.0)',
  description: 'GET /hello with a query string, headers and a cookie',
  flags: {
    method: flag('GET', 'HTTP method'),
    path: flag('/hello?name=world', 'request path, with an optional ?query'),
    route: flag('', 'route key path ({param}, {proxy+}); defaults to the path'),
    body: flag('', 'request body'),
    stage: flag('$default', 'stage name'),
  },
  create: (ctx) => {
    const f = ctx.flags;
    const { path, query } = splitPath(f.path);
    const method = f.method.toUpperCase();
    const routeKey = `${method} ${f.route || path}`;
    return {
      version: '2.0',
      routeKey,
      rawPath: path,
      rawQueryString: query,
      cookies: ['session=abc123'],
      headers: { accept: 'application/json', 'content-length': String(Buffer.byteLength(f.body)), host: host(ctx), 'user-agent': UA, 'x-forwarded-for': '127.0.0.1', 'x-forwarded-port': '443', 'x-forwarded-proto': 'https' },
      ...(query ? { queryStringParameters: queryMaps(query).single } : {}),
      requestContext: {
        accountId: ctx.accountId,
        apiId: API_ID,
        domainName: host(ctx),
        domainPrefix: API_ID,
        http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: UA },
        requestId: randomUUID(),
        routeKey,
        stage: f.stage,
        time: apiGatewayTime(ctx.now),
        timeEpoch: ctx.now.getTime(),
      },
      ...(f.body ? { body: f.body } : {}),
      pathParameters: pathParams(f.route || path, path) ?? undefined,
      isBase64Encoded: false,
    };
  },
};

const methodArn = (ctx: SampleContext, f: Readonly<Record<string, string>>): string => `arn:${ctx.partition}:execute-api:${ctx.region}:${ctx.accountId}:${f.restApiId}/${f.stage}/${f.method.toUpperCase()}/${f.resource.replace(/^\//, '')}`;
const authorizerFlags = {
  method: flag('GET', 'HTTP method of the request being authorized'),
  resource: flag('/items', 'resource path of the request'),
  stage: flag('prod', 'stage name'),
  restApiId: flag(API_ID, 'the API id in methodArn'),
  token: flag('allow', 'the Authorization header value'),
};

const tokenAuthorizer: SampleEvent = {
  service: 'apigateway',
  event: 'authorizer',
  label: 'API Gateway TOKEN authorizer',
  description: 'a REST API Lambda authorizer of type TOKEN',
  flags: authorizerFlags,
  create: (ctx) => ({ type: 'TOKEN', authorizationToken: ctx.flags.token, methodArn: methodArn(ctx, ctx.flags) }),
};

const requestAuthorizer: SampleEvent = {
  service: 'apigateway',
  event: 'request-authorizer',
  label: 'API Gateway REQUEST authorizer (REST)',
  description: 'a REST API Lambda authorizer of type REQUEST',
  flags: authorizerFlags,
  create: (ctx) => {
    const f = ctx.flags;
    const e = restEvent(ctx, { ...f, path: f.resource, body: '' });
    const headers = { ...(e.headers as Record<string, string>), Authorization: f.token };
    return {
      type: 'REQUEST',
      methodArn: methodArn(ctx, f),
      resource: e.resource,
      path: e.path,
      httpMethod: e.httpMethod,
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      queryStringParameters: {},
      multiValueQueryStringParameters: {},
      pathParameters: {},
      stageVariables: {},
      requestContext: e.requestContext,
    };
  },
};

const requestAuthorizerV2: SampleEvent = {
  service: 'apigateway',
  event: 'request-authorizer-v2',
  label: 'API Gateway REQUEST authorizer (HTTP API, payload 2.0)',
  description: 'an HTTP API Lambda authorizer event',
  flags: { ...authorizerFlags, stage: flag('$default', 'stage name') },
  create: (ctx) => {
    const f = ctx.flags;
    const e = httpApiProxy.create({ ...ctx, flags: { method: f.method, path: f.resource, route: '', body: '', stage: f.stage } }) as Record<string, unknown>;
    return {
      version: '2.0',
      type: 'REQUEST',
      routeArn: methodArn(ctx, f),
      identitySource: [f.token],
      routeKey: e.routeKey,
      rawPath: e.rawPath,
      rawQueryString: e.rawQueryString,
      cookies: e.cookies,
      headers: { ...(e.headers as Record<string, string>), authorization: f.token },
      requestContext: e.requestContext,
      pathParameters: {},
      stageVariables: {},
    };
  },
};

const websocket: SampleEvent = {
  service: 'apigateway',
  event: 'websocket-message',
  label: 'API Gateway WebSocket API message',
  description: 'a MESSAGE on the $default route',
  flags: { body: flag('{"action":"sendmessage","data":"hello"}', 'the frame received'), route: flag('$default', 'route key'), stage: flag('production', 'stage name') },
  create: (ctx) => ({
    requestContext: {
      routeKey: ctx.flags.route,
      messageId: `${hex(6)}=`,
      eventType: 'MESSAGE',
      extendedRequestId: `${hex(6)}=`,
      requestTime: apiGatewayTime(ctx.now),
      messageDirection: 'IN',
      stage: ctx.flags.stage,
      connectedAt: ctx.now.getTime() - 60_000,
      requestTimeEpoch: ctx.now.getTime(),
      identity: { sourceIp: '127.0.0.1' },
      requestId: `${hex(6)}=`,
      domainName: host(ctx),
      connectionId: `${hex(6)}=`,
      apiId: API_ID,
    },
    body: ctx.flags.body,
    isBase64Encoded: false,
  }),
};

const alb: SampleEvent = {
  service: 'alb',
  event: 'request',
  label: 'Application Load Balancer',
  description: 'a request forwarded to a Lambda target group',
  flags: { method: flag('GET', 'HTTP method'), path: flag('/lambda?query=1234ABCD', 'request path, with an optional ?query'), body: flag('', 'request body') },
  create: (ctx) => {
    const { path, query } = splitPath(ctx.flags.path);
    return {
      requestContext: { elb: { targetGroupArn: `arn:${ctx.partition}:elasticloadbalancing:${ctx.region}:${ctx.accountId}:targetgroup/lambda-target/${hex(8)}` } },
      httpMethod: ctx.flags.method.toUpperCase(),
      path,
      queryStringParameters: queryMaps(query).single ?? {},
      headers: { accept: '*/*', host: 'lambda-alb-123578498.us-east-1.elb.amazonaws.com', 'user-agent': UA, 'x-amzn-trace-id': `Root=1-${Math.floor(ctx.now.getTime() / 1000).toString(16)}-${hex(12)}`, 'x-forwarded-for': '127.0.0.1', 'x-forwarded-port': '80', 'x-forwarded-proto': 'http' },
      body: ctx.flags.body,
      isBase64Encoded: false,
    };
  },
};

const functionUrl: SampleEvent = {
  service: 'lambda',
  event: 'function-url',
  label: 'Lambda function URL',
  description: 'a request to a function URL (payload 2.0)',
  flags: { method: flag('POST', 'HTTP method'), path: flag('/my/path?parameter1=value1', 'request path, with an optional ?query'), body: flag('Hello from client!', 'request body'), base64: flag('false', 'true: send the body base64-encoded, as for binary content') },
  create: (ctx) => {
    const f = ctx.flags;
    const { path, query } = splitPath(f.path);
    const urlId = hex(16).slice(0, 32);
    const domain = `${urlId}.lambda-url.${ctx.region}.on.aws`;
    const encoded = f.base64 === 'true';
    return {
      version: '2.0',
      routeKey: '$default',
      rawPath: path,
      rawQueryString: query,
      headers: { 'content-type': 'text/plain', host: domain, 'user-agent': UA, 'x-amzn-trace-id': `Root=1-${hex(4)}-${hex(12)}`, 'x-forwarded-for': '127.0.0.1', 'x-forwarded-port': '443', 'x-forwarded-proto': 'https' },
      ...(query ? { queryStringParameters: queryMaps(query).single } : {}),
      requestContext: {
        accountId: 'anonymous',
        apiId: urlId,
        domainName: domain,
        domainPrefix: urlId,
        http: { method: f.method.toUpperCase(), path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: UA },
        requestId: randomUUID(),
        routeKey: '$default',
        stage: '$default',
        time: apiGatewayTime(ctx.now),
        timeEpoch: ctx.now.getTime(),
      },
      body: encoded ? b64(f.body) : f.body,
      isBase64Encoded: encoded,
    };
  },
};

const cloudfront: SampleEvent = {
  service: 'cloudfront',
  event: 'viewer-request',
  label: 'CloudFront viewer request (Lambda@Edge)',
  description: 'a viewer-request event of a distribution',
  flags: { uri: flag('/test', 'request URI'), method: flag('GET', 'HTTP method') },
  create: (ctx) => ({
    Records: [{
      cf: {
        config: { distributionDomainName: 'd111111abcdef8.cloudfront.net', distributionId: 'EDFDVBD6EXAMPLE', eventType: 'viewer-request', requestId: `${hex(20)}==` },
        request: {
          clientIp: '127.0.0.1',
          headers: { host: [{ key: 'Host', value: 'd111111abcdef8.cloudfront.net' }], 'user-agent': [{ key: 'User-Agent', value: UA }] },
          method: ctx.flags.method.toUpperCase(),
          querystring: '',
          uri: ctx.flags.uri,
        },
      },
    }],
  }),
};

export const HTTP_SAMPLES: readonly SampleEvent[] = [httpApiProxy, awsProxy, tokenAuthorizer, requestAuthorizer, requestAuthorizerV2, websocket, alb, functionUrl, cloudfront];
