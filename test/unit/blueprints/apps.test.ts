// Unit: application-template manifests (app.json) and createApplication — a valid manifest is read as given,
// each broken field is a BLUEPRINT_INVALID error naming the file and the field; an app is copied into a new or
// empty folder (never over anything), its manifest left behind, its project name written where it names itself.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createApplication, findApplication, listApplications, validateAppManifest } from '../../../src/core/blueprints';
import { isWorkbenchError } from '../../../src/core/common/errors';
import { tempDir } from '../../helpers/tempDirs';

const valid = {
  name: 'demo-app',
  description: 'A demo application',
  runtimes: ['nodejs22.x'],
  language: 'javascript',
  tags: ['demo'],
  functions: ['OneFunction', 'TwoFunction'],
  test: 'npm test',
  events: [{ function: 'TwoFunction', file: 'events/e.json', expected: { ok: true } }],
};

/** A blueprints folder with one application, demo-app. */
function catalog(): string {
  const root = tempDir('lwb-apps-unit-');
  const dir = join(root, 'apps', 'demo-app');
  mkdirSync(join(dir, 'events'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
  writeFileSync(join(dir, 'app.json'), JSON.stringify(valid));
  writeFileSync(join(dir, 'template.yaml'), 'Resources: {}\n');
  writeFileSync(join(dir, 'events', 'e.json'), '{}');
  writeFileSync(join(dir, 'package.json'), '{ "name": "demo-app" }\n');
  writeFileSync(join(dir, 'node_modules', 'x', 'index.js'), '');
  return root;
}

const code = (e: unknown) => (isWorkbenchError(e) ? e.code : String(e));

void describe('application templates (unit)', () => {
  void test('a valid manifest is read as given', () => {
    assert.deepEqual(validateAppManifest(valid, 'app.json'), valid);
  });

  void test('each broken field is a coded error naming the file and the field', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: 'Demo App' }, /"name" is "Demo App", which does not match/],
      [{ functions: ['one-function'] }, /"functions" has "one-function", which does not match/],
      [{ language: 'cobol' }, /"language" is "cobol"; use one of javascript, typescript, python, shell/],
      [{ test: '' }, /"test" must be a non-empty string/],
      [{ events: [{ function: 'ThreeFunction', file: 'events/e.json', expected: 1 }] }, /events\[0\]\.function must be one of OneFunction, TwoFunction/],
      [{ events: [{ function: 'OneFunction', file: 'events/e.json' }] }, /events\[0\] needs one of "expected"/],
    ];
    for (const [patch, message] of cases) {
      assert.throws(() => validateAppManifest({ ...valid, ...patch }, '/x/app.json'), (e: unknown) => code(e) === 'BLUEPRINT_INVALID' && /^Application manifest \/x\/app\.json: /.test((e as Error).message) && message.test((e as Error).message));
    }
  });

  void test('the catalog reads blueprints/apps; none when that folder is missing; an unknown name lists the known ones', async () => {
    const root = catalog();
    assert.deepEqual((await listApplications(root)).map((a) => a.manifest), [valid]);
    assert.deepEqual(await listApplications(tempDir('lwb-apps-none-')), []);
    await assert.rejects(findApplication(root, 'nope'), (e: unknown) => code(e) === 'BLUEPRINT_NOT_FOUND' && /Applications: demo-app /.test((e as Error).message));
  });

  void test('createApplication copies into a new folder, without app.json or installed node_modules, and names the project', async () => {
    const app = await findApplication(catalog(), 'demo-app');
    const dir = join(tempDir('lwb-apps-new-'), 'a', 'b');
    const r = await createApplication({ app, dir, name: 'orders' });
    assert.deepEqual(r, { dir, files: ['events/e.json', 'package.json', 'template.yaml'], nextCommands: ['npm test', 'lambda-workbench invoke TwoFunction --event events/e.json', 'lambda-workbench pipeline run'] });
    assert.equal(readFileSync(join(dir, 'package.json'), 'utf8'), '{ "name": "orders" }\n');
    assert.deepEqual(readdirSync(dir).sort(), ['events', 'package.json', 'template.yaml']);
  });

  void test('an empty folder is fine; a folder with anything in it (even a dotfile) is refused, nothing written', async () => {
    const app = await findApplication(catalog(), 'demo-app');
    const empty = tempDir('lwb-apps-empty-');
    assert.equal((await createApplication({ app, dir: empty })).files.length, 3);
    const taken = tempDir('lwb-apps-taken-');
    writeFileSync(join(taken, '.env'), 'SECRET=1');
    await assert.rejects(createApplication({ app, dir: taken }), (e: unknown) => code(e) === 'TARGET_NOT_EMPTY' && (e as Error).message === `${taken} is not empty (it has .env); create application "demo-app" into a new or empty folder.`);
    assert.deepEqual(readdirSync(taken), ['.env']);
    await assert.rejects(createApplication({ app, dir: join(taken, 'x'), name: 'Bad Name' }), (e: unknown) => code(e) === 'INVALID_PARAMETER');
    assert.equal(existsSync(join(taken, 'x')), false);
    await assert.rejects(createApplication({ app, dir: join(taken, '.env') }), (e: unknown) => code(e) === 'TARGET_NOT_EMPTY' && /\.env is a file; /.test((e as Error).message));
  });
});
