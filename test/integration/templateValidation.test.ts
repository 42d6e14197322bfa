// Integration: every template we ship — each blueprint's template.yaml, each application's template.yaml and
// pipeline/pipeline.yaml — validated by validators we did not write: the CloudFormation resource specification
// (@aws-cdk/cfnspec: types, property names at every level it describes, required properties, shapes) and npm
// cfn-lint, whose errors stand unless that newer specification contradicts them (test/helpers/cfnValidation.ts).
// The accepted cfn-lint errors are printed, each with its justification, and counted by kind.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { validateTemplate, type AcceptedKind } from '../helpers/cfnValidation';
import { spec } from '../helpers/cfnSpec';
import { repoRoot } from './helpers/engine';

const blueprints = join(repoRoot, 'blueprints');
const apps = join(blueprints, 'apps');

function templates(): string[] {
  const out: string[] = [];
  for (const d of readdirSync(blueprints)) if (existsSync(join(blueprints, d, 'template.yaml'))) out.push(join(blueprints, d, 'template.yaml'));
  for (const d of existsSync(apps) ? readdirSync(apps) : []) {
    for (const f of ['template.yaml', join('pipeline', 'pipeline.yaml')]) if (existsSync(join(apps, d, f))) out.push(join(apps, d, f));
  }
  return out.sort();
}

void describe('templates: cfnspec and cfn-lint', () => {
  const files = templates();
  const byKind = new Map<AcceptedKind, number>();
  after(() => {
    const counts = [...byKind].map(([k, n]) => `${n} × ${k}`).join(', ') || 'none';
    console.log(`cfn-lint errors accepted by the rule over ${files.length} templates: ${counts}`);
  });

  void test('the specification is the 2023 one with SAM, and there are templates of every kind', () => {
    assert.ok(Object.keys(spec.ResourceTypes).length >= 1000);
    assert.ok(spec.ResourceTypes['AWS::Serverless::Function'] && spec.ResourceTypes['AWS::CodePipeline::Pipeline']);
    assert.ok(files.filter((f) => f.endsWith('pipeline.yaml')).length >= 3, 'three application pipelines');
    assert.ok(files.length >= 30 + 3 * 2);
  });

  for (const file of files) {
    const name = relative(repoRoot, file);
    void test(name, () => {
      const v = validateTemplate(file);
      for (const a of v.accepted) {
        byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
        console.log(`  ${name}: accepted cfn-lint "${a.message}" at ${a.path}: ${a.because}`);
      }
      for (const w of v.warnings) console.log(`  ${name}: cfn-lint warning ${w}`);
      assert.deepEqual(v.specProblems, [], `${name} departs from the resource specification`);
      assert.deepEqual(v.rejected, [], `${name}: cfn-lint errors the resource specification does not contradict`);
    });
  }
});
