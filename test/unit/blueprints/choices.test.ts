// Unit: what New Function from Blueprint… and New Application from Template… offer and check — the shipped
// catalog grouped by runtime (sources in order within a group), logical ids and project names refused with the
// reason, the ids a template uses, and where a new project goes (never over a user's files).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { applicationNameProblem, functionNameProblem, groupBlueprints, initBlueprint, listBlueprints, newProjectDir, templateLogicalIds } from '../../../src/core/blueprints';
import { tempDir } from '../../helpers/tempDirs';

const root = join(__dirname, '..', '..', '..', '..', 'blueprints');

void describe('blueprint choices', () => {
  void test('the catalog is grouped by runtime family, hello world first, each group ordered by source then name', async () => {
    const groups = groupBlueprints(await listBlueprints(root));
    assert.deepEqual(groups.map((g) => g.label), ['Node.js (JavaScript)', 'Node.js (TypeScript)', 'Python', 'Custom runtime (provided)']);
    const names = (label: string) => groups.find((g) => g.label === label)!.blueprints.map((b) => b.manifest.name);
    assert.deepEqual(names('Node.js (TypeScript)'), ['hello-world-typescript', 'http-api-typescript']);
    assert.deepEqual(names('Custom runtime (provided)'), ['custom-runtime-shell']);
    assert.deepEqual(names('Node.js (JavaScript)').slice(0, 4), ['hello-world-nodejs', 'rest-api-validation-nodejs', 'http-api-nodejs', 'sqs-consumer-nodejs']);
    assert.equal(names('Node.js (JavaScript)').at(-1), 'response-streaming-nodejs');
    assert.ok(names('Python').every((n) => n.endsWith('-python')), names('Python').join());
    assert.equal(groups.reduce((n, g) => n + g.blueprints.length, 0), (await listBlueprints(root)).length, 'every blueprint in exactly one group');
  });

  void test('a runtime outside the known families gets a group of its own, after them', async () => {
    const [bp] = await listBlueprints(root);
    const java = { ...bp, manifest: { ...bp.manifest, name: 'java-demo', runtimes: ['java21'] } };
    assert.deepEqual(groupBlueprints([java, bp]).map((g) => g.label), ['Node.js (JavaScript)', 'java21']);
  });

  void test('function names: letters and digits, at most 255, not taken in the target template', () => {
    assert.equal(functionNameProblem('OrdersFunction', ['Hello']), undefined);
    assert.match(functionNameProblem('', [])!, /Name the function/);
    assert.match(functionNameProblem('orders-fn', [])!, /"orders-fn" is not a CloudFormation logical id: use letters and digits only/);
    assert.match(functionNameProblem('Orders_Fn', [])!, /not a CloudFormation logical id/);
    assert.match(functionNameProblem('A'.repeat(256), [])!, /at most 255 characters; this one has 256/);
    assert.equal(functionNameProblem('A'.repeat(255), []), undefined);
    assert.match(functionNameProblem('Hello', ['Hello'])!, /already has "Hello"; choose another name/);
  });

  void test("a template's logical ids: resources, parameters and outputs (comments and tags are fine)", async () => {
    const dir = tempDir('lwb-choices-');
    const file = join(dir, 'template.yaml');
    writeFileSync(file, "# mine\nParameters:\n  Stage: { Type: String }\nResources:\n  Fn: # the function\n    Type: AWS::Serverless::Function\n    Properties: { Handler: !Ref Stage }\nOutputs:\n  FnArn:\n    Value: !GetAtt Fn.Arn\n");
    assert.deepEqual(await templateLogicalIds(file), ['Fn', 'Stage', 'FnArn']);
    writeFileSync(file, 'Resources: [unclosed\n');
    await assert.rejects(templateLogicalIds(file), { code: 'TEMPLATE_SYNTAX' });
  });

  void test('a new project goes into the folder when it is free of the blueprint files, else into a folder named after the function', async () => {
    const [bp] = (await listBlueprints(root)).filter((b) => b.manifest.name === 'hello-world-nodejs');
    const empty = tempDir('lwb-choices-');
    mkdirSync(join(empty, '.git'));
    assert.equal(await newProjectDir(bp, empty, 'HelloWorldFunction'), empty, 'dot folders do not count');
    const withReadme = tempDir('lwb-choices-');
    writeFileSync(join(withReadme, 'README.md'), 'mine\n');
    assert.equal(await newProjectDir(bp, withReadme, 'OrdersApiFunction'), join(withReadme, 'orders-api-function'));
  });

  void test('application names: kebab-case, a new or empty folder', () => {
    const parent = tempDir('lwb-choices-');
    mkdirSync(join(parent, 'empty'));
    mkdirSync(join(parent, 'used'));
    writeFileSync(join(parent, 'used', 'x'), '');
    writeFileSync(join(parent, 'file'), '');
    assert.equal(applicationNameProblem(parent, 'orders-api'), undefined);
    assert.equal(applicationNameProblem(parent, 'empty'), undefined);
    assert.match(applicationNameProblem(parent, 'Orders API')!, /"Orders API" is not a project name: use lower-case letters, digits and dashes/);
    assert.match(applicationNameProblem(parent, 'used')!, /already exists and is not empty/);
    assert.match(applicationNameProblem(parent, 'file')!, /is a file/);
  });

  void test('init adds to a template named as the user likes (templatePath), comments kept; a missing one is TEMPLATE_NOT_FOUND', async () => {
    const [bp] = (await listBlueprints(root)).filter((b) => b.manifest.name === 'hello-world-nodejs');
    const dir = tempDir('lwb-choices-');
    const file = join(dir, 'orders-template.yaml');
    writeFileSync(file, "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n# the orders service\nResources:\n  Orders: # existing\n    Type: AWS::SQS::Queue\n");
    const r = await initBlueprint(bp, { targetDir: dir, name: 'GreeterFunction', templatePath: file });
    assert.equal(r.mode, 'added');
    assert.equal(r.templatePath, file);
    assert.equal(r.handlerPath, join(dir, 'greeter-function', 'app.mjs'));
    assert.ok(existsSync(r.handlerPath));
    const text = readFileSync(file, 'utf8');
    // Both comments stay (the yaml library puts a comment after a key with a map value on its own line below it).
    assert.ok(text.includes('# the orders service\nResources:\n  Orders:') && text.includes('# existing'), text);
    assert.deepEqual(await templateLogicalIds(file), ['Orders', 'GreeterFunction', 'Greeting', 'HelloWorldFunctionArn']);
    assert.ok(!existsSync(join(dir, 'template.yaml')), 'no second template');
    await assert.rejects(initBlueprint(bp, { targetDir: dir, templatePath: join(dir, 'nope.yaml') }), { code: 'TEMPLATE_NOT_FOUND', message: /No template at .*nope\.yaml to add "HelloWorldFunction" to/ });
  });
});
