// Unit (plain node, no vscode): the project's events/*.json for the event picker: template folder first,
// then the function's folder, sorted, JSON files only, each folder once, missing folders skipped.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectEvents } from '../../../src/vscode/events/projectEvents';
import { tempDir } from '../../helpers/tempDirs';

test('lists events/*.json of the template folder, then of the function folder', async () => {
  const root = tempDir('lwb-events-');
  mkdirSync(join(root, 'events'));
  mkdirSync(join(root, 'fn', 'events', 'nested'), { recursive: true });
  writeFileSync(join(root, 'events', 'z.json'), '{}');
  writeFileSync(join(root, 'events', 'a.json'), '{}');
  writeFileSync(join(root, 'events', 'notes.txt'), '');
  writeFileSync(join(root, 'fn', 'events', 'b.json'), '{}');
  const got = await projectEvents([root, join(root, 'fn'), root, undefined, join(root, 'missing')]);
  assert.deepEqual(got, [
    { name: 'a', path: join(root, 'events', 'a.json') },
    { name: 'z', path: join(root, 'events', 'z.json') },
    { name: 'b', path: join(root, 'fn', 'events', 'b.json') },
  ]);
});
