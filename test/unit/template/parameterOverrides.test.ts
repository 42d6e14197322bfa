// --parameter-overrides as SAM CLI reads it: every form, quoting and escapes, files, pseudo parameters.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseParameterOverrides, splitPseudoOverrides } from '../../../src/core/template/parameterOverrides';
import { tempProject } from './helpers';

const parse = (items: string[], cwd = process.cwd()) => parseParameterOverrides(items, cwd);

void test('golden: each SAM form, one argument or several', () => {
  const cases: [string[], Record<string, string>][] = [
    [['K=V'], { K: 'V' }],
    [['K=V K2=W'], { K: 'V', K2: 'W' }],
    [['K=V', 'K2=W'], { K: 'V', K2: 'W' }],
    [['K2="a b"'], { K2: 'a b' }],
    [["K2='a b' K3=c"], { K2: 'a b', K3: 'c' }],
    [['K="say \\"hi\\"" L=a\\ b'], { K: 'say "hi"', L: 'a b' }],
    [['Url=https://x.test/?a=1&b=2'], { Url: 'https://x.test/?a=1&b=2' }],
    [['Empty='], { Empty: '' }],
    [['ParameterKey=K,ParameterValue=V ParameterKey=L,ParameterValue="x y"'], { K: 'V', L: 'x y' }],
    [['ParameterKey=Table,ParameterValue=t=1'], { Table: 't=1' }],
    [['List=a,b,c'], { List: 'a,b,c' }],
    [['AWS::Region=eu-west-1 Stage=dev'], { 'AWS::Region': 'eu-west-1', Stage: 'dev' }],
    [['  K=V   '], { K: 'V' }],
  ];
  for (const [input, expected] of cases) assert.deepEqual(parse(input), expected, JSON.stringify(input));
});

void test('bad entries are INVALID_PARAMETER and say the forms', () => {
  assert.throws(() => parse(['novalue']), { code: 'INVALID_PARAMETER', message: 'Bad --parameter-overrides entry "novalue". Use Name=Value (quote values with spaces: Name="a b"), ParameterKey=Name,ParameterValue=Value, or file://params.json.' });
  assert.throws(() => parse(['K="open']), { code: 'INVALID_PARAMETER', message: /a double quote is not closed/ });
  assert.throws(() => parse(['=v']), { code: 'INVALID_PARAMETER' });
});

void test('file:// JSON and YAML in each shape, relative to the folder given', () => {
  const dir = tempProject({
    'object.json': '{"Stage": "dev", "Count": 3, "Subnets": ["a", "b"]}',
    'cfn.json': '[{"ParameterKey": "Stage", "ParameterValue": "prod"}, {"ParameterKey": "Old", "UsePreviousValue": true}]',
    'strings.json': '["Stage=qa", "Label=\\"x y\\""]',
    'pipeline.json': '{"Parameters": {"Stage": "pipe"}, "Tags": {"team": "a"}}',
    'params.yaml': 'Stage: from-yaml\nEnabled: true\n',
    'bad.json': '{"Stage": "s3cr3t",}',
    'nested.json': '{"Stage": {"x": 1}}',
  });
  assert.deepEqual(parse(['file://object.json'], dir), { Stage: 'dev', Count: '3', Subnets: 'a,b' });
  assert.deepEqual(parse(['file://cfn.json'], dir), { Stage: 'prod' });
  assert.deepEqual(parse(['file://strings.json'], dir), { Stage: 'qa', Label: 'x y' });
  assert.deepEqual(parse(['file://pipeline.json'], dir), { Stage: 'pipe' });
  assert.deepEqual(parse(['file://params.yaml Label=z'], dir), { Stage: 'from-yaml', Enabled: 'true', Label: 'z' });
  assert.throws(() => parse(['file://bad.json'], dir), (e: Error & { code?: string }) => e.code === 'INVALID_PARAMETER' && /bad\.json is not valid JSON/.test(e.message) && !e.message.includes('s3cr3t'));
  assert.throws(() => parse(['file://nested.json'], dir), { code: 'INVALID_PARAMETER', message: /gives "Stage" a value that is not a string, number or list/ });
  assert.throws(() => parse(['file://absent.json'], dir), { code: 'INVALID_PARAMETER', message: /Cannot read the --parameter-overrides file; check the path: .*absent\.json$/ });
});

void test('pseudo parameters are split from the template\'s own', () => {
  assert.deepEqual(splitPseudoOverrides({ 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '111122223333', 'AWS::StackName': 's', 'AWS::Partition': 'aws-cn', Stage: 'dev' }), {
    pseudo: { region: 'eu-west-1', accountId: '111122223333', stackName: 's' },
    parameters: { Stage: 'dev' },
    unknown: ['AWS::Partition'],
  });
});
