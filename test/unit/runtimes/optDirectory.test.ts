// Unit: the merged /opt folders: concurrent first builds of the same layer set (two functions' first invokes at
// once on a fresh state directory) share one build, and a complete folder is never removed under its users.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assembleOpt } from '../../../src/core/runtime/optDirectory';
import { tempDir } from '../../helpers/tempDirs';

test('concurrent builds of the same /opt (no layers, or the same layers) resolve to one complete folder', async () => {
  const root = tempDir('lwb-opt-');
  const optRoot = join(root, 'opt');
  const [a, b, c] = await Promise.all([assembleOpt(optRoot, []), assembleOpt(optRoot, []), assembleOpt(optRoot, [])]);
  assert.equal(a, b);
  assert.equal(b, c);
  assert.ok(existsSync(join(a, '.lambda-workbench-complete')));
  const layerDir = join(root, 'layer');
  mkdirSync(join(layerDir, 'nodejs'), { recursive: true });
  writeFileSync(join(layerDir, 'nodejs', 'x.js'), 'module.exports = 1;');
  const layers = [{ codeSha256: 'abc', dir: layerDir }];
  const built = await Promise.all(Array.from({ length: 4 }, () => assembleOpt(optRoot, layers)));
  assert.equal(new Set(built).size, 1);
  assert.equal(readFileSync(join(built[0], 'nodejs', 'x.js'), 'utf8'), 'module.exports = 1;');
  assert.deepEqual(readdirSync(optRoot).filter((n) => n.endsWith('.tmp')), [], 'no temp folder left behind');
});
