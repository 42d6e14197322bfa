// Unit: the SAM template JSON Schema the build generates from @aws-cdk/cfnspec (scripts/samSchema.mjs, shipped as
// dist/schemas/sam-template.schema.json for jsonValidation / yamlValidation), checked with @cfworker/json-schema:
// every blueprint and fixture template (parsed by our template parser, so !Ref tags are intrinsic objects) is
// valid; an unknown property, type or top-level key and a wrong type are invalid, with the path; the file stays small.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { Validator, type OutputUnit } from '@cfworker/json-schema';
import { parseTemplateText } from '../../../src/core/template/parse';
import { repoRoot } from '../../integration/helpers/engine';

const schemaFile = join(repoRoot, 'dist', 'schemas', 'sam-template.schema.json');
const schemaText = readFileSync(schemaFile, 'utf8');
const validator = new Validator(JSON.parse(schemaText) as object, '7', false);

/** Templates: YAML/JSON files with a top-level Resources section. */
function templates(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) templates(p, out);
    else if (/\.(ya?ml|json)$/.test(name) && /^Resources:|"Resources"\s*:/m.test(readFileSync(p, 'utf8'))) out.push(p);
  }
  return out;
}

/** Templates whose text the parser refuses on purpose (syntax errors, alias bombs): not the schema's concern. */
const UNPARSABLE = ['test/fixtures/cli/bad-yaml/template.yaml', 'test/fixtures/template-hostile/billion-laughs/template.yaml', 'test/fixtures/template-hostile/self-alias/template.yaml', 'test/fixtures/templates/malformed/bad-json/template.json', 'test/fixtures/templates/malformed/bad-yaml-indent/template.yaml'];

function validate(text: string, file = 'template.yaml'): { valid: boolean; errors: OutputUnit[] } {
  return validator.validate(parseTemplateText(text, file, file).data);
}

/** The innermost errors (those at the deepest instance path): what an editor underlines. */
function deepest(errors: OutputUnit[]): string[] {
  const depth = Math.max(...errors.map((e) => e.instanceLocation.split('/').length));
  return errors.filter((e) => e.instanceLocation.split('/').length === depth).map((e) => `${e.instanceLocation} ${e.error}`);
}

test('every blueprint and fixture template is valid', () => {
  const files = [...templates(join(repoRoot, 'blueprints')), ...templates(join(repoRoot, 'test', 'fixtures'))];
  const invalid: string[] = [];
  const refused: string[] = [];
  for (const file of files) {
    const rel = relative(repoRoot, file);
    let data: unknown;
    try {
      data = parseTemplateText(readFileSync(file, 'utf8'), file, rel).data;
    } catch {
      refused.push(rel);
      continue;
    }
    const r = validator.validate(data);
    if (!r.valid) invalid.push(`${rel}: ${deepest(r.errors).join('; ')}`);
  }
  assert.deepEqual(invalid, []);
  assert.deepEqual(refused.sort(), [...UNPARSABLE].sort());
  assert.ok(files.length - refused.length >= 80, `only ${files.length - refused.length} templates checked`);
});

const base = (fnProps: string, more = '') => `Transform: AWS::Serverless-2016-10-31
Parameters: { Mem: { Type: Number, Default: 256 } }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      CodeUri: src
      Handler: index.handler
${fnProps}
${more}`;

test('intrinsic functions stand anywhere a value goes; SAM properties newer than cfnspec are known', () => {
  const r = validate(
    base(
      '      MemorySize: !Ref Mem\n      Timeout: 30\n      Environment: { Variables: { TABLE: !GetAtt T.Arn, STAGE: !If [IsProd, prod, dev], ENC: !Base64 x } }\n      Layers: !Ref AWS::NoValue\n      FunctionUrlConfig: { AuthType: NONE }\n      LoggingConfig: { LogFormat: JSON }',
      '  T:\n    Type: AWS::DynamoDB::Table\n    Properties: { KeySchema: [{ AttributeName: id, KeyType: HASH }], AttributeDefinitions: !Ref AWS::NoValue }\n  Cr:\n    Type: Custom::Seed\n    Properties: { ServiceToken: !GetAtt Fn.Arn, Anything: 1 }',
    ),
  );
  assert.deepEqual(deepest(r.errors), []);
  assert.equal(r.valid, true);
});

test('an unknown property is invalid, at its path', () => {
  const r = validate(base('      Handlr: index.other'));
  assert.equal(r.valid, false);
  assert.ok(deepest(r.errors).some((e) => e.startsWith('#/Resources/Fn/Properties/Handlr ')), deepest(r.errors).join('\n'));
});

test('a wrong type is invalid, at its path: a boolean timeout, a string environment', () => {
  const timeout = validate(base('      Timeout: true'));
  assert.equal(timeout.valid, false);
  assert.ok(deepest(timeout.errors).some((e) => e.startsWith('#/Resources/Fn/Properties/Timeout ')), deepest(timeout.errors).join('\n'));
  const env = validate(base('      Environment: TABLE=orders'));
  assert.equal(env.valid, false);
  assert.ok(deepest(env.errors).some((e) => e.startsWith('#/Resources/Fn/Properties/Environment ')), deepest(env.errors).join('\n'));
  // Not an intrinsic function either: an object with two keys where a number goes.
  const two = validate(base('      MemorySize: { Ref: Mem, Extra: 1 }'));
  assert.equal(two.valid, false);
});

test('a CloudFormation resource lacking a required property, a misspelt type or top-level key is invalid', () => {
  const missing = validate('Resources:\n  Q:\n    Type: AWS::SQS::QueuePolicy\n    Properties: { Queues: [x] }\n');
  assert.equal(missing.valid, false);
  assert.ok(missing.errors.some((e) => e.instanceLocation === '#/Resources/Q/Properties' && /PolicyDocument/.test(e.error)), deepest(missing.errors).join('\n'));
  const type = validate('Resources:\n  F:\n    Type: AWS::Serverles::Function\n');
  assert.equal(type.valid, false);
  assert.ok(type.errors.some((e) => e.instanceLocation === '#/Resources/F/Type'));
  const top = validate('Resource:\n  F:\n    Type: AWS::Serverless::Function\n');
  assert.equal(top.valid, false);
  assert.ok(top.errors.some((e) => /Resource/.test(e.error)));
});

test('the generated schema stays small: under 600 KB', () => {
  assert.ok(schemaText.length < 600 * 1024, `${schemaText.length} bytes`);
});

test('the manifest associates it with template.json (jsonValidation) and template.yaml (the YAML extension\'s yamlValidation)', () => {
  const c = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: Record<string, { fileMatch: string[]; url: string }[]> }).contributes;
  assert.deepEqual(c.jsonValidation, [{ fileMatch: ['template.json', '*.template.json'], url: './dist/schemas/sam-template.schema.json' }]);
  assert.deepEqual(c.yamlValidation, [{ fileMatch: ['template.yaml', 'template.yml'], url: './dist/schemas/sam-template.schema.json' }]);
  assert.match(readFileSync(join(repoRoot, '.vscodeignore'), 'utf8'), /^!dist\/schemas\/\*\*$/m);
});
