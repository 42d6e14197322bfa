// The runtime catalog: every id Lambda has had, deprecations by date, what runs locally, did-you-mean.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deprecationOf, deprecationText, LAMBDA_RUNTIMES, runtimeFamily, similarRuntimes, supportedRuntimes } from '../../../src/core/model/runtimes';

const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);

void test('deprecated runtimes of the families we run keep their family; the others do not run', () => {
  assert.deepEqual(['nodejs8.10', 'nodejs16.x', 'python3.7', 'python3.8', 'provided', 'go1.x', 'python2.7', 'java8', 'ruby2.7', 'dotnet6'].map(runtimeFamily), ['nodejs', 'nodejs', 'python', 'python', 'provided', 'provided', undefined, undefined, undefined, undefined]);
  assert.equal(runtimeFamily('nodejs99.x'), undefined);
  assert.equal(LAMBDA_RUNTIMES.size, 47);
});

void test('a runtime is deprecated from its date on, and names its successor', () => {
  assert.equal(deprecationOf('nodejs16.x', day('2024-06-11')), undefined);
  assert.deepEqual(deprecationOf('nodejs16.x', day('2024-06-12')), { date: '2024-06-12', successor: 'nodejs24.x' });
  assert.deepEqual(deprecationOf('go1.x', day('2025-01-01')), { date: '2024-01-08', successor: 'provided.al2023' });
  assert.equal(deprecationOf('nodejs24.x', day('2026-12-01')), undefined);
  assert.equal(deprecationText('go1.x', { date: '2024-01-08', successor: 'provided.al2023' }), 'go1.x was deprecated by Lambda on 2024-01-08; move to provided.al2023 (build the binary as "bootstrap" with -tags lambda.norpc and set Handler: bootstrap)');
});

void test('the runtimes to suggest are a fixed list (messages do not change with the date)', () => {
  assert.deepEqual(supportedRuntimes(), ['nodejs22.x', 'nodejs24.x', 'python3.12', 'python3.13', 'python3.14', 'provided.al2023']);
});

void test('did-you-mean: the ids a typo begins, else the nearest by edit distance', () => {
  assert.deepEqual(similarRuntimes('nodejs20'), ['nodejs20.x']);
  assert.deepEqual(similarRuntimes('Python3.12'), ['python3.12']);
  assert.deepEqual(similarRuntimes('nodjs22.x'), ['nodejs22.x']);
  assert.deepEqual(similarRuntimes('provided.al2024'), ['provided.al2023']);
  assert.deepEqual(similarRuntimes('cobol85'), []);
});
