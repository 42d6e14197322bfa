// Unit (plain node, no vscode): the words of the async views and messages (how an event ended, batches,
// resumes, destination names) and the message-attribute line Send Message… / Publish… take.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arnName, describeFinished, describeFinishedBatch, describeResumed } from '../../../src/vscode/async/asyncMessages';
import { attributesProblem, parseAttributes } from '../../../src/vscode/resources/messageAttributes';

const DLQ = 'arn:aws:sqs:us-east-1:123456789012:dead-letters';

test('an event\'s end names the condition, attempts, last error and where it went', () => {
  assert.equal(
    describeFinished({ functionName: 'Fails', requestId: 'r1', condition: 'RetriesExhausted', attempts: 3, deadLetter: DLQ, lastError: '{"errorType":"TypeError","errorMessage":"order.id is required"}' }),
    'Async event r1 of Fails failed: retries exhausted after 3 attempts (TypeError: order.id is required); event sent to dead-letter queue dead-letters.',
  );
  assert.equal(
    describeFinished({ functionName: 'Ok', requestId: 'r2', condition: 'Success', attempts: 1, destination: 'arn:aws:lambda:us-east-1:123456789012:function:recorder:live' }),
    'Async event r2 of Ok succeeded after 1 attempt; record sent to on-success function recorder:live.',
  );
  assert.match(describeFinished({ functionName: 'X', requestId: 'r3', condition: 'EventAgeExceeded', attempts: 0 }), /event age exceeded after 0 attempts; dropped: the function has no on-failure destination or dead-letter queue\.$/);
});

test('a batch of endings and a resume are one line each', () => {
  assert.equal(
    describeFinishedBatch([
      { functionName: 'Ok', requestId: 'a', condition: 'Success', attempts: 1 },
      { functionName: 'Fails', requestId: 'b', condition: 'RetriesExhausted', attempts: 3, deadLetter: DLQ },
      { functionName: 'Fails', requestId: 'c', condition: 'RetriesExhausted', attempts: 3, deadLetter: DLQ },
    ]),
    '3 async events ended: 1 succeeded, 2 failed (Fails: 2; sent to dead-letters).',
  );
  assert.equal(describeResumed([{ functionName: 'Fails', events: 2 }, { functionName: 'Ok', events: 1 }]), 'Resumed 3 async events an earlier engine had queued: Fails (2), Ok (1).');
  assert.equal(arnName('arn:aws:events:us-east-1:123456789012:event-bus/orders'), 'orders');
  assert.equal(arnName('not-an-arn'), 'not-an-arn');
});

test('message attributes: Name=Value pairs, typed with :Number / :Binary; bad ones are explained', () => {
  assert.deepEqual(parseAttributes(' kind=greeting, n:Number=42 ,b:Binary=hi'), {
    kind: { DataType: 'String', StringValue: 'greeting' },
    n: { DataType: 'Number', StringValue: '42' },
    b: { DataType: 'Binary', BinaryValue: Buffer.from('hi').toString('base64') },
  });
  assert.deepEqual(parseAttributes(''), {});
  assert.equal(attributesProblem('a=1'), undefined);
  assert.match(attributesProblem('no equals') ?? '', /is not Name=Value/);
  assert.match(attributesProblem('n:Number=abc') ?? '', /is a Number but "abc" is not a number/);
});
