// Integration: what runs is what ships, layers laid out as /opt (§7), a custom runtime's bootstrap from
// a layer, layer override order, published local layer versions, esbuild TypeScript, and the rebuild
// after an edit — all through the engine as a user drives it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { treeContents, zipContents } from '../unit/packaging/helpers';
import { fixtures, json, startEngine, type TestEngine } from './helpers/engine';

describe('layers and deployment packages through the engine', () => {
  let e: TestEngine;
  before(() => {
    e = startEngine(join(fixtures, 'layers'));
  });
  after(() => e.dispose());

  test('a Node.js module and an executable from a layer (NODE_PATH, PATH into /opt)', async () => {
    const r = await e.service.invoke('NodeUsesLayer', '{}');
    assert.deepEqual(json(r.payload), { greeting: 'hello from the node layer', tool: 'layer tool ran' });
  });

  test('a Python module from a layer (python/ on sys.path)', async () => {
    const r = await e.service.invoke('PyUsesLayer', '{}');
    assert.deepEqual(json(r.payload), { greeting: 'hello from the python layer' });
  });

  test('a custom runtime whose bootstrap comes from a layer', async () => {
    const r = await e.service.invoke('ProvidedFromLayer', '{"x":1}');
    assert.deepEqual(json(r.payload), { from: 'layer bootstrap', event: { x: 1 } });
  });

  test('later layers override earlier ones; files only in earlier layers stay', async () => {
    assert.deepEqual(json((await e.service.invoke('OverrideAB', '{}')).payload), { which: 'B', aOnly: true });
    assert.deepEqual(json((await e.service.invoke('OverrideBA', '{}')).payload), { which: 'A', aOnly: true });
  });

  test('a layer ARN resolves to a published local version, and only once published', async () => {
    await assert.rejects(e.service.invoke('PublishedLayerUser', '{}'), (err: { code?: string; message: string }) => err.code === 'UNRESOLVED_REFERENCE' && /published-greeting:1 .* is not published locally/.test(err.message));
    const v1 = await e.service.layers.publish('NodeLayer');
    assert.equal(v1.version, 1);
    assert.equal(v1.layerVersionArn, 'arn:aws:lambda:us-east-1:123456789012:layer:published-greeting:1');
    assert.equal(v1.codeSha256, createHash('sha256').update(readFileSync(v1.zipPath)).digest('base64'));
    const v2 = await e.service.layers.publish('NodeLayer');
    assert.equal(v2.version, 2, 'every publish makes a new immutable version');
    assert.equal(v2.zipPath, v1.zipPath, 'stored by content hash: identical versions share one ZIP');
    assert.match(v1.zipPath, /\/layers\/\.blobs\/[0-9a-f]{64}\.zip$/);
    assert.deepEqual((await e.service.layers.list()).map((r) => r.version), [1, 2]);
    const r = await e.service.invoke('PublishedLayerUser', '{}');
    assert.equal(json(r.payload).greeting, 'hello from the node layer');
  });

  test('Python dependencies: a vendored package, and requirements.txt installed with pip into the package', async () => {
    assert.deepEqual(json((await e.service.invoke('PyVendored', '{}')).payload), { answer: 42 });
    assert.deepEqual(json((await e.service.invoke('PyRequirements', '{}')).payload), { value: 42, greeting: 'hello from tinydep' });
    const taskRoot = await e.service.taskRootOf('PyRequirements');
    assert.ok(readdirSync(taskRoot).includes('tinydep'), 'the dependency ships inside the package');
  });

  test('TypeScript bundled by esbuild runs, and its stack traces point at the .ts source', async () => {
    const ok = await e.service.invoke('TsFunction', '{"name":"types"}');
    assert.deepEqual(json(ok.payload), { message: 'hello types' });
    const bad = await e.service.invoke('TsFunction', '{"fail":true}');
    assert.match(json(bad.payload).trace[1], /at handler \(.*\/ts-fn\/src\/app\.ts:9:11\)$/);
  });

  test('what runs is what ships: the task root holds exactly the package\'s files, with its CodeSha256', async () => {
    const taskRoot = await e.service.taskRootOf('NodeUsesLayer');
    const pkg = await e.service.packageFunction('NodeUsesLayer');
    assert.equal(pkg.codeSha256, createHash('sha256').update(readFileSync(pkg.zipPath)).digest('base64'));
    assert.deepEqual(readdirSync(taskRoot).sort(), ['index.js']);
    assert.deepEqual(treeContents(taskRoot), { files: await zipContents(pkg.zipPath), others: [] });
  });
});

describe('edit → invoke', () => {
  test('a changed source file is rebuilt on the next invoke; an unchanged function is not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lwb-edit-'));
    cpSync(join(fixtures, 'layers', 'ts-fn'), join(dir, 'ts-fn'), { recursive: true });
    cpSync(join(fixtures, 'node', 'cjs'), join(dir, 'cjs'), { recursive: true });
    writeFileSync(
      join(dir, 'template.yaml'),
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Ts:',
        '    Type: AWS::Serverless::Function',
        '    Properties: { CodeUri: ts-fn/, Handler: app.handler, Runtime: nodejs20.x }',
        '    Metadata: { BuildMethod: esbuild, BuildProperties: { EntryPoints: [src/app.ts], Sourcemap: true } }',
        '  Plain:',
        '    Type: AWS::Serverless::Function',
        '    Properties: { CodeUri: cjs/, Handler: index.handler, Runtime: nodejs20.x }',
      ].join('\n'),
    );
    const e = startEngine(dir);
    try {
      assert.deepEqual(json((await e.service.invoke('Ts', '{}')).payload), { message: 'hello ts' });
      const plain1 = await e.service.invoke('Plain', '{}');
      const src = join(dir, 'ts-fn', 'src', 'app.ts');
      writeFileSync(src, readFileSync(src, 'utf8').replace('hello ${', 'edited ${'));
      await new Promise((r) => setTimeout(r, 300)); // let the watcher hear it (inotify: well under this)
      const edited = await e.service.invoke('Ts', '{}');
      assert.deepEqual(json(edited.payload), { message: 'edited ts' });
      assert.equal(edited.coldStart, true, 'new code means a new environment');
      // The edited build runs from a task root that holds exactly the new ZIP's files.
      const taskRoot = await e.service.taskRootOf('Ts');
      assert.deepEqual(treeContents(taskRoot), { files: await zipContents((await e.service.packageFunction('Ts')).zipPath), others: [] });
      const plain2 = await e.service.invoke('Plain', '{}');
      assert.equal(plain2.coldStart, false, 'the unchanged function keeps its warm environment');
      assert.equal(plain2.environmentId, plain1.environmentId);
    } finally {
      await e.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
