// Integration: `lambda-workbench deploy` and `package --all --output-template`, driving the real CLI process.
// S3 is s3rver (a third-party S3 server from npm, in this process on 127.0.0.1:0, temp directory).
// CloudFormation is a STUB (helpers/cloudFormationStub.ts): no CloudFormation emulator is reachable here, so a
// recorded-contract server asserts the exact requests the AWS SDK sends and replays documented responses.
// Templates are checked with npm cfn-lint (1.9.7, a 2019 spec: the fixture uses only properties it knows).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parse } from 'yaml';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';
import { ACCOUNT, changeSet, changeSetArn, CloudFormationStub, error, events, noStack, ok, stack, stackArn, type EventSpec, type Params, type Script } from './helpers/cloudFormationStub';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (o: Record<string, unknown>) => { run(): Promise<{ port: number }>; close(): Promise<void>; httpServer: import('node:http').Server };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cfnLint = require('cfn-lint') as { validateFile(f: string): { templateValid: boolean; errors: { crit: { message: string; resource: string }[] } } };

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const BUCKET = 'artifacts';
const STACK = 'hello-stack';
const project = join(tempDir('lwb-deploy-project-'), 'app');
cpSync(join(fixtures, 'deploy'), project, { recursive: true });
const stateDir = join(project, '.lambda-workbench');

const cfn = new CloudFormationStub();
let cfnUrl = '';
let s3Url = '';
let s3: InstanceType<typeof S3rver>;
const s3Dir = tempDir('lwb-deploy-s3-');
/** Method and path of each request s3rver received. */
const s3Requests: string[] = [];
const puts = () => s3Requests.filter((r) => r.startsWith('PUT ')).length;

before(async () => {
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
  const { port } = await s3.run();
  s3.httpServer.on('request', (req: import('node:http').IncomingMessage) => s3Requests.push(`${req.method} ${req.url}`));
  s3Url = `http://127.0.0.1:${port}`;
  cfnUrl = await cfn.start();
});
after(async () => {
  await cfn.close();
  await s3.close();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The CLI as a child process (async: s3rver and the stub answer from this process). s3rver checks SigV4
 * signatures against its one account, S3RVER/S3RVER, so those are the credentials the environment gives.
 */
function cli(args: string[], cwd = project): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  const absent = join(s3Dir, 'no-aws-files');
  const env = { ...base, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: absent, AWS_SHARED_CREDENTIALS_FILE: absent, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const endpoints = () => ['--s3-endpoint-url', s3Url, '--cloudformation-endpoint-url', cfnUrl, '--poll-interval', '10'];

/** The local packages (as `package --all --json` reports them), by logical id. */
async function localPackages(): Promise<Record<string, { codeSha256: string; zipPath: string }>> {
  const r = await cli(['package', '--all', '--json', '--output-template', join(project, 'out', 'packaged.yaml'), '--out', join(project, 'out', 'zips')]);
  assert.equal(r.code, 0, r.stderr);
  const rows = (JSON.parse(r.stdout) as { packages: { logicalId: string; codeSha256: string; zipPath: string }[] }).packages;
  return Object.fromEntries(rows.map((p) => [p.logicalId, p]));
}

const hex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');
const objectPath = (key: string) => join(s3Dir, BUCKET, `${key}._S3rver_object`);

const created: EventSpec[] = [
  { id: 'e2', logicalId: 'PlainRole', type: 'AWS::IAM::Role', status: 'CREATE_IN_PROGRESS' },
  { id: 'e3', logicalId: 'PlainRole', type: 'AWS::IAM::Role', status: 'CREATE_COMPLETE' },
  { id: 'e4', logicalId: 'HelloFunction', type: 'AWS::Lambda::Function', status: 'CREATE_COMPLETE' },
  { id: 'e5', logicalId: STACK, type: 'AWS::CloudFormation::Stack', status: 'CREATE_COMPLETE' },
];
const review: EventSpec = { id: 'e1', logicalId: STACK, type: 'AWS::CloudFormation::Stack', status: 'REVIEW_IN_PROGRESS', reason: 'User Initiated' };

/** A stack that goes IN_PROGRESS then `final`, its events appearing in two steps. */
function executing(final: string, later: readonly EventSpec[], outputs?: { OutputKey: string; OutputValue: string; Description?: string }[]): Script {
  let executed = false;
  let polls = 0;
  return (action, params, n) => {
    if (action === 'ExecuteChangeSet') return (executed = true), ok('ExecuteChangeSet');
    if (action === 'DescribeStacks') {
      if (!executed) return n === 0 ? noStack(params.StackName) : stack(STACK, 'REVIEW_IN_PROGRESS');
      return polls++ === 0 ? stack(STACK, final.replace(/_(COMPLETE|FAILED)$/, '_IN_PROGRESS').replace('ROLLBACK_IN_PROGRESS', 'CREATE_IN_PROGRESS')) : stack(STACK, final, { Outputs: outputs });
    }
    if (action === 'DescribeStackEvents') return events(STACK, [review, ...(executed ? later.slice(0, polls <= 1 ? 2 : later.length) : [])]);
    if (action === 'CreateChangeSet') return ok('CreateChangeSet', { Id: changeSetArn(params.ChangeSetName), StackId: stackArn(STACK) });
    if (action === 'DescribeChangeSet')
      return n === 0
        ? changeSet(STACK, 'cs', 'CREATE_PENDING')
        : changeSet(STACK, 'cs', 'CREATE_COMPLETE', {
            changes: [
              { action: 'Add', logicalId: 'HelloFunction', type: 'AWS::Lambda::Function' },
              { action: 'Add', logicalId: 'PlainFunction', type: 'AWS::Lambda::Function' },
              { action: 'Add', logicalId: 'PlainLayer', type: 'AWS::Lambda::LayerVersion' },
              { action: 'Add', logicalId: 'PlainRole', type: 'AWS::IAM::Role' },
            ],
          });
    return error('InvalidAction', action);
  };
}

/** An existing stack whose new change set ends FAILED with `reason`. */
function failedChangeSet(reason: string): Script {
  return (action, params) => {
    if (action === 'DescribeStacks') return stack(STACK, 'UPDATE_COMPLETE');
    if (action === 'CreateChangeSet') return ok('CreateChangeSet', { Id: changeSetArn(params.ChangeSetName), StackId: stackArn(STACK) });
    if (action === 'DescribeChangeSet') return changeSet(STACK, 'cs', 'FAILED', { reason });
    return error('InvalidAction', action);
  };
}

type Resources = Record<string, { Properties: Record<string, unknown>; Metadata?: unknown }>;

describe('deploy (S3: s3rver; CloudFormation: recorded-contract stub)', () => {
  beforeEach(() => cfn.reset());

  test('a new stack: packages uploaded by content hash with the local bytes, a CREATE change set with the rewritten template, events, outputs', async () => {
    const local = await localPackages();
    cfn.script = executing('CREATE_COMPLETE', created, [{ OutputKey: 'HelloArn', OutputValue: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:hello`, Description: 'the SAM function' }]);
    const before = puts();
    const r = await cli(['deploy', '--stack-name', STACK, '--s3-bucket', BUCKET, '--s3-prefix', 'apps/hello', '--parameter-overrides', 'Stage=prod', '--yes', ...endpoints()]);
    assert.equal(r.code, 0, r.stderr + r.stdout);

    // S3: one object per package, named by the SHA-256 of its bytes; the bytes are the local package's.
    assert.equal(puts() - before, 3);
    for (const id of ['HelloFunction', 'PlainFunction', 'PlainLayer']) {
      const key = `apps/hello/${hex(local[id].codeSha256)}.zip`;
      const bytes = readFileSync(objectPath(key));
      assert.equal(createHash('sha256').update(bytes).digest('base64'), local[id].codeSha256, id);
      assert.deepEqual(bytes, readFileSync(local[id].zipPath));
      assert.match(r.stdout, new RegExp(`Uploaded: ${id} → s3://${BUCKET}/${key}`));
    }

    // CloudFormation: exactly these calls, in this order.
    assert.deepEqual(cfn.actions(), ['DescribeStacks', 'CreateChangeSet', 'DescribeChangeSet', 'DescribeChangeSet', 'DescribeStackEvents', 'ExecuteChangeSet', 'DescribeStacks', 'DescribeStackEvents', 'DescribeStacks', 'DescribeStackEvents']);
    const create = cfn.of('CreateChangeSet')[0];
    assert.equal(create.Version, '2010-05-15');
    assert.equal(create.StackName, STACK);
    assert.equal(create.ChangeSetType, 'CREATE');
    assert.match(create.ChangeSetName, /^lambda-workbench-\d+$/);
    assert.deepEqual([create['Capabilities.member.1'], create['Capabilities.member.2'], create['Capabilities.member.3']], ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND', undefined]);
    assert.deepEqual([create['Parameters.member.1.ParameterKey'], create['Parameters.member.1.ParameterValue'], create['Parameters.member.2.ParameterKey']], ['Stage', 'prod', undefined]);
    assert.equal(create.TemplateURL, undefined);
    const body = create.TemplateBody;
    const res = (parse(body, { logLevel: 'silent' }) as { Resources: Resources }).Resources;
    assert.equal(res.HelloFunction.Properties.CodeUri, `s3://${BUCKET}/apps/hello/${hex(local.HelloFunction.codeSha256)}.zip`);
    assert.deepEqual(res.PlainFunction.Properties.Code, { S3Bucket: BUCKET, S3Key: `apps/hello/${hex(local.PlainFunction.codeSha256)}.zip` });
    assert.deepEqual(res.PlainLayer.Properties.Content, { S3Bucket: BUCKET, S3Key: `apps/hello/${hex(local.PlainLayer.codeSha256)}.zip` });
    assert.match(body, /Role: !GetAtt PlainRole\.Arn/);
    assert.match(body, /STAGE: !Ref Stage/);
    assert.match(body, /# A SAM function taking its code from Globals/);
    assert.doesNotMatch(body, /CodeUri: hello\//);
    const describeCs = cfn.of('DescribeChangeSet')[0];
    assert.equal(describeCs.ChangeSetName, changeSetArn(create.ChangeSetName));
    assert.equal(cfn.of('ExecuteChangeSet')[0].ChangeSetName, changeSetArn(create.ChangeSetName));

    // The deployed template passes cfn-lint.
    const file = join(project, 'out', 'deployed.yaml');
    writeFileSync(file, body);
    const lint = cfnLint.validateFile(file);
    assert.deepEqual(lint.errors.crit, []);
    assert.equal(lint.templateValid, true);

    // What the user sees.
    assert.match(r.stdout, /\+ Add\s+HelloFunction\s+AWS::Lambda::Function\s+N\/A/);
    assert.match(r.stdout, /\+ Add\s+PlainRole\s+AWS::IAM::Role\s+N\/A/);
    const eventRows = r.stdout.split('\n').filter((l) => /^(CREATE|REVIEW)_/.test(l));
    assert.deepEqual(eventRows.map((l) => l.split(/\s+/).slice(0, 3).join(' ')), ['CREATE_IN_PROGRESS AWS::IAM::Role PlainRole', 'CREATE_COMPLETE AWS::IAM::Role PlainRole', 'CREATE_COMPLETE AWS::Lambda::Function HelloFunction', `CREATE_COMPLETE AWS::CloudFormation::Stack ${STACK}`]);
    assert.match(r.stdout, /Stack hello-stack CREATE_COMPLETE/);
    assert.match(r.stdout, /HelloArn\s+arn:aws:lambda:us-east-1:123456789012:function:hello\s+the SAM function/);
    assert.match(r.stderr, /Deploying .*template\.yaml to endpoint .*, region us-east-1, stack hello-stack/);
    assert.doesNotMatch(r.stdout + r.stderr, /S3RVER/);

    // Remembered for the next deploy of this template.
    const remembered = JSON.parse(readFileSync(join(stateDir, 'deploy.json'), 'utf8')) as Record<string, { stackName: string; s3Bucket: string; s3Prefix: string }>;
    assert.deepEqual(remembered['template.yaml'], { stackName: STACK, region: 'us-east-1', s3Bucket: BUCKET, s3Prefix: 'apps/hello' });
  });

  test('an update of the remembered stack: UPDATE change set, parameters kept with UsePreviousValue, nothing uploaded again', async () => {
    let executed = false;
    let polls = 0;
    cfn.script = (action, params, n) => {
      if (action === 'DescribeStacks') return !executed ? stack(STACK, 'CREATE_COMPLETE', { Parameters: { Stage: 'prod' } }) : stack(STACK, polls++ === 0 ? 'UPDATE_IN_PROGRESS' : 'UPDATE_COMPLETE');
      if (action === 'CreateChangeSet') return ok('CreateChangeSet', { Id: changeSetArn(params.ChangeSetName), StackId: stackArn(STACK) });
      if (action === 'DescribeChangeSet') return changeSet(STACK, 'cs', n === 0 ? 'CREATE_IN_PROGRESS' : 'CREATE_COMPLETE', { changes: [{ action: 'Modify', logicalId: 'HelloFunction', type: 'AWS::Lambda::Function', replacement: 'False' }, { action: 'Modify', logicalId: 'PlainLayer', type: 'AWS::Lambda::LayerVersion', replacement: 'True' }] });
      if (action === 'ExecuteChangeSet') return (executed = true), ok('ExecuteChangeSet');
      if (action === 'DescribeStackEvents') return events(STACK, executed ? [created[3], { id: 'u1', logicalId: STACK, type: 'AWS::CloudFormation::Stack', status: 'UPDATE_COMPLETE' }] : [created[3]]);
      return error('InvalidAction', action);
    };
    const before = puts();
    const r = await cli(['deploy', '--yes', ...endpoints()]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(puts(), before, 'an unchanged deploy uploads nothing');
    assert.equal((r.stdout.match(/Already in S3: /g) ?? []).length, 3);
    const create = cfn.of('CreateChangeSet')[0];
    assert.equal(create.StackName, STACK);
    assert.equal(create.ChangeSetType, 'UPDATE');
    assert.deepEqual([create['Parameters.member.1.ParameterKey'], create['Parameters.member.1.UsePreviousValue'], create['Parameters.member.1.ParameterValue']], ['Stage', 'true', undefined]);
    assert.match(create.TemplateBody, /s3:\/\/artifacts\/apps\/hello\/[0-9a-f]{64}\.zip/);
    assert.match(r.stdout, /\* Modify\s+HelloFunction\s+AWS::Lambda::Function\s+False/);
    assert.match(r.stdout, /\* Modify\s+PlainLayer\s+AWS::Lambda::LayerVersion\s+True/);
    // Only this deploy's events: the earlier CREATE_COMPLETE of the stack is not shown again.
    assert.deepEqual(r.stdout.split('\n').filter((l) => /^(CREATE|UPDATE)_COMPLETE /.test(l)).map((l) => l.split(/\s+/)[0]), ['UPDATE_COMPLETE']);
    assert.match(r.stdout, /Stack hello-stack UPDATE_COMPLETE/);
  });

  for (const reason of ["The submitted information didn't contain changes. Submit different information to create a change set.", 'No updates are to be performed.']) {
    test(`"${reason.slice(0, 40)}…": no changes to deploy, exit 0, nothing executed`, async () => {
      cfn.script = failedChangeSet(reason);
      const r = await cli(['deploy', '--yes', ...endpoints()]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(cfn.actions(), ['DescribeStacks', 'CreateChangeSet', 'DescribeChangeSet']);
      assert.match(r.stdout, /No changes to deploy\. Stack hello-stack is up to date/);
    });
  }

  test('a failed change set: its StatusReason, exit 1, nothing executed', async () => {
    const reason = 'Template format error: Unresolved resource dependencies [MissingRole] in the Resources block of the template';
    cfn.script = failedChangeSet(reason);
    const r = await cli(['deploy', '--yes', ...endpoints()]);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.stderr.includes(`[DEPLOY_FAILED]`) && r.stderr.includes(reason), r.stderr);
    assert.equal(cfn.of('ExecuteChangeSet').length, 0);
  });

  test('an AWS error is shown with its code (CreateChangeSet refused)', async () => {
    cfn.script = (action) => (action === 'DescribeStacks' ? stack(STACK, 'UPDATE_COMPLETE') : error('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_NAMED_IAM]'));
    const r = await cli(['deploy', '--yes', '--capabilities', 'CAPABILITY_IAM', ...endpoints()]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /\[AWS_ERROR\].*CreateChangeSet for stack hello-stack failed: InsufficientCapabilitiesException: Requires capabilities : \[CAPABILITY_NAMED_IAM\]/);
    assert.deepEqual([cfn.of('CreateChangeSet')[0]['Capabilities.member.1'], cfn.of('CreateChangeSet')[0]['Capabilities.member.2']], ['CAPABILITY_IAM', undefined]);
  });

  test('a failed stack (ROLLBACK_COMPLETE): the failing resource, its type and reason; exit 1; never a DeleteStack', async () => {
    const failing: EventSpec[] = [
      { id: 'f1', logicalId: 'PlainRole', type: 'AWS::IAM::Role', status: 'CREATE_COMPLETE' },
      { id: 'f2', logicalId: 'PlainFunction', type: 'AWS::Lambda::Function', status: 'CREATE_FAILED', reason: 'Resource handler returned message: "Uploaded file must be a non-empty zip"' },
      { id: 'f3', logicalId: STACK, type: 'AWS::CloudFormation::Stack', status: 'ROLLBACK_IN_PROGRESS', reason: 'The following resource(s) failed to create: [PlainFunction].' },
      { id: 'f4', logicalId: STACK, type: 'AWS::CloudFormation::Stack', status: 'ROLLBACK_COMPLETE' },
    ];
    cfn.script = executing('ROLLBACK_COMPLETE', failing);
    const r = await cli(['deploy', '--stack-name', STACK, '--yes', ...endpoints()]);
    assert.equal(r.code, 1, r.stderr + r.stdout);
    assert.match(r.stdout, /Stack hello-stack ended ROLLBACK_COMPLETE\. Failed: PlainFunction \(AWS::Lambda::Function\): Resource handler returned message: "Uploaded file must be a non-empty zip"/);
    assert.ok(!cfn.actions().some((a) => /Delete/.test(a)), cfn.actions().join(' '));
  });

  test('--no-execute stops at the change set; without --yes and a terminal nothing is executed either (exit 2)', async () => {
    cfn.script = executing('CREATE_COMPLETE', created);
    const r = await cli(['deploy', '--no-execute', ...endpoints()]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(cfn.actions(), ['DescribeStacks', 'CreateChangeSet', 'DescribeChangeSet', 'DescribeChangeSet']);
    assert.match(r.stdout, /--no-execute: the change set is left for review/);
    cfn.reset();
    cfn.script = executing('CREATE_COMPLETE', created);
    const asked = await cli(['deploy', ...endpoints()]);
    assert.equal(asked.code, 2, asked.stderr);
    assert.equal(cfn.of('ExecuteChangeSet').length, 0);
    assert.match(asked.stderr, /Execute the change set: endpoint .*, region us-east-1, stack hello-stack\n/);
    assert.match(asked.stderr, /\[CONFIRMATION_REQUIRED\].*pass --yes to go ahead/);
  });

  test('--resolve-s3 creates the managed bucket on the endpoint; a template over 51,200 bytes goes as TemplateURL', async () => {
    const big = join(tempDir('lwb-deploy-big-'), 'app');
    cpSync(join(fixtures, 'deploy'), big, { recursive: true });
    writeFileSync(join(big, 'template.yaml'), readFileSync(join(big, 'template.yaml'), 'utf8') + `# ${'padding '.repeat(7000)}\n`);
    cfn.script = (action, params) => {
      if (action === 'DescribeStacks') return noStack(params.StackName);
      if (action === 'CreateChangeSet') return ok('CreateChangeSet', { Id: changeSetArn(params.ChangeSetName), StackId: stackArn(STACK) });
      if (action === 'DescribeChangeSet') return changeSet(STACK, 'cs', 'CREATE_COMPLETE', { changes: [{ action: 'Add', logicalId: 'HelloFunction', type: 'AWS::Lambda::Function' }] });
      return error('InvalidAction', action);
    };
    const r = await cli(['deploy', '--stack-name', 'big-stack', '--resolve-s3', '--no-execute', ...endpoints()], big);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const bucket = /Created managed bucket (lambda-workbench-managed-[0-9a-f]{12}-us-east-1)/.exec(r.stdout)?.[1];
    assert.ok(bucket, r.stdout);
    assert.ok(s3Requests.includes(`PUT /${bucket}/`), s3Requests.join('\n'));
    const create = cfn.of('CreateChangeSet')[0];
    assert.equal(create.TemplateBody, undefined);
    const url = new URL(create.TemplateURL);
    assert.equal(url.origin, s3Url);
    const key = decodeURIComponent(url.pathname.slice(`/${bucket}/`.length));
    assert.match(key, /^big-stack\/[0-9a-f]{64}\.template$/);
    const stored = readFileSync(join(s3Dir, bucket, `${key}._S3rver_object`), 'utf8');
    assert.ok(stored.length > 51_200);
    assert.match(stored, /CodeUri: s3:\/\/lambda-workbench-managed-/);
    // The second time the bucket is found, not created.
    cfn.reset();
    const again = await cli(['deploy', '--no-execute', ...endpoints()], big);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`Using managed bucket ${bucket}`));
  });
});

describe('deploy settings and refusals', () => {
  beforeEach(() => cfn.reset());

  test("samconfig.toml's [default.deploy.parameters] give the stack, bucket, prefix, capabilities and parameters", async () => {
    const dir = join(tempDir('lwb-deploy-samconfig-'), 'app');
    cpSync(join(fixtures, 'deploy'), dir, { recursive: true });
    writeFileSync(join(dir, 'samconfig.toml'), ['version = 0.1', '[default.deploy.parameters]', 'stack_name = "from-samconfig"', `s3_bucket = "${BUCKET}"`, 's3_prefix = "sc"', 'capabilities = "CAPABILITY_NAMED_IAM"', 'parameter_overrides = "Stage=qa"', ''].join('\n'));
    cfn.script = (action, params) => {
      if (action === 'DescribeStacks') return noStack(params.StackName);
      if (action === 'CreateChangeSet') return ok('CreateChangeSet', { Id: changeSetArn(params.ChangeSetName), StackId: stackArn('from-samconfig') });
      if (action === 'DescribeChangeSet') return changeSet('from-samconfig', 'cs', 'CREATE_COMPLETE', { changes: [] });
      return error('InvalidAction', action);
    };
    const r = await cli(['deploy', '--no-execute', ...endpoints()], dir);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const create = cfn.of('CreateChangeSet')[0];
    assert.equal(create.StackName, 'from-samconfig');
    assert.deepEqual([create['Capabilities.member.1'], create['Capabilities.member.2']], ['CAPABILITY_NAMED_IAM', undefined]);
    assert.deepEqual([create['Parameters.member.1.ParameterKey'], create['Parameters.member.1.ParameterValue']], ['Stage', 'qa']);
    assert.match(create.TemplateBody, /CodeUri: s3:\/\/artifacts\/sc\/[0-9a-f]{64}\.zip/);
  });

  test('a stack in ROLLBACK_COMPLETE is not touched: the message says to delete it yourself', async () => {
    cfn.script = (action) => (action === 'DescribeStacks' ? stack('dead-stack', 'ROLLBACK_COMPLETE') : error('InvalidAction', action));
    const r = await cli(['deploy', '--stack-name', 'dead-stack', '--s3-bucket', BUCKET, '--yes', ...endpoints()]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /Stack "dead-stack" is ROLLBACK_COMPLETE and cannot be updated; delete it yourself \(aws cloudformation delete-stack --stack-name dead-stack\)/);
    assert.deepEqual(cfn.actions(), ['DescribeStacks']);
  });

  test('usage errors: no stack name, no bucket, both bucket flags, a bad capability (exit 2, nothing asked of AWS)', async () => {
    const dir = join(tempDir('lwb-deploy-usage-'), 'app');
    cpSync(join(fixtures, 'deploy'), dir, { recursive: true });
    const cases: [string[], RegExp][] = [
      [['deploy'], /Name the stack to deploy .* --stack-name NAME/],
      [['deploy', '--stack-name', 's'], /--s3-bucket BUCKET .* or --resolve-s3/],
      [['deploy', '--stack-name', 's', '--s3-bucket', 'b', '--resolve-s3'], /either --s3-bucket or --resolve-s3, not both/],
      [['deploy', '--stack-name', 's', '--resolve-s3', '--capabilities', 'CAPABILITY_EVERYTHING'], /--capabilities takes CAPABILITY_IAM.*got "CAPABILITY_EVERYTHING"/],
    ];
    for (const [args, message] of cases) {
      const r = await cli([...args, ...endpoints()], dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    assert.deepEqual(cfn.actions(), []);
  });
});

describe('package --all --output-template', () => {
  test('code properties point at the ZIPs (relative to the template), comments and intrinsics kept, SkipBuild set', async () => {
    const local = await localPackages();
    const out = readFileSync(join(project, 'out', 'packaged.yaml'), 'utf8');
    const res = (parse(out, { logLevel: 'silent' }) as { Resources: Resources; Globals: { Function: Record<string, unknown> } });
    assert.equal(res.Resources.HelloFunction.Properties.CodeUri, 'zips/HelloFunction.zip');
    assert.equal(res.Resources.PlainFunction.Properties.Code, 'zips/PlainFunction.zip');
    assert.equal(res.Resources.PlainLayer.Properties.Content, 'zips/PlainLayer.zip');
    assert.equal(res.Globals.Function.CodeUri, undefined);
    assert.deepEqual(res.Resources.PlainFunction.Metadata, { SkipBuild: true });
    for (const id of ['HelloFunction', 'PlainFunction', 'PlainLayer']) assert.ok(existsSync(join(project, 'out', 'zips', `${id}.zip`)) && local[id].zipPath === join(project, 'out', 'zips', `${id}.zip`));
    assert.match(out, /Default: dev # kept in the deployed template/);
    assert.match(out, /Value: !Sub '\$\{PlainFunction\}-\$\{Stage\}'/);
    // cfn-lint checks the deployed form of CloudFormation resources: Code/Content as a local path (what
    // `aws cloudformation package` takes) are its only complaints; everything else is valid.
    const lint = cfnLint.validateFile(join(project, 'out', 'packaged.yaml'));
    assert.deepEqual(lint.errors.crit.map((e) => `${e.resource}: ${e.message}`), [
      "Resources > PlainFunction > Properties > Code: Expecting an object, got 'zips/PlainFunction.zip'",
      "Resources > PlainLayer > Properties > Content: Expecting an object, got 'zips/PlainLayer.zip'",
    ]);
  });

  test('the ZIPs run: the output template is a template Lambda Workbench itself invokes', async () => {
    const r = await cli(['invoke', 'HelloFunction', '-t', join(project, 'out', 'packaged.yaml'), '--state-dir', join(project, 'out', 'state')]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { message: 'hello dev' });
  });

  test('AWS::Serverless::LayerVersion ContentUri and esbuild functions (the layers fixture)', async () => {
    const dir = join(tempDir('lwb-deploy-layers-'), 'layers');
    cpSync(join(fixtures, 'layers'), dir, { recursive: true });
    const r = await cli(['package', '--all', '--output-template', 'built/template.yaml', '--out', 'built/zips', '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const res = (parse(readFileSync(join(dir, 'built', 'template.yaml'), 'utf8'), { logLevel: 'silent' }) as { Resources: Resources }).Resources;
    assert.equal(res.NodeLayer.Properties.ContentUri, 'zips/NodeLayer.zip');
    assert.equal(res.BootstrapLayer.Properties.Content, 'zips/BootstrapLayer.zip');
    assert.equal(res.TsFunction.Properties.CodeUri, 'zips/TsFunction.zip');
    assert.deepEqual(res.TsFunction.Metadata, { SkipBuild: true });
    const rows = (JSON.parse(r.stdout) as { packages: Params[] }).packages;
    assert.ok(rows.some((p) => p.logicalId === 'NodeLayer' && p.kind === 'layer'));
  });
});
