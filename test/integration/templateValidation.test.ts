// Integration: every template we ship — each blueprint's template.yaml, each application's template.yaml and
// pipeline/pipeline.yaml — validated by validators we did not write: the CloudFormation resource specification
// (@aws-cdk/cfnspec: types, property names at every level it describes, required properties, shapes) and npm
// cfn-lint, whose errors stand unless that newer specification contradicts them (test/helpers/cfnValidation.ts).
// The accepted cfn-lint errors are printed, each with its justification, and counted by kind.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { validateTemplate, type AcceptedKind } from '../helpers/cfnValidation';
import { spec } from '../helpers/cfnSpec';
import { parseTemplateFile } from '../../src/core/template/parse';
import { tempDir } from '../helpers/tempDirs';
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

  void test('the rule accepts only what the specification contradicts: typos, unknown types, missing required properties stand', () => {
    const file = join(tempDir('lwb-cfn-rule-'), 'template.yaml');
    writeFileSync(file, [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: src/',
      '      Handlr: app.handler',
      '      Runtime: nodejs22.x',
      '      Architectures: [arm64]',
      '      Environment:',
      '        - QUEUE: !Ref Missing',
      '      Events:',
      '        Jobs:',
      '          Type: SQS',
      '          Properties:',
      '            BatchSize: 5',
      '  Queue:',
      '    Type: AWS::SQS::Queeue',
      '',
    ].join('\n'));
    const v = validateTemplate(file);
    assert.deepEqual(v.specProblems, [
      'Resources > Fn > Properties > Handlr: Handlr is not a property of AWS::Serverless::Function (117.0.0)',
      'Resources > Fn > Properties > Environment: AWS::Serverless::Function.FunctionEnvironment is an object, not [{"QUEUE":{"Ref":"Missing"}}]',
      // The event is an SQSEvent (its Type says so), which requires Queue.
      'Resources > Fn > Properties > Events > Jobs > Properties: AWS::Serverless::Function.SQSEvent requires Queue',
      'Resources > Queue: AWS::SQS::Queeue is not a resource type of the specification',
    ]);
    // Architectures is newer than cfn-lint's specification: accepted, with the reason.
    assert.deepEqual(v.accepted.map((a) => [a.kind, a.path, a.because]), [['property newer than cfn-lint', 'Resources > Fn > Properties > Architectures', 'the specification defines AWS::Serverless::Function.Architectures']]);
    for (const stands of [/Handlr is not a valid property/, /AWS::SQS::Queeue/]) assert.ok(v.rejected.some((r) => stands.test(r)), `${String(stands)} stands among ${v.rejected.join('; ')}`);
  });

  void test('each pipeline: connection source, CodeBuild on buildspec.yml, change set then execute, a closed bucket, no * in any action or resource', () => {
    for (const file of files.filter((f) => f.endsWith('pipeline.yaml'))) {
      const t = parseTemplateFile(file, file).data as { Parameters: Record<string, unknown>; Resources: Record<string, { Type: string; Properties: any }> };
      const name = relative(repoRoot, file);
      assert.deepEqual(['ConnectionArn', 'FullRepositoryId', 'BranchName'].filter((p) => !(p in t.Parameters)), [], name);
      const of = (type: string) => Object.values(t.Resources).filter((r) => r.Type === type).map((r) => r.Properties);
      const [pipeline] = of('AWS::CodePipeline::Pipeline');
      const actions = (pipeline.Stages as { Name: string; Actions: { ActionTypeId: { Provider: string }; Configuration: Record<string, unknown> }[] }[]).map((st) => [st.Name, st.Actions.map((a) => `${a.ActionTypeId.Provider}${a.Configuration.ActionMode ? ` ${String(a.Configuration.ActionMode)}` : ''}`)]);
      assert.deepEqual(actions, [['Source', ['CodeStarSourceConnection']], ['Build', ['CodeBuild']], ['Deploy', ['CloudFormation CHANGE_SET_REPLACE', 'CloudFormation CHANGE_SET_EXECUTE']]], name);
      assert.equal(of('AWS::CodeBuild::Project')[0].Source.BuildSpec, 'buildspec.yml', name);
      const [bucket] = of('AWS::S3::Bucket');
      assert.ok(bucket.BucketEncryption, `${name}: the artifact bucket is encrypted`);
      assert.deepEqual(bucket.PublicAccessBlockConfiguration, { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }, name);
      const statements = of('AWS::IAM::Role').flatMap((r) => [r.AssumeRolePolicyDocument, ...(r.Policies as { PolicyDocument: unknown }[]).map((p) => p.PolicyDocument)]).flatMap((d) => (d as { Statement: { Action: string | string[]; Resource?: unknown }[] }).Statement);
      const wild = statements.filter((st) => [st.Action].flat().some((a) => a.includes('*')) || st.Resource === '*' || (Array.isArray(st.Resource) && st.Resource.includes('*')));
      assert.deepEqual(wild, [], `${name}: statements with * actions or resources`);
    }
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
