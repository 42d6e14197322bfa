// Unit (plain node, no vscode): the engine options a folder's settings and a launch configuration make,
// when two of them are the same engine, and the launch attributes' validation.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { invalidReason, launchVariant, type LambdaLaunchConfig } from '../../../src/vscode/debug/debugConfig';
import { engineSettings, fingerprint, isEmptyVariant } from '../../../src/vscode/engineOptions';
import type { WorkbenchSettings } from '../../../src/vscode/settings';

const settings = (over: Partial<WorkbenchSettings> = {}): WorkbenchSettings => ({
  templateGlobs: [], interpreters: {}, defaultEvent: '', logFormat: 'text', runtimesInstall: 'never', freeze: true, timeScale: 1,
  parameterOverrides: {}, envVarsFile: '', region: '', profile: '', codeLensEnabled: true, stateDir: () => undefined, ...over,
});

test('settings give the engine options; a variant merges parameter overrides and replaces env-vars file and region', () => {
  const s = settings({ parameterOverrides: { Stage: 'dev', Keep: 'k' }, envVarsFile: 'env.json', region: 'eu-west-1' });
  const base = engineSettings(s, '/ws', undefined);
  assert.deepEqual({ p: base.parameterOverrides, e: base.envVarsFile, r: base.region }, { p: { Stage: 'dev', Keep: 'k' }, e: path.resolve('/ws', 'env.json'), r: 'eu-west-1' });
  const v = engineSettings(s, '/ws', undefined, { parameterOverrides: { Stage: 'prod' }, envVarsFile: 'other.json', region: 'ap-south-1' });
  assert.deepEqual({ p: v.parameterOverrides, e: v.envVarsFile, r: v.region }, { p: { Stage: 'prod', Keep: 'k' }, e: path.resolve('/ws', 'other.json'), r: 'ap-south-1' });
  // Nothing set: no key at all (the engine's defaults apply).
  const none = engineSettings(settings(), '/ws', undefined);
  assert.equal('parameterOverrides' in none || 'envVarsFile' in none || 'region' in none, false);
});

test('the same options in another order are the same engine; any change is another one', () => {
  const a = engineSettings(settings({ parameterOverrides: { A: '1', B: '2' } }), '/ws', undefined);
  const b = engineSettings(settings({ parameterOverrides: { B: '2', A: '1' } }), '/ws', undefined);
  assert.equal(fingerprint(a), fingerprint(b));
  for (const changed of [{ freeze: false }, { timeScale: 10 }, { region: 'eu-west-2' }, { envVarsFile: 'e.json' }, { parameterOverrides: { A: '1', B: '3' } }]) {
    assert.notEqual(fingerprint(engineSettings(settings({ parameterOverrides: { A: '1', B: '2' }, ...changed }), '/ws', undefined)), fingerprint(a), JSON.stringify(changed));
  }
  // A variant that repeats the settings is the settings' engine.
  const s = settings({ region: 'eu-west-1' });
  assert.equal(fingerprint(engineSettings(s, '/ws', undefined, { region: 'eu-west-1' })), fingerprint(engineSettings(s, '/ws', undefined)));
  assert.equal(isEmptyVariant({ parameterOverrides: {}, envVarsFile: ' ', region: '' }), true);
  assert.equal(isEmptyVariant({ region: 'x' }), false);
  assert.equal(isEmptyVariant({ profile: 'dev' }), false);
});

test('the profile setting reaches the engine options; a launch profile replaces it and is another engine', () => {
  const s = settings({ profile: 'dev' });
  assert.equal(engineSettings(s, '/ws', undefined).profile, 'dev');
  assert.equal(engineSettings(s, '/ws', undefined, { profile: ' prod ' }).profile, 'prod');
  assert.equal('profile' in engineSettings(settings(), '/ws', undefined), false);
  assert.notEqual(fingerprint(engineSettings(s, '/ws', undefined, { profile: 'prod' })), fingerprint(engineSettings(s, '/ws', undefined)));
  assert.equal(fingerprint(engineSettings(s, '/ws', undefined, { profile: 'dev' })), fingerprint(engineSettings(s, '/ws', undefined)));
});

test('launch attributes: validated with what to write, and turned into the engine variant', () => {
  const c = (extra: Partial<LambdaLaunchConfig>): Partial<LambdaLaunchConfig> => ({ type: 'lambda', request: 'launch', name: 'n', function: 'F', template: 't.yaml', ...extra });
  assert.equal(invalidReason(c({ parameterOverrides: { Stage: 'dev', Count: 2, On: true }, envVarsFile: 'env.json', region: 'eu-west-1' })), undefined);
  assert.match(invalidReason(c({ parameterOverrides: ['Stage=dev'] as unknown as Record<string, string> })) ?? '', /"parameterOverrides" must be an object/);
  assert.match(invalidReason(c({ parameterOverrides: { Stage: { x: 1 } } as unknown as Record<string, string> })) ?? '', /"parameterOverrides" must be an object/);
  assert.match(invalidReason(c({ envVarsFile: 3 as unknown as string })) ?? '', /"envVarsFile" must be the path/);
  assert.match(invalidReason(c({ region: 'Ireland' })) ?? '', /"region" must be a region name such as "eu-west-1" \(got "Ireland"\)/);
  assert.deepEqual(launchVariant(c({ parameterOverrides: { Count: 2 }, region: 'eu-west-1' }) as LambdaLaunchConfig), { parameterOverrides: { Count: '2' }, region: 'eu-west-1' });
  assert.deepEqual(launchVariant(c({}) as LambdaLaunchConfig), {});
  assert.equal(invalidReason(c({ profile: 'dev' })), undefined);
  assert.match(invalidReason(c({ profile: ' ' })) ?? '', /"profile" must be the name of an AWS profile in ~\/\.aws\/config or ~\/\.aws\/credentials \(got " "\)/);
  assert.match(invalidReason(c({ profile: 7 as unknown as string })) ?? '', /"profile" must be the name/);
  assert.deepEqual(launchVariant(c({ profile: 'dev' }) as LambdaLaunchConfig), { profile: 'dev' });
});
