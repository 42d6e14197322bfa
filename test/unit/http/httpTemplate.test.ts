// Unit: the template's HTTP front doors → HttpModel: SAM APIs and events (implicit and explicit, Globals,
// AutoPublishAlias), AWS::ApiGatewayV2 and AWS::ApiGateway resources with Lambda proxy integrations,
// AWS::Lambda::Url, and coded errors naming the resource and line for bad declarations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTemplate } from '../../../src/core/template/index';
import { tempProject } from '../template/helpers';

const HEAD = 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function: { Runtime: nodejs22.x, CodeUri: src, Handler: a.handler }\nResources:\n';

async function httpOf(resources: string) {
  const dir = tempProject({ 'template.yaml': HEAD + resources, 'src/a.js': '' });
  const model = await loadTemplate({ cwd: dir });
  return model.http!;
}

void test('SAM: explicit HttpApi with stage, variables, CORS and authorizers; events name it by ApiId; AutoPublishAlias is the qualifier', async () => {
  const http = await httpOf(`  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: beta
      StageVariables: { a: '1' }
      CorsConfiguration: true
      Auth:
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt: { IdentitySource: $request.header.Authorization, JwtConfiguration: { issuer: https://issuer, audience: [x] } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      AutoPublishAlias: live
      Events:
        Get: { Type: HttpApi, Properties: { ApiId: !Ref Api, Path: '/a/{b}/', Method: GET, TimeoutInMillis: 5000, Auth: { Authorizer: NONE } } }
`);
  assert.equal(http.broken.length, 0);
  const api = http.apis.find((a) => a.id === 'Api')!;
  assert.deepEqual([api.kind, api.stage, api.stageVariables, api.defaultAuthorizer, api.implicit], ['http', 'beta', { a: '1' }, 'Jwt', false]);
  assert.deepEqual(api.cors?.allowOrigins, ['*']);
  assert.equal(api.authorizers[0].name, 'Jwt');
  assert.equal((api.authorizers[0].properties.JwtConfiguration as any).issuer, 'https://issuer');
  const r = api.routes[0];
  assert.deepEqual([r.method, r.path, r.routeKey, r.integration], ['GET', '/a/{b}', 'GET /a/{b}', { functionName: 'Fn', qualifier: 'live', payloadFormatVersion: '2.0', timeoutMs: 5000 }]);
  assert.deepEqual(r.auth, { authorizer: 'NONE' });
  assert.deepEqual(r.source, { logicalId: 'Fn', eventName: 'Get', templateLine: 20 });
});

void test('SAM: implicit REST API gets Globals.Api; SAM Cors strings are unquoted; BinaryMediaTypes ~1 decoded', async () => {
  const dir = tempProject({
    'template.yaml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: nodejs22.x, CodeUri: src, Handler: a.handler }
  Api:
    Cors: { AllowOrigin: "'https://x.example'", AllowMethods: "'GET,POST'", MaxAge: "'60'" }
    BinaryMediaTypes: [image~1png, '*~1*']
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        A: { Type: Api, Properties: { Path: /x, Method: any, Auth: { ApiKeyRequired: true } } }
`,
    'src/a.js': '',
  });
  const api = (await loadTemplate({ cwd: dir })).http!.apis[0];
  assert.deepEqual([api.id, api.kind, api.stage, api.implicit], ['ServerlessRestApi', 'rest', 'Prod', true]);
  assert.deepEqual(api.cors, { allowOrigins: ['https://x.example'], allowMethods: ['GET', 'POST'], allowHeaders: [], exposeHeaders: [], allowCredentials: false, maxAge: 60 });
  assert.deepEqual(api.binaryMediaTypes, ['image/png', '*/*']);
  assert.deepEqual([api.routes[0].method, api.routes[0].integration.payloadFormatVersion, api.routes[0].integration.timeoutMs, api.routes[0].auth], ['ANY', '1.0', 29000, { apiKeyRequired: true }]);
});

void test('CloudFormation: ApiGatewayV2 Api + Integration + Route + Stage, quick-create Target, and WebSocket skipped', async () => {
  const http = await httpOf(`  Fn:
    Type: AWS::Serverless::Function
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: v2, ProtocolType: HTTP }
  Quick:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: quick, ProtocolType: HTTP, Target: !GetAtt Fn.Arn }
  Ws:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: ws, ProtocolType: WEBSOCKET }
  Integ:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}:live/invocations
      PayloadFormatVersion: '1.0'
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Api, RouteKey: 'POST /things/{id}', Target: !Sub 'integrations/\${Integ}', AuthorizationType: JWT, AuthorizerId: !Ref Auth, AuthorizationScopes: [read] }
  Auth:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties: { ApiId: !Ref Api, Name: jwt, AuthorizerType: JWT }
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref Api, StageName: live, StageVariables: { k: v } }
`);
  assert.deepEqual(http.broken, []);
  assert.deepEqual(http.apis.map((a) => a.id), ['Api', 'Quick']);
  const api = http.apis[0];
  assert.deepEqual([api.stage, api.stageVariables, api.authorizers.map((a) => [a.name, a.origin])], ['live', { k: 'v' }, [['Auth', 'apigatewayv2']]]);
  assert.deepEqual(api.routes[0].integration, { functionName: 'Fn', qualifier: 'live', payloadFormatVersion: '1.0', timeoutMs: 30000 });
  assert.deepEqual(api.routes[0].auth, { authorizer: 'Auth', scopes: ['read'] });
  assert.deepEqual([http.apis[1].routes[0].routeKey, http.apis[1].routes[0].integration.functionName], ['$default', 'Fn']);
});

void test('CloudFormation: RestApi + nested Resources + proxy Methods; a non-proxy method is skipped; Stage names the stage', async () => {
  const http = await httpOf(`  Fn:
    Type: AWS::Serverless::Function
  Rest:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: r, BinaryMediaTypes: [application/pdf] }
  Users:
    Type: AWS::ApiGateway::Resource
    Properties: { RestApiId: !Ref Rest, ParentId: !GetAtt Rest.RootResourceId, PathPart: users }
  User:
    Type: AWS::ApiGateway::Resource
    Properties: { RestApiId: !Ref Rest, ParentId: !Ref Users, PathPart: '{id}' }
  GetUser:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Rest
      ResourceId: !Ref User
      HttpMethod: GET
      AuthorizationType: NONE
      ApiKeyRequired: true
      Integration: { Type: AWS_PROXY, IntegrationHttpMethod: POST, Uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations' }
  Root:
    Type: AWS::ApiGateway::Method
    Properties: { RestApiId: !Ref Rest, ResourceId: !GetAtt Rest.RootResourceId, HttpMethod: ANY, Integration: { Type: AWS_PROXY, Uri: !GetAtt Fn.Arn } }
  Mock:
    Type: AWS::ApiGateway::Method
    Properties: { RestApiId: !Ref Rest, ResourceId: !Ref Users, HttpMethod: OPTIONS, Integration: { Type: MOCK } }
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: !Ref Rest, StageName: v1, Variables: { x: y } }
`);
  assert.deepEqual(http.broken, []);
  const api = http.apis[0];
  assert.deepEqual([api.kind, api.stage, api.stageVariables, api.binaryMediaTypes], ['rest', 'v1', { x: 'y' }, ['application/pdf']]);
  assert.deepEqual(api.routes.map((r) => [r.routeKey, r.auth]), [['GET /users/{id}', { apiKeyRequired: true }], ['ANY /', undefined]]);
});

void test('AWS::Lambda::Url and FunctionUrlConfig: auth type, invoke mode, qualifier, CORS', async () => {
  const http = await httpOf(`  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionUrlConfig: { AuthType: NONE, InvokeMode: RESPONSE_STREAM, Cors: { AllowOrigins: ['*'] } }
  Url:
    Type: AWS::Lambda::Url
    Properties: { TargetFunctionArn: !GetAtt Fn.Arn, Qualifier: prod, AuthType: AWS_IAM }
`);
  assert.deepEqual(http.apis.map((a) => [a.id, a.url]), [
    ['FnUrl', { authType: 'NONE', invokeMode: 'RESPONSE_STREAM', functionName: 'Fn' }],
    ['Url', { authType: 'AWS_IAM', invokeMode: 'BUFFERED', functionName: 'Fn', qualifier: 'prod' }],
  ]);
  assert.deepEqual(http.apis[0].cors?.allowOrigins, ['*']);
  assert.equal(http.apis[1].routes[0].integration.qualifier, 'prod');
});

void test('bad declarations are broken with TEMPLATE_INVALID naming the resource and line; the rest is served', async () => {
  const http = await httpOf(`  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionUrlConfig: { AuthType: SOMETIMES }
      Events:
        Ok: { Type: HttpApi, Properties: { Path: /ok, Method: get } }
        NoPath: { Type: Api, Properties: { Method: get } }
        BadApi: { Type: HttpApi, Properties: { ApiId: !Ref Missing, Path: /x, Method: get } }
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Fn, RouteKey: 'GET /r', Target: integrations/none }
`);
  assert.deepEqual(http.apis.flatMap((a) => a.routes.map((r) => r.routeKey)), ['GET /ok']);
  const messages = http.broken.map((b) => `${b.logicalId} ${b.error.code} ${b.error.message}`);
  assert.deepEqual(messages, [
    'Fn TEMPLATE_INVALID Event "NoPath" of function "Fn" has no Path (template.yaml:11). Add Path, e.g. /items/{id}',
    'Fn TEMPLATE_INVALID ApiId of event "BadApi" of function "Fn" names "Missing", which is not a resource of this template (or could not be read) (template.yaml:12). Use ApiId: !Ref <an AWS::Serverless::HttpApi of this template>',
    'Fn TEMPLATE_INVALID FunctionUrlConfig.AuthType of function "Fn" is "SOMETIMES" (template.yaml:8). Use NONE or AWS_IAM',
    'Route TEMPLATE_INVALID ApiId of AWS::ApiGatewayV2::Route "Route" does not name an AWS::ApiGatewayV2::Api of this template (template.yaml:15). Use ApiId: !Ref <the API\'s logical id>',
  ]);
});
