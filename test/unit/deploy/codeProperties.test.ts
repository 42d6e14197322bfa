// Unit: the code-property rewrite of `deploy` and `package --output-template` (core/deploy/codeProperties.ts):
// all four kinds, Globals.Function.CodeUri, build metadata, esbuild's handler, and intrinsics/comments kept.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { rewriteCodeProperties, type CodeArtifact } from '../../../src/core/deploy/codeProperties';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/ # shared code
Resources:
  # the API function
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/app.handler
      Role: !GetAtt Role.Arn
    Metadata:
      BuildMethod: esbuild
      BuildProperties: { Minify: false }
  Own:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: own/, Handler: index.handler, Layers: [!Ref SamLayer] }
  Inline:
    Type: AWS::Serverless::Function
    Properties: { InlineCode: "exports.handler = async () => 1", Handler: index.handler }
  SamLayer:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: layer/, CompatibleRuntimes: [nodejs20.x] }
    Metadata: { BuildMethod: nodejs20.x }
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Code: plain/
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !Sub 'arn:aws:iam::\${AWS::AccountId}:role/x'
  PlainLayer:
    Type: AWS::Lambda::LayerVersion
    Properties: { Content: layer/ }
  Role:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {} }
`;

const s3 = (logicalId: string, extra: Partial<CodeArtifact> = {}): CodeArtifact => ({ logicalId, location: { kind: 's3', bucket: 'bkt', key: `p/${logicalId}.zip` }, ...extra });
const all = [s3('Api', { handler: 'app.handler', environment: { NODE_OPTIONS: '--enable-source-maps' } }), s3('Own'), s3('SamLayer'), s3('Plain'), s3('PlainLayer')];

type Data = { Globals: { Function: Record<string, unknown> }; Resources: Record<string, { Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }> };

describe('rewriteCodeProperties', () => {
  test('S3: SAM properties become s3:// URIs, CloudFormation ones {S3Bucket, S3Key}; other resources are untouched', () => {
    const { text, rewritten } = rewriteCodeProperties(TEMPLATE, 't.yaml', all);
    assert.deepEqual(rewritten, ['Api', 'Own', 'SamLayer', 'Plain', 'PlainLayer']);
    const r = (parse(text, { logLevel: 'silent' }) as Data).Resources;
    assert.equal(r.Api.Properties.CodeUri, 's3://bkt/p/Api.zip');
    assert.equal(r.Own.Properties.CodeUri, 's3://bkt/p/Own.zip');
    assert.equal(r.SamLayer.Properties.ContentUri, 's3://bkt/p/SamLayer.zip');
    assert.deepEqual(r.Plain.Properties.Code, { S3Bucket: 'bkt', S3Key: 'p/Plain.zip' });
    assert.deepEqual(r.PlainLayer.Properties.Content, { S3Bucket: 'bkt', S3Key: 'p/PlainLayer.zip' });
    assert.equal(r.Inline.Properties.CodeUri, undefined);
    assert.equal(r.Inline.Properties.InlineCode, 'exports.handler = async () => 1');
  });

  test('intrinsic short forms and comments survive', () => {
    const { text } = rewriteCodeProperties(TEMPLATE, 't.yaml', all);
    assert.match(text, /Role: !GetAtt Role\.Arn/);
    assert.match(text, /Layers: \[!Ref SamLayer\]/);
    assert.match(text, /Role: !Sub 'arn:aws:iam::\$\{AWS::AccountId\}:role\/x'/);
    assert.match(text, /# the API function\n {2}Api:/);
  });

  test('Globals.Function.CodeUri goes once no function relies on it, and stays while one does', () => {
    const gone = parse(rewriteCodeProperties(TEMPLATE, 't.yaml', all).text, { logLevel: 'silent' }) as Data;
    assert.equal(gone.Globals.Function.CodeUri, undefined);
    assert.equal(gone.Globals.Function.Runtime, 'nodejs20.x');
    const kept = parse(rewriteCodeProperties(TEMPLATE, 't.yaml', all.filter((a) => a.logicalId !== 'Api')).text, { logLevel: 'silent' }) as Data;
    assert.equal(kept.Globals.Function.CodeUri, 'src/');
    assert.equal(kept.Resources.Api.Properties.CodeUri, undefined);
  });

  test("build metadata gives way to SkipBuild; esbuild's handler and NODE_OPTIONS are written", () => {
    const r = (parse(rewriteCodeProperties(TEMPLATE, 't.yaml', all).text, { logLevel: 'silent' }) as Data).Resources;
    assert.deepEqual(r.Api.Metadata, { SkipBuild: true });
    assert.deepEqual(r.SamLayer.Metadata, { SkipBuild: true });
    assert.equal(r.Api.Properties.Handler, 'app.handler');
    assert.deepEqual(r.Api.Properties.Environment, { Variables: { NODE_OPTIONS: '--enable-source-maps' } });
    assert.equal(r.Own.Properties.Handler, 'index.handler');
  });

  test('local ZIP paths (package --output-template) are written as given, for every kind', () => {
    const files = all.map((a) => ({ logicalId: a.logicalId, location: { kind: 'file' as const, path: `dist/${a.logicalId}.zip` } }));
    const r = (parse(rewriteCodeProperties(TEMPLATE, 't.yaml', files).text, { logLevel: 'silent' }) as Data).Resources;
    assert.deepEqual(
      [r.Api.Properties.CodeUri, r.Own.Properties.CodeUri, r.SamLayer.Properties.ContentUri, r.Plain.Properties.Code, r.PlainLayer.Properties.Content],
      ['dist/Api.zip', 'dist/Own.zip', 'dist/SamLayer.zip', 'dist/Plain.zip', 'dist/PlainLayer.zip'],
    );
  });

  test('a JSON template is written back as JSON with Ref/Fn::GetAtt intact', () => {
    const json = JSON.stringify({ Resources: { F: { Type: 'AWS::Lambda::Function', Properties: { Code: 'f/', Role: { 'Fn::GetAtt': ['R', 'Arn'] }, Environment: { Variables: { T: { Ref: 'T' } } } } } } }, null, 2);
    const out = JSON.parse(rewriteCodeProperties(json, 't.json', [s3('F')]).text) as Data;
    assert.deepEqual(out.Resources.F.Properties, { Code: { S3Bucket: 'bkt', S3Key: 'p/F.zip' }, Role: { 'Fn::GetAtt': ['R', 'Arn'] }, Environment: { Variables: { T: { Ref: 'T' } } } });
  });

  test('a template without Resources is a coded error', () => {
    assert.throws(() => rewriteCodeProperties('AWSTemplateFormatVersion: "2010-09-09"\n', 'x.yaml', []), { code: 'TEMPLATE_INVALID' });
  });
});
