// Unit: alias routing (lambda-semantics.md §6) and CodeDeploy's predefined traffic shifts over time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWorkbenchError } from '../../../src/core/common/errors';
import type { StoredAlias } from '../../../src/core/registry/aliasStore';
import { shiftType } from '../../../src/core/model/deploymentConfigs';
import { effectiveAlias, pickVersion, shiftedWeight, validateRouting } from '../../../src/core/registry/routing';

const MIN = 60_000;

test('a request goes to the additional version exactly when the draw is below its weight', () => {
  assert.equal(pickVersion('1', { 2: 0.2 }, () => 0.19), '2');
  assert.equal(pickVersion('1', { 2: 0.2 }, () => 0.2), '1');
  assert.equal(pickVersion('1', undefined, () => 0), '1');
  assert.equal(pickVersion('1', { 2: 0 }, () => 0), '1');
});

test('canary: 10% at once, everything after the interval', () => {
  const shift = { type: 'Canary10Percent5Minutes', fromVersion: '1', toVersion: '2', startedAt: 0 };
  assert.equal(shiftedWeight(shift, 0), 0.1);
  assert.equal(shiftedWeight(shift, 5 * MIN - 1), 0.1);
  assert.equal(shiftedWeight(shift, 5 * MIN), 1);
});

test('linear: 10% more every interval until all of it', () => {
  const shift = { type: 'Linear10PercentEvery1Minute', fromVersion: '1', toVersion: '2', startedAt: 0 };
  assert.equal(shiftedWeight(shift, 0), 0.1);
  assert.equal(shiftedWeight(shift, 1 * MIN), 0.2);
  assert.ok(Math.abs(shiftedWeight(shift, 4.5 * MIN) - 0.5) < 1e-9);
  assert.equal(shiftedWeight(shift, 9 * MIN), 1);
  assert.equal(shiftedWeight(shift, 60 * MIN), 1);
});

test('the effective alias follows a shift and lands on the new version', () => {
  const a: StoredAlias = { name: 'live', functionVersion: '1', description: '', revisionId: 'r', shift: { type: 'Canary10Percent10Minutes', fromVersion: '1', toVersion: '3', startedAt: 1000 } };
  assert.deepEqual(effectiveAlias(a, 1000 + MIN), { functionVersion: '1', routing: { 3: 0.1 } });
  assert.deepEqual(effectiveAlias(a, 1000 + 10 * MIN), { functionVersion: '3' });
  assert.deepEqual(effectiveAlias({ ...a, shift: undefined, routing: { 2: 0.5 } }, 0), { functionVersion: '1', routing: { 2: 0.5 } });
});

test('deployment types: SAM names and CodeDeploy names; an unknown one is a coded error', () => {
  assert.equal(shiftType('Canary10Percent5Minutes'), 'Canary10Percent5Minutes');
  assert.equal(shiftType('CodeDeployDefault.LambdaLinear10PercentEvery3Minutes'), 'Linear10PercentEvery3Minutes');
  assert.equal(shiftType('AllAtOnce'), 'AllAtOnce');
  assert.throws(() => shiftType('Canary50Percent'), (e: unknown) => isWorkbenchError(e) && e.code === 'INVALID_PARAMETER' && /Unknown DeploymentPreference Type "Canary50Percent"/.test(e.message));
});

test('routing config rules', () => {
  const bad = (re: RegExp) => (e: unknown) => isWorkbenchError(e) && e.code === 'INVALID_PARAMETER' && re.test(e.message);
  validateRouting('1', { 2: 0.5 });
  validateRouting('1', {});
  assert.throws(() => validateRouting('1', { 1: 0.5 }), bad(/own FunctionVersion/));
  assert.throws(() => validateRouting('1', { $LATEST: 0.5 }), bad(/published version number/));
  assert.throws(() => validateRouting('1', { 2: -0.1 }), bad(/between 0.0 and 1.0/));
  assert.throws(() => validateRouting('$LATEST', { 2: 0.1 }), bad(/not \$LATEST/));
});
