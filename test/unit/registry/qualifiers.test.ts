// Unit: every form of a function name and qualifier (lambda-semantics.md §5.1, §6), and the coded errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWorkbenchError } from '../../../src/core/common/errors';
import { classifyQualifier, parseFunctionName, validateAliasName } from '../../../src/core/registry/qualifiers';

const invalid = (re: RegExp) => (e: unknown) => isWorkbenchError(e) && e.code === 'INVALID_PARAMETER' && re.test(e.message);

test('plain, qualified, full ARN and partial ARN names', () => {
  assert.deepEqual(parseFunctionName('fn'), { name: 'fn' });
  assert.deepEqual(parseFunctionName('fn:3'), { name: 'fn', qualifier: '3' });
  assert.deepEqual(parseFunctionName('fn:live'), { name: 'fn', qualifier: 'live' });
  assert.deepEqual(parseFunctionName('fn:$LATEST'), { name: 'fn', qualifier: '$LATEST' });
  assert.deepEqual(parseFunctionName('fn', 'live'), { name: 'fn', qualifier: 'live' });
  assert.deepEqual(parseFunctionName('fn:live', 'live'), { name: 'fn', qualifier: 'live' });
  assert.deepEqual(parseFunctionName('arn:aws:lambda:us-east-1:123456789012:function:fn'), { name: 'fn', qualifier: undefined, region: 'us-east-1', accountId: '123456789012' });
  assert.deepEqual(parseFunctionName('arn:aws:lambda:eu-west-3:123456789012:function:my-fn_2:7'), { name: 'my-fn_2', qualifier: '7', region: 'eu-west-3', accountId: '123456789012' });
  assert.deepEqual(parseFunctionName('arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn:live').region, 'us-gov-west-1');
  assert.deepEqual(parseFunctionName('123456789012:function:fn'), { name: 'fn', qualifier: undefined, accountId: '123456789012' });
  assert.deepEqual(parseFunctionName('123456789012:function:fn:$LATEST'), { name: 'fn', qualifier: '$LATEST', accountId: '123456789012' });
  assert.deepEqual(parseFunctionName('fn', ''), { name: 'fn' }, 'an empty ?Qualifier= is no qualifier');
});

test('malformed names and qualifiers are INVALID_PARAMETER', () => {
  assert.throws(() => parseFunctionName(''), invalid(/Invalid function name ""/));
  assert.throws(() => parseFunctionName('a b'), invalid(/Invalid function name "a b"/));
  assert.throws(() => parseFunctionName('x'.repeat(65)), invalid(/1–64/));
  assert.throws(() => parseFunctionName('fn:'), invalid(/Invalid qualifier ""/));
  assert.throws(() => parseFunctionName('fn:a:b'), invalid(/use name, name:qualifier/));
  assert.throws(() => parseFunctionName('fn:bad.q'), invalid(/Invalid qualifier "bad.q"/));
  assert.throws(() => parseFunctionName('fn', 'q'.repeat(129)), invalid(/Invalid qualifier/));
  assert.throws(() => parseFunctionName('fn:1', '2'), invalid(/derived qualifier from the function name does not match the specified qualifier/));
  assert.throws(() => parseFunctionName('arn:aws:lambda:us-east-1:1234:function:fn'), invalid(/Invalid function ARN/));
  assert.throws(() => parseFunctionName('arn:aws:s3:::bucket'), invalid(/Invalid function ARN/));
  assert.throws(() => parseFunctionName(`fn:${'q'.repeat(300)}`), invalid(/longer than 256/));
});

test('what a qualifier names, and alias name rules', () => {
  assert.deepEqual(classifyQualifier(undefined), { kind: 'latest' });
  assert.deepEqual(classifyQualifier('$LATEST'), { kind: 'latest' });
  assert.deepEqual(classifyQualifier('12'), { kind: 'version', version: 12 });
  assert.deepEqual(classifyQualifier('live'), { kind: 'alias', alias: 'live' });
  assert.deepEqual(classifyQualifier('v2'), { kind: 'alias', alias: 'v2' });
  validateAliasName('prod-2_a');
  assert.throws(() => validateAliasName('42'), invalid(/not all digits/));
  assert.throws(() => validateAliasName('$LATEST'), invalid(/Invalid alias name/));
  assert.throws(() => validateAliasName(''), invalid(/Invalid alias name/));
});
