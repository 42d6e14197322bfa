// Integration: versions and aliases a template asks for, applied as a deployment would: SAM AutoPublishAlias
// (publish when code or configuration changed), AutoPublishAliasAllProperties, AWS::Lambda::Version and
// AWS::Lambda::Alias resources, and a DeploymentPreference canary watched on a fake engine clock.
import assert from 'node:assert/strict';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { realClock, type Clock } from '../../src/core/common/clock';
import { LambdaService } from '../../src/core/service';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, json, repoRoot, startEngine, type TestEngine } from './helpers/engine';
import { edit, seeded } from './helpers/versions';

/** Copies a fixture without any state a manual run left in it (.lambda-workbench). */
const noState = (src: string): boolean => !src.split(/[\\/]/).includes('.lambda-workbench');

/** The real clock moved forward by `offset` ms: deployments read the engine clock's now(). */
class FakeClock implements Clock {
  offset = 0;
  now = () => Date.now() + this.offset;
  monotonic = () => realClock.monotonic();
  setTimeout = realClock.setTimeout;
}

describe('template versions and aliases', () => {
  let dir: string;
  let e: TestEngine;
  const clock = new FakeClock();
  const versionsOf = async (fn: string) => (await e.service.versions.listVersions(fn)).map((v) => v.Version);
  before(() => {
    dir = tempDir('lwb-deploy-');
    cpSync(join(fixtures, 'versions-deploy'), dir, { recursive: true, filter: noState });
    e = startEngine(dir, { clock, random: seeded(7) });
  });
  after(() => e.dispose());

  test('unqualified invokes deploy nothing (the $LATEST path never touches versions)', async () => {
    assert.equal(json((await e.service.invoke('canary', '{}')).payload).version, '$LATEST');
    assert.equal(existsSync(join(e.stateDir, 'versions')), false);
    assert.equal(existsSync(join(e.stateDir, 'aliases')), false);
  });

  test('the first deployment publishes version 1 and points each alias at it', async () => {
    const r = await e.service.invoke('canary:live', '{}');
    assert.equal(r.executedVersion, '1');
    assert.deepEqual(json(r.payload), { mark: 'v1', version: '1' });
    assert.deepEqual(await versionsOf('canary'), ['$LATEST', '1']);
    const prod = await e.service.versions.getAlias('plain', 'prod');
    assert.deepEqual([prod.FunctionVersion, prod.Description], ['1', "the template's alias"]);
    assert.equal((await e.service.versions.getVersion('plain', '1')).Description, 'from the template');
    assert.equal((await e.service.invoke('plain:prod', '{}')).executedVersion, '1');
    assert.equal((await e.service.versions.getAlias('codeonly', 'live')).FunctionVersion, '1');
  });

  test('a code change deploys version 2: the canary sends 10% there, then all of it after 5 minutes', async () => {
    edit(join(dir, 'app', 'index.js'), "const MARK = 'v1'", "const MARK = 'v2'");
    await e.service.reload();
    assert.equal(json((await e.service.invoke('canary', '{}')).payload).mark, 'v2', '$LATEST runs the edit');
    const during = await e.service.versions.getAlias('canary', 'live');
    assert.deepEqual([during.FunctionVersion, during.RoutingConfig], ['1', { AdditionalVersionWeights: { 2: 0.1 } }]);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 300; i++) {
      const r = await e.service.invoke('canary:live', '{}');
      assert.equal(json(r.payload).mark, `v${r.executedVersion}`);
      counts[r.executedVersion] = (counts[r.executedVersion] ?? 0) + 1;
    }
    assert.ok(counts['2'] >= 15 && counts['2'] <= 50, `10% of 300 on the canary: ${JSON.stringify(counts)}`);
    clock.offset += 4 * 60_000;
    assert.equal((await e.service.versions.getAlias('canary', 'live')).FunctionVersion, '1', 'still in the canary after 4 minutes');
    clock.offset += 60_000;
    const done = await e.service.versions.getAlias('canary', 'live');
    assert.deepEqual([done.FunctionVersion, done.RoutingConfig], ['2', undefined]);
    for (let i = 0; i < 20; i++) assert.equal((await e.service.invoke('canary:live', '{}')).executedVersion, '2');
    // Without a DeploymentPreference the alias moves at once; the Version resource publishes the new code too.
    assert.equal((await e.service.invoke('codeonly:live', '{}')).executedVersion, '2');
    assert.equal((await e.service.invoke('plain:prod', '{}')).executedVersion, '2');
  });

  test('a configuration-only change: a new version with AutoPublishAliasAllProperties, none without', async () => {
    edit(join(dir, 'template.yaml'), '    Timeout: 3', '    Timeout: 4');
    await e.service.reload();
    assert.equal((await e.service.versions.getAlias('allprops', 'live')).FunctionVersion, '3');
    assert.equal((await e.service.versions.getVersion('allprops', '3')).Timeout, 4);
    assert.equal((await e.service.versions.getAlias('codeonly', 'live')).FunctionVersion, '2');
    assert.deepEqual(await versionsOf('codeonly'), ['$LATEST', '1', '2'], 'SAM versions code, Environment and MemorySize only');
  });

  test('a restart with the same template deploys nothing new; a shift under way continues on the clock', async () => {
    edit(join(dir, 'app', 'index.js'), "const MARK = 'v2'", "const MARK = 'v3'");
    await e.service.reload();
    assert.deepEqual((await e.service.versions.getAlias('canary', 'live')).RoutingConfig, { AdditionalVersionWeights: { 3: 0.1 } });
    const second = new LambdaService({ cwd: dir, stateDir: e.stateDir, runtimesDir: join(repoRoot, 'dist', 'runtimes'), clock });
    try {
      assert.deepEqual((await second.versions.listVersions('canary')).map((v) => v.Version), ['$LATEST', '1', '2', '3']);
      assert.deepEqual((await second.versions.getAlias('canary', 'live')).RoutingConfig, { AdditionalVersionWeights: { 3: 0.1 } });
      clock.offset += 5 * 60_000;
      assert.equal((await second.invoke('canary:live', '{}')).executedVersion, '3');
    } finally {
      await second.dispose();
    }
  });
});
