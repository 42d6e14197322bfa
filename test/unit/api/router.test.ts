// Unit: the Lambda API's operations table — path patterns of the model, decoding of path labels (ARNs),
// trailing slashes, query-qualified rows before plain ones — and the wire form of errors (§5.4).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LambdaApiError, toWireError } from '../../../src/core/api/apiErrors';
import { LAMBDA_OPERATIONS } from '../../../src/core/api/operations';
import { Router } from '../../../src/core/api/router';
import { WorkbenchError } from '../../../src/core/common/errors';

const router = new Router(LAMBDA_OPERATIONS);
const match = (method: string, url: string) => {
  const u = new URL(url, 'http://x');
  const m = router.match(method, u.pathname, u.searchParams);
  return m && { op: m.op.name, params: m.params };
};

describe('Lambda API router', () => {
  test('each operation by method and path, with its labels', () => {
    assert.deepEqual(match('POST', '/2015-03-31/functions/my-fn/invocations'), { op: 'Invoke', params: { FunctionName: 'my-fn' } });
    assert.deepEqual(match('POST', '/2021-11-15/functions/f/response-streaming-invocations'), { op: 'InvokeWithResponseStream', params: { FunctionName: 'f' } });
    assert.equal(match('GET', '/2015-03-31/functions')?.op, 'ListFunctions');
    assert.equal(match('POST', '/2015-03-31/functions')?.op, 'CreateFunction');
    assert.equal(match('GET', '/2015-03-31/functions/f')?.op, 'GetFunction');
    assert.equal(match('DELETE', '/2015-03-31/functions/f')?.op, 'DeleteFunction');
    assert.equal(match('PUT', '/2015-03-31/functions/f/code')?.op, 'UpdateFunctionCode');
    assert.deepEqual(match('GET', '/2018-10-31/layers/l/versions/3'), { op: 'GetLayerVersion', params: { LayerName: 'l', VersionNumber: '3' } });
    assert.deepEqual(match('PUT', '/2015-03-31/functions/f/aliases/live'), { op: 'UpdateAlias', params: { FunctionName: 'f', Name: 'live' } });
  });

  test('path labels are URL-decoded (an ARN with its colons), a trailing slash is accepted', () => {
    assert.deepEqual(match('GET', '/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af'), {
      op: 'ListTags',
      params: { Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f' },
    });
    assert.equal(match('GET', '/2016-08-19/account-settings/')?.op, 'GetAccountSettings');
  });

  test('a row that requires a query parameter wins over the plain path; unknown paths and methods match nothing', () => {
    assert.equal(match('GET', '/2018-10-31/layers?find=LayerVersion&Arn=x')?.op, 'GetLayerVersionByArn');
    assert.equal(match('GET', '/2018-10-31/layers?MaxItems=2')?.op, 'ListLayers');
    assert.equal(match('GET', '/2015-03-31/nothing'), undefined);
    assert.equal(match('PATCH', '/2015-03-31/functions/f'), undefined);
  });
});

describe('Lambda API error wire form', () => {
  test('message key and status as the model has them for each exception', () => {
    assert.deepEqual(toWireError(new WorkbenchError('FUNCTION_NOT_FOUND', 'gone')), { status: 404, type: 'ResourceNotFoundException', body: { Type: 'User', Message: 'gone' } });
    assert.deepEqual(toWireError(new WorkbenchError('INVALID_PARAMETER', 'bad')), { status: 400, type: 'InvalidParameterValueException', body: { Type: 'User', message: 'bad' } });
    assert.deepEqual(toWireError(new WorkbenchError('PRECONDITION_FAILED', 'rev')), { status: 412, type: 'PreconditionFailedException', body: { Type: 'User', message: 'rev' } });
    assert.deepEqual(toWireError(new LambdaApiError('TooManyRequestsException', 'Rate Exceeded.', 'INVALID_PARAMETER', { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' })), {
      status: 429,
      type: 'TooManyRequestsException',
      body: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' },
    });
    assert.deepEqual(toWireError(new Error('boom')), { status: 500, type: 'ServiceException', body: { Type: 'Service', Message: 'boom' } });
  });
});
