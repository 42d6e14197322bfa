// Integration: every blueprint end to end, as a user runs it — `lambda-workbench init` into a temp folder (a real
// CLI process), then each of its sample events through `lambda-workbench invoke --event` (the engine, real runtime
// processes, esbuild for the TypeScript ones), asserting the exact result its manifest records. Plus `init` into
// an existing template (golden file: comments and formatting kept), name clashes, and `init --list`.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { listBlueprints } from '../../src/core/blueprints';
import { tempDir } from '../helpers/tempDirs';
import { assertResult, cli, provideRuntimeSdk } from './helpers/blueprintRuns';
import { fixtures, repoRoot } from './helpers/engine';

const blueprintsDir = join(repoRoot, 'blueprints');

void describe('blueprints', async () => {
  const blueprints = await listBlueprints(blueprintsDir);
  provideRuntimeSdk();

  void test('there are blueprints for Node.js, TypeScript and Python, each with sample events', () => {
    const languages = new Set(blueprints.map((b) => b.manifest.language));
    assert.ok(languages.has('javascript') && languages.has('python') && languages.has('typescript'));
    for (const b of blueprints) assert.ok(b.manifest.events.length > 0, `${b.manifest.name} has no sample event`);
  });

  // The table: one row per blueprint, one invoke per sample event.
  for (const bp of blueprints) {
    void test(`${bp.manifest.name}: init, then every sample event gives its recorded result`, async () => {
      const root = tempDir('lwb-bp-');
      const project = join(root, 'project');
      const init = await cli(['init', project, '--blueprint', bp.manifest.name], root);
      assert.equal(init.code, 0, init.stderr);
      assert.match(init.stdout, new RegExp(`\\nNext: cd project && lambda-workbench invoke ${bp.manifest.function} --event ${bp.manifest.events[0].file}\\n$`));
      for (const ev of bp.manifest.events) {
        const r = await cli(['invoke', bp.manifest.function, '--event', ev.file, '--state-dir', join(root, 'state')], project);
        assertResult(bp.manifest.name, ev, r);
      }
    });
  }

  void test('init --list: every blueprint with its runtimes and source; --json gives the manifests', async () => {
    const r = await cli(['init', '--list'], repoRoot);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^BLUEPRINT\s+RUNTIME\s+SOURCE\s+DESCRIPTION\n/);
    for (const b of blueprints) assert.match(r.stdout, new RegExp(`\\n${b.manifest.name}\\s+${b.manifest.runtimes.join(',')}\\s+${b.manifest.source}\\s`));
    const json = await cli(['init', '--list', '--json'], repoRoot);
    assert.deepEqual((JSON.parse(json.stdout) as { blueprints: unknown }).blueprints, blueprints.map((b) => b.manifest));
  });

  void test('init into an existing template adds the function and keeps comments, order and formatting (golden file)', async () => {
    const dir = join(tempDir('lwb-bp-existing-'), 'shop');
    cpSync(join(fixtures, 'blueprints', 'existing'), dir, { recursive: true });
    const r = await cli(['init', '.', '--blueprint', 'sqs-consumer-nodejs', '--name', 'OrderWorker'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, [
      'Added OrderWorker from blueprint "sqs-consumer-nodejs" to template.yaml:',
      '  order-worker/app.mjs',
      '  events/OrderWorker/batch.json',
      '  events/OrderWorker/one-message.json',
      '  template.yaml',
      '',
      'Next: lambda-workbench invoke OrderWorker --event events/OrderWorker/batch.json',
      '',
    ].join('\n'));
    const golden = join(fixtures, 'blueprints', 'existing.golden.yaml');
    const text = readFileSync(join(dir, 'template.yaml'), 'utf8');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
    assert.equal(text, readFileSync(golden, 'utf8'), `golden file ${golden} (UPDATE_GOLDEN=1 rewrites it)`);
    // The added function runs beside the user's, with its events where init put them.
    const one = await cli(['invoke', 'OrderWorker', '--event', 'events/OrderWorker/one-message.json'], dir);
    assert.equal(one.code, 0, one.stderr);
    assert.deepEqual(JSON.parse(one.stdout), { batchItemFailures: [] });
    const checkout = await cli(['invoke', 'CheckoutFunction'], dir);
    assert.deepEqual(JSON.parse(checkout.stdout), { ok: true });

    // The same name again: a coded error, exit 2, nothing written.
    const again = await cli(['init', '.', '--blueprint', 'sqs-consumer-nodejs', '--name', 'OrderWorker'], dir);
    assert.equal(again.code, 2);
    assert.equal(again.stderr, 'Error [BLUEPRINT_NAME_CLASH]: template.yaml already has "OrderWorker"; choose another --name (lambda-workbench init --blueprint sqs-consumer-nodejs --name OtherFunction).\n');
    assert.equal(readFileSync(join(dir, 'template.yaml'), 'utf8'), text);
  });

  void test('init adds blueprints with several resources: a second function, a layer, and ids that clash get the function in front', async () => {
    const dir = join(tempDir('lwb-bp-more-'), 'shop');
    cpSync(join(fixtures, 'blueprints', 'existing'), dir, { recursive: true });
    for (const [bp, name] of [['invoke-function-python', 'Quote'], ['shared-layer-nodejs', 'Greeter'], ['invoke-function-python', 'Quote2']]) {
      const r = await cli(['init', '--blueprint', bp, '--name', name], dir);
      assert.equal(r.code, 0, r.stderr);
    }
    const text = readFileSync(join(dir, 'template.yaml'), 'utf8');
    // The second copy's PricingFunction was taken: it became Quote2PricingFunction, and its reference followed.
    assert.match(text, /\n {2}Quote2PricingFunction:\n {4}Type: AWS::Serverless::Function\n {4}Properties:\n {6}CodeUri: quote2-pricing-function\/\n/);
    assert.match(text, /\n {2}Quote2:\n[^]*PRICING_FUNCTION: !Ref Quote2PricingFunction\n/);
    assert.match(text, /\n {2}SharedLayer:\n[^]*ContentUri: shared-layer\/\n/);
    const cart = JSON.parse(readFileSync(join(dir, 'events', 'Quote2', 'cart.json'), 'utf8')) as unknown;
    assert.deepEqual(cart, JSON.parse(readFileSync(join(blueprintsDir, 'invoke-function-python', 'events', 'cart.json'), 'utf8')));
    for (const [fn, event, expected] of [
      ['Quote', 'events/Quote/cart.json', { cartId: 'cart-7', total: 15, currency: 'EUR' }],
      ['Quote2', 'events/Quote2/cart.json', { cartId: 'cart-7', total: 15, currency: 'EUR' }],
      ['Greeter', 'events/Greeter/greet.json', { message: 'Hello, Ada Lovelace!' }],
    ] as const) {
      const r = await cli(['invoke', fn, '--event', event], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), expected);
    }
  });

  void test('coded errors: an unknown blueprint, a bad --name or --runtime, a folder whose files would be overwritten', async () => {
    const dir = tempDir('lwb-bp-errors-');
    const unknown = await cli(['init', 'x', '--blueprint', 'nosuch'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^Error \[BLUEPRINT_NOT_FOUND\]: No blueprint named "nosuch"\. Blueprints: .*hello-world-nodejs, /);
    const name = await cli(['init', 'x', '--blueprint', 'hello-world-nodejs', '--name', 'my-fn'], dir);
    assert.match(name.stderr, /^Error \[INVALID_PARAMETER\]: --name "my-fn" is not a logical id/);
    const runtime = await cli(['init', 'x', '--blueprint', 'hello-world-nodejs', '--runtime', 'python3.12'], dir);
    assert.match(runtime.stderr, /^Error \[INVALID_PARAMETER\]: Blueprint "hello-world-nodejs" runs on nodejs20.x, nodejs22.x, nodejs24.x, not "python3.12"\./);
    mkdirSync(join(dir, 'taken', 'src'), { recursive: true });
    writeFileSync(join(dir, 'taken', 'src', 'app.mjs'), 'mine');
    const taken = await cli(['init', 'taken', '--blueprint', 'hello-world-nodejs'], dir);
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /^Error \[BLUEPRINT_NAME_CLASH\]: .*taken already has src\/app\.mjs; /);
    assert.equal(readFileSync(join(dir, 'taken', 'src', 'app.mjs'), 'utf8'), 'mine');
    assert.equal(existsSync(join(dir, 'taken', 'template.yaml')), false, 'nothing written');
    assert.equal(existsSync(join(dir, 'x')), false, 'no folder made for failed inits');
  });

  void test('--name and --runtime in a new project rename the function and its references', async () => {
    const dir = tempDir('lwb-bp-rename-');
    mkdirSync(join(blueprintsDir, 'hello-world-nodejs', '.lambda-workbench'), { recursive: true });
    const r = await cli(['init', 'p', '--blueprint', 'hello-world-nodejs', '--name', 'Greeter', '--runtime', 'nodejs20.x'], dir);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(join(dir, 'p', 'template.yaml'), 'utf8');
    // The README's quick start runs the blueprint in place; its state is not part of the blueprint.
    assert.equal(existsSync(join(dir, 'p', '.lambda-workbench')), false);
    assert.match(text, /\n {2}Greeter:\n {4}Type: AWS::Serverless::Function\n/);
    assert.match(text, /Value: !GetAtt Greeter\.Arn\n/);
    assert.match(text, /\n {6}Runtime: nodejs20\.x\n/);
    assert.doesNotMatch(text, /HelloWorldFunction:/);
  });
});
