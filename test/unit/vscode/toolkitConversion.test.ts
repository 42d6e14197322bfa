// Unit (plain node, no vscode): AWS Toolkit `aws-sam` launch configurations become `lambda` ones; comments,
// the originals and the other configurations stay; API/code targets are reported, never half-converted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'jsonc-parser';
import { convertToolkitLaunchJson } from '../../../src/vscode/debug/toolkitConversion';

const LAUNCH = `{
    // Written by the AWS Toolkit
    "version": "0.2.0",
    "configurations": [
        {
            "type": "aws-sam",
            "request": "direct-invoke",
            "name": "app:HelloWorldFunction",
            "invokeTarget": { "target": "template", "templatePath": "\${workspaceFolder}/template.yaml", "logicalId": "HelloWorldFunction" },
            "lambda": { "payload": { "json": { "name": "x" } }, "environmentVariables": { "TABLE": "t1", "N": 3 }, "runtime": "nodejs20.x" },
            "sam": { "containerBuild": false, "template": { "parameters": { "Stage": "dev", "Count": 2 } } },
            "aws": { "credentials": "profile:default", "region": "eu-west-1" }
        },
        { "type": "node", "request": "launch", "name": "plain node", "program": "x.js" }, // not ours
        {
            "type": "aws-sam",
            "request": "direct-invoke",
            "name": "with file",
            "invokeTarget": { "target": "template", "templatePath": "template.yaml", "logicalId": "Other" },
            "lambda": { "payload": { "path": "events/ping.json" } }
        },
        { "type": "aws-sam", "request": "direct-invoke", "name": "api one", "invokeTarget": { "target": "api", "templatePath": "template.yaml", "logicalId": "Api" }, "api": { "path": "/", "httpMethod": "get" } },
        { "type": "aws-sam", "request": "direct-invoke", "name": "code one", "invokeTarget": { "target": "code", "lambdaHandler": "app.handler", "projectRoot": "src" } },
    ]
}
`;

test('template targets become lambda configurations right after their originals, with every mapped attribute', () => {
  const r = convertToolkitLaunchJson(LAUNCH);
  const configs = (parse(r.text) as { configurations: Record<string, unknown>[] }).configurations;
  assert.deepEqual(configs.map((c) => c.name), [
    'app:HelloWorldFunction', 'app:HelloWorldFunction (Lambda Workbench)', 'plain node', 'with file', 'with file (Lambda Workbench)', 'api one', 'code one',
  ]);
  assert.deepEqual(configs[1], {
    type: 'lambda', request: 'launch', name: 'app:HelloWorldFunction (Lambda Workbench)', function: 'HelloWorldFunction', template: '${workspaceFolder}/template.yaml',
    event: { name: 'x' }, env: { TABLE: 't1', N: '3' }, parameterOverrides: { Stage: 'dev', Count: '2' }, region: 'eu-west-1', profile: 'default',
  });
  assert.deepEqual(configs[4], { type: 'lambda', request: 'launch', name: 'with file (Lambda Workbench)', function: 'Other', template: 'template.yaml', event: 'events/ping.json' });
  assert.ok(r.text.includes('// Written by the AWS Toolkit') && r.text.includes('// not ours'), 'comments kept');
  assert.deepEqual(r.converted.map((c) => c.from), ['app:HelloWorldFunction', 'with file']);
  assert.deepEqual(r.converted[0].dropped, ["lambda.runtime (the template's value is used)", 'sam.containerBuild (no container and no sam build step here)']);
  assert.deepEqual(r.skipped.map((s) => s.name), ['api one', 'code one']);
  assert.match(r.skipped[0].reason, /API target/);
  assert.match(r.skipped[1].reason, /code target/);
  // The file's own indentation (4 spaces) is used for the new entries.
  assert.match(r.text, /\n {8}\{\n {12}"type": "lambda"/);
});

test('converting twice adds nothing the second time', () => {
  const once = convertToolkitLaunchJson(LAUNCH).text;
  const twice = convertToolkitLaunchJson(once);
  assert.equal(twice.text, once);
  assert.equal(twice.converted.length, 0);
  assert.ok(twice.skipped.some((s) => s.name === 'with file' && /already converted/.test(s.reason)));
});

test('a launch.json that does not parse is refused with where, and nothing changes', () => {
  assert.throws(() => convertToolkitLaunchJson('{ "configurations": [ { "type": "aws-sam" ] }'), /launch\.json does not parse: \w+ at offset \d+/);
});

test('no aws-sam configurations: the text is unchanged', () => {
  const text = '{ "version": "0.2.0", "configurations": [] }';
  assert.deepEqual(convertToolkitLaunchJson(text), { text, converted: [], skipped: [] });
});

test('Toolkit credentials: "profile:NAME" becomes the profile attribute; any other source is said to be dropped', () => {
  const launch = (credentials: string) => `{ "configurations": [ { "type": "aws-sam", "request": "direct-invoke", "name": "c", "invokeTarget": { "target": "template", "templatePath": "t.yaml", "logicalId": "F" }, "aws": { "credentials": "${credentials}" } } ] }`;
  const profiled = convertToolkitLaunchJson(launch('profile:work-dev'));
  assert.equal((parse(profiled.text) as { configurations: { profile?: string }[] }).configurations[1].profile, 'work-dev');
  assert.deepEqual(profiled.converted[0].dropped, []);
  const other = convertToolkitLaunchJson(launch('ec2:instance'));
  assert.equal('profile' in (parse(other.text) as { configurations: object[] }).configurations[1], false);
  assert.deepEqual(other.converted[0].dropped, ['aws.credentials (functions get the credentials of your environment)']);
});
