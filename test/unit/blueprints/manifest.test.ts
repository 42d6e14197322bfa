// Unit: blueprint manifests — a valid one is read as given, each broken field is a BLUEPRINT_INVALID error
// naming the file and the field, and the catalog refuses a folder whose manifest names files it lacks.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { findBlueprint, listBlueprints, validateManifest } from '../../../src/core/blueprints';
import { tempDir } from '../../helpers/tempDirs';

const valid = {
  name: 'demo-nodejs',
  description: 'A demo',
  runtimes: ['nodejs20.x'],
  language: 'javascript',
  source: 'sqs',
  tags: ['demo'],
  function: 'DemoFunction',
  handlerFile: 'src/app.mjs',
  events: [{ file: 'events/e.json', expected: { ok: true } }],
};

void describe('blueprint manifests', () => {
  void test('a valid manifest is read as given', () => {
    assert.deepEqual(validateManifest(valid, 'blueprint.json'), valid);
  });

  void test('each broken field is a coded error naming the file and the field', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: 'Demo_Node' }, /"name" is "Demo_Node", which does not match/],
      [{ runtimes: [] }, /"runtimes" must be a non-empty array of strings/],
      [{ language: 'go' }, /"language" is "go"; use one of javascript, typescript, python, shell/],
      [{ source: 'kafka' }, /"source" is "kafka"; use one of none, api, /],
      [{ function: 'demo-fn' }, /"function" is "demo-fn"/],
      [{ events: [{ file: 'events/e.json' }] }, /events\[0\] needs one of "expected"/],
      [{ events: [{ file: 'events/e.json', expected: 1, expectedText: '1' }] }, /events\[0\] needs one of/],
      [{ events: [{ file: 'e.txt', expected: 1 }] }, /events\[0\]\.file must name a \.json file/],
      [{ events: [{ file: 'events/e.json', expectedError: { errorType: 'E' } }] }, /expectedError must be \{ errorType, errorMessage \}/],
    ];
    for (const [patch, message] of cases) {
      assert.throws(() => validateManifest({ ...valid, ...patch }, '/bp/blueprint.json'), (e: Error & { code?: string }) => {
        assert.equal(e.code, 'BLUEPRINT_INVALID');
        assert.match(e.message, /^Blueprint manifest \/bp\/blueprint\.json: /);
        assert.match(e.message, message);
        return true;
      });
    }
  });

  void test('the catalog: folders without a manifest are skipped; missing files and a name unlike the folder are refused', async () => {
    const root = tempDir('lwb-bp-catalog-');
    mkdirSync(join(root, 'not-a-blueprint'));
    const dir = join(root, 'demo-nodejs');
    mkdirSync(join(dir, 'events'), { recursive: true });
    writeFileSync(join(dir, 'blueprint.json'), JSON.stringify(valid));
    writeFileSync(join(dir, 'template.yaml'), 'Resources: {}\n');
    writeFileSync(join(dir, 'events', 'e.json'), '{}');
    await assert.rejects(listBlueprints(root), /BLUEPRINT_INVALID|names src\/app\.mjs, which is not in/);
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'app.mjs'), 'export const handler = async () => ({ ok: true });');
    assert.deepEqual((await listBlueprints(root)).map((b) => b.manifest.name), ['demo-nodejs']);
    await assert.rejects(findBlueprint(root, 'nope'), /No blueprint named "nope"\. Blueprints: demo-nodejs /);
    writeFileSync(join(dir, 'blueprint.json'), JSON.stringify({ ...valid, name: 'other' }));
    await assert.rejects(listBlueprints(root), /"name" is "other" but its folder is "demo-nodejs"/);
  });
});
