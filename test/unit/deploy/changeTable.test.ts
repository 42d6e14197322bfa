// Unit: the change set and outputs as printed (core/deploy/changeSet.ts, stackEvents.ts), golden text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { changeTable } from '../../../src/core/deploy/changeSet';
import { eventLine, isTerminal, outputsTable } from '../../../src/core/deploy/stackEvents';
import { hexOfCodeSha256, keyFor } from '../../../src/core/deploy/artifactUpload';
import { managedBucketName } from '../../../src/core/deploy/managedBucket';

describe('deploy tables', () => {
  const RULE = '-'.repeat(71);
  test('change table: Add / Modify with True, False, Conditional / Remove, N/A for non-modifications', () => {
    const change = (Action: string, LogicalResourceId: string, ResourceType: string, Replacement?: string) => ({ Type: 'Resource' as const, ResourceChange: { Action: Action as 'Add', LogicalResourceId, ResourceType, Replacement: Replacement as 'True' | undefined } });
    const text = changeTable([
      change('Add', 'HelloFunction', 'AWS::Lambda::Function'),
      change('Modify', 'PlainFunction', 'AWS::Lambda::Function', 'False'),
      change('Modify', 'PlainLayer', 'AWS::Lambda::LayerVersion', 'True'),
      change('Modify', 'PlainRole', 'AWS::IAM::Role', 'Conditional'),
      change('Remove', 'OldQueue', 'AWS::SQS::Queue'),
    ]);
    assert.equal(
      text,
      [
        RULE,
        'Operation   LogicalResourceId   ResourceType                Replacement',
        RULE,
        '+ Add       HelloFunction       AWS::Lambda::Function       N/A',
        '* Modify    PlainFunction       AWS::Lambda::Function       False',
        '* Modify    PlainLayer          AWS::Lambda::LayerVersion   True',
        '* Modify    PlainRole           AWS::IAM::Role              Conditional',
        '- Remove    OldQueue            AWS::SQS::Queue             N/A',
        RULE,
        '',
      ].join('\n'),
    );
  });

  test('an empty change table says so', () => {
    assert.match(changeTable([]), /\n\(none\)\n/);
  });

  test('event rows have fixed columns; terminal statuses', () => {
    assert.equal(
      eventLine({ ResourceStatus: 'CREATE_FAILED', ResourceType: 'AWS::Lambda::Function', LogicalResourceId: 'PlainFunction', ResourceStatusReason: 'Role is invalid', StackId: 's', StackName: 's', EventId: 'e', Timestamp: new Date(0) }),
      `${'CREATE_FAILED'.padEnd(28)} ${'AWS::Lambda::Function'.padEnd(36)} ${'PlainFunction'.padEnd(32)} Role is invalid\n`,
    );
    assert.deepEqual(['CREATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'ROLLBACK_COMPLETE', 'UPDATE_COMPLETE', 'CREATE_FAILED'].map(isTerminal), [false, false, true, true, true]);
  });

  test('outputs table', () => {
    assert.match(outputsTable([{ OutputKey: 'HelloArn', OutputValue: 'arn:aws:lambda:us-east-1:1:function:h', Description: 'the SAM function' }]), /HelloArn {3}arn:aws:lambda:us-east-1:1:function:h {3}the SAM function/);
  });

  test('content-addressed keys and the managed bucket name', () => {
    assert.equal(hexOfCodeSha256(Buffer.alloc(32, 0xab).toString('base64')), 'ab'.repeat(32));
    assert.equal(keyFor({ bucket: 'b', prefix: '/stack/' }, 'x.zip'), 'stack/x.zip');
    assert.equal(keyFor({ bucket: 'b', prefix: '' }, 'x.zip'), 'x.zip');
    assert.equal(managedBucketName({ region: 'eu-west-1', account: '123456789012', identity: 'p' }), 'lambda-workbench-managed-123456789012-eu-west-1');
    assert.match(managedBucketName({ region: 'us-east-1', identity: 'http://127.0.0.1:4569' }), /^lambda-workbench-managed-[0-9a-f]{12}-us-east-1$/);
  });
});
