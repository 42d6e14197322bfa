// Integration: published versions in a state directory several engines share (CLI, VS Code, `start`):
// two engines publishing the same code at the same moment make one version (§6: nothing changed → no new
// version), and a package ZIP under versions/.blobs goes when no live version of any function uses it.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, startEngine, type TestEngine } from './helpers/engine';

const zipsIn = (stateDir: string): string[] => {
  const dir = join(stateDir, 'versions', '.blobs');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.zip')) : [];
};

describe('versions in a shared state directory', () => {
  const engines: TestEngine[] = [];
  after(() => Promise.all(engines.map((e) => e.dispose())));

  test('two engines publishing identical code at once create one version', async () => {
    const stateDir = tempDir('lwb-shared-versions-');
    const [a, b] = [startEngine(join(fixtures, 'api'), { stateDir }), startEngine(join(fixtures, 'api'), { stateDir })];
    engines.push(a, b);
    await Promise.all([a.service.template(), b.service.template()]);
    for (let round = 0; round < 3; round++) {
      const published = await Promise.all([a.service.versions.publishVersion('echo'), b.service.versions.publishVersion('echo')]);
      assert.deepEqual(published.map((v) => v.Version), ['1', '1'], `round ${round}`);
    }
    assert.deepEqual(readdirSync(join(stateDir, 'versions', 'echo')), ['1.json']);
    assert.ok(!existsSync(join(stateDir, 'versions', '.blobs', '.lock')), 'the lock is released');
  });

  test('a version ZIP is removed with the last live version that uses it, not before', async () => {
    const stateDir = tempDir('lwb-shared-blobs-');
    const e = startEngine(join(fixtures, 'api'), { stateDir });
    engines.push(e);
    // "echo" and "fails" are the same package (one CodeUri): one blob for both versions.
    await e.service.versions.publishVersion('echo');
    await e.service.versions.publishVersion('fails');
    assert.equal(zipsIn(stateDir).length, 1);
    await e.service.versions.deleteVersion('echo', '1');
    assert.equal(zipsIn(stateDir).length, 1, 'fails:1 still uses it');
    await e.service.versions.deleteAllVersions('fails');
    assert.deepEqual(zipsIn(stateDir), []);
  });
});
