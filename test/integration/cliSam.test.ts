// Integration: a SAM CLI user's commands, files and habits, run through the real `lambda-workbench` process:
// SAM's flag spellings, Docker-only flags, --parameter-overrides in every form, samconfig, env-vars files
// (.env, JSON, shell overrides), `sam build` output, regions, profiles and credentials, --log-file.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { freePort } from '../../src/core/runtime/portCheck';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const project = join(fixtures, 'sam', 'project');
/** A folder with samconfig.toml and samconfig.yaml (their template_file is ../project/template.yaml). */
const configured = join(fixtures, 'sam', 'configured');
const stateDir = tempDir('lwb-sam-state-');
const noAws = join(tempDir('lwb-sam-aws-'), 'absent');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const PLACEHOLDER_KEY = sha('ASIAXXXXLOCALXXXXXXX');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI with no AWS variables or shared files of the machine, unless `env` gives some. */
function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  const env = { ...base, AWS_CONFIG_FILE: noAws, AWS_SHARED_CREDENTIALS_FILE: noAws, ...opts.env };
  const r = spawnSync(process.execPath, [bin, ...args, '--state-dir', stateDir], { cwd: opts.cwd ?? project, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function payload(r: Run): Record<string, unknown> {
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const warnings = (r: Run) => r.stderr.split('\n').filter((l) => l.startsWith('Warning:'));

describe('SAM CLI flags', () => {
  test('-t/-e without a function id (the template has one), Docker-only flags accepted with one warning', () => {
    const r = cli(['invoke', '-t', 'template.yaml', '-e', 'event.json', '--parameter-overrides', 'Stage=dev Label="a b"', '--docker-network', 'sam-net', '--skip-pull-image', '-v', '/code', '--warm-containers', 'EAGER', '--container-host', 'host.docker.internal']);
    const p = payload(r);
    assert.deepEqual([p.STAGE, p.LABEL, p.REGION_SEEN, p.STACK, p.AWS_SAM_LOCAL, p.AWS_REGION], ['dev', 'a b', 'us-east-1', 'project', 'true', 'us-east-1']);
    const docker = warnings(r).filter((w) => w.includes('Docker'));
    assert.deepEqual(docker, ["Warning: --docker-network, --skip-pull-image, --container-host, --docker-volume-basedir, --warm-containers are SAM CLI's Docker-only options, ignored: Lambda Workbench runs functions in local processes, not containers"]);
  });

  test('--template-file is --template; -r is not --repeat any more (SAM\'s -r is --runtime)', () => {
    const p = payload(cli(['invoke', 'EchoFunction', '--template-file', 'template.yaml', '--event', 'event.json', '--parameter-overrides', 'Stage=x']));
    assert.equal(p.STAGE, 'x');
    const r = cli(['invoke', 'EchoFunction', '-r', '2']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '-r'/);
  });

  test('a parameter without Default or override resolves to "" with a warning, as SAM does', () => {
    const r = cli(['invoke', '-e', 'event.json']);
    assert.equal(payload(r).STAGE, '');
    assert.ok(warnings(r).includes('Warning: Parameter "Stage" has no Default and no --parameter-overrides value; it resolves to "" (first used in function "EchoFunction"), as with SAM CLI (template.yaml:19)'), r.stderr);
  });
});

describe('--parameter-overrides forms', () => {
  test('ParameterKey=K,ParameterValue=V and pseudo parameters (AWS::Region, AWS::StackName)', () => {
    const p = payload(cli(['invoke', '-e', 'event.json', '--parameter-overrides', 'ParameterKey=Stage,ParameterValue=prod ParameterKey=Label,ParameterValue="x y"', 'AWS::Region=eu-north-1', 'AWS::StackName=orders']));
    assert.deepEqual([p.STAGE, p.LABEL, p.REGION_SEEN, p.STACK, p.AWS_REGION], ['prod', 'x y', 'eu-north-1', 'orders', 'us-east-1']);
  });

  test('file://params.json (CloudFormation list) and file://params.yaml (object); later entries win', () => {
    const j = payload(cli(['invoke', '-e', 'event.json', '--parameter-overrides', 'file://params.json']));
    assert.deepEqual([j.STAGE, j.LABEL], ['json-stage', 'json label']);
    const y = payload(cli(['invoke', '-e', 'event.json', '--parameter-overrides', 'file://params.yaml', 'Label=last']));
    assert.deepEqual([y.STAGE, y.LABEL], ['yaml-stage', 'last']);
  });
});

describe('samconfig', () => {
  test('samconfig.toml: [default.global] and [default.local_invoke] fill what the command line does not give', () => {
    const r = cli(['invoke', '-e', '../project/event.json'], { cwd: configured });
    const p = payload(r);
    assert.deepEqual([p.STAGE, p.LABEL, p.AWS_REGION, p.REGION_SEEN], ['from-config', 'config label', 'eu-west-1', 'eu-west-1']);
    // Docker-only keys of the file get the same one warning as the flags.
    assert.equal(warnings(r).filter((w) => w.includes('--warm-containers')).length, 1);
  });

  test('the command line wins over samconfig; --config-env picks another environment', () => {
    const cliWins = payload(cli(['invoke', '-e', '../project/event.json', '--parameter-overrides', 'Stage=cli', '--region', 'sa-east-1'], { cwd: configured }));
    assert.deepEqual([cliWins.STAGE, cliWins.LABEL, cliWins.AWS_REGION], ['cli', 'from-default', 'sa-east-1']);
    const staging = payload(cli(['invoke', '-e', '../project/event.json', '--config-env', 'staging'], { cwd: configured }));
    assert.deepEqual([staging.STAGE, staging.LABEL, staging.AWS_REGION], ['staging', 'staged', 'ap-south-1']);
  });

  test('--config-file samconfig.yaml, with its env_vars a .env file; a missing --config-file or env is CONFIG_FILE', () => {
    const p = payload(cli(['invoke', '-e', '../project/event.json', '--config-file', 'samconfig.yaml'], { cwd: configured }));
    assert.deepEqual([p.STAGE, p.FROM_FILE, p.FROM_DOTENV, p.AWS_REGION], ['from-yaml', 'from-dotenv', 'quoted value', 'us-east-1']);
    const missing = cli(['invoke', '--config-file', 'nope.toml'], { cwd: configured });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Error \[CONFIG_FILE\]: Config file does not exist or cannot be read; check --config-file: .*nope\.toml/);
    const env = cli(['invoke', '--config-env', 'prod'], { cwd: configured });
    assert.equal(env.code, 2);
    assert.match(env.stderr, /Error \[CONFIG_FILE\]: samconfig has no environment "prod"; add \[prod\.global\.parameters\] or pick one of: default, staging \(samconfig\.toml\)/);
  });
});

describe('env-vars', () => {
  test('a shell variable replaces the template\'s value of the same name; the env-vars file wins over both', () => {
    const shell = { FROM_SHELL: 'from-shell', FROM_FILE: 'shell-too', FROM_DOTENV: 'undeclared-so-ignored' };
    const p = payload(cli(['invoke', '-e', 'event.json', '-n', 'env.json'], { env: shell }));
    assert.deepEqual([p.FROM_SHELL, p.FROM_FILE, p.LABEL, p.FROM_DOTENV], ['from-shell', 'from-json-parameters', 'from-json-function', '']);
    const plain = payload(cli(['invoke', '-e', 'event.json'], { env: shell }));
    assert.deepEqual([plain.FROM_SHELL, plain.FROM_FILE, plain.FROM_DOTENV], ['from-shell', 'shell-too', null]);
  });

  test('JSON that is not JSON (\\x41) is ENV_VARS_FILE with its position, not read as YAML', () => {
    const r = cli(['invoke', '-n', 'env-bad-escape.json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Error \[ENV_VARS_FILE\]: Env-vars file is not valid JSON \(env-bad-escape\.json:2:31\)\. Fix the syntax there: an escape JSON does not have/);
  });
});

describe('sam build output', () => {
  /** A project as `sam build` leaves it: the sources, and .aws-sam/build with the built function and template. */
  function builtProject(builtIsNewer: boolean): string {
    const dir = tempDir('lwb-sam-built-');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'app.js'), "exports.handler = async () => ({ from: 'sources' });\n");
    writeFileSync(join(dir, 'template.yaml'), 'Transform: AWS::Serverless-2016-10-31\nResources:\n  HelloFunction:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: src/, Handler: app.handler, Runtime: nodejs20.x }\n');
    const build = join(dir, '.aws-sam', 'build');
    mkdirSync(join(build, 'HelloFunction'), { recursive: true });
    writeFileSync(join(build, 'HelloFunction', 'app.js'), "exports.handler = async () => ({ from: 'build' });\n");
    // Built as esbuild builds: the Metadata stays, but app.ts is not there; a second esbuild step would fail.
    writeFileSync(join(build, 'template.yaml'), 'Resources:\n  HelloFunction:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: HelloFunction, Handler: app.handler, Runtime: nodejs20.x }\n    Metadata: { BuildMethod: esbuild, BuildProperties: { EntryPoints: [app.ts] }, SamResourceId: HelloFunction }\n');
    const [older, newer] = [new Date(Date.now() - 60_000), new Date()];
    utimesSync(join(dir, 'template.yaml'), builtIsNewer ? older : newer, builtIsNewer ? older : newer);
    utimesSync(join(build, 'template.yaml'), builtIsNewer ? newer : older, builtIsNewer ? newer : older);
    return dir;
  }

  test('.aws-sam/build/template.yaml is preferred when newer, and its function runs as built', () => {
    const r = cli(['invoke'], { cwd: builtProject(true) });
    assert.deepEqual(payload(r), { from: 'build' });
    assert.match(r.stderr, /^Warning: Using the sam build output \.aws-sam\/build\/template\.yaml \(not older than template\.yaml\), as SAM CLI does; pass --template template\.yaml to run the sources$/m);
  });

  test('an older build is skipped with a warning', () => {
    const r = cli(['invoke', 'HelloFunction'], { cwd: builtProject(false) });
    assert.deepEqual(payload(r), { from: 'sources' });
    assert.match(r.stderr, /^Warning: \.aws-sam\/build\/template\.yaml is older than template\.yaml, so the sources run; run sam build again to use the build$/m);
  });
});

describe('regions, profiles and credentials', () => {
  const aws = tempDir('lwb-sam-profile-');
  const credentials = join(aws, 'credentials');
  const config = join(aws, 'config');
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz';
  const KEY = 'AKIAWORKBENCHTESTKEY1';
  writeFileSync(credentials, `[default]\naws_access_key_id = AKIADEFAULTTESTKEY01\naws_secret_access_key = default-secret-value\n\n[work]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\naws_session_token = work-session-token\n`);
  writeFileSync(config, '[default]\nregion = ca-central-1\n\n[profile work]\nregion = eu-central-1\n');
  const files = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
  const home = tempDir('lwb-sam-home-');
  const noConfig = join(home, 'x');
  cpSync(join(project, 'event.json'), join(home, 'event.json'));
  const run = (args: string[], env: Record<string, string>) => cli(['invoke', '-t', join(project, 'template.yaml'), '-e', 'event.json', '--config-file', join(home, 'none.toml'), ...args], { cwd: home, env });
  writeFileSync(join(home, 'none.toml'), 'version = 0.1\n');

  test('--profile: its region and its credentials from the shared files; they appear in no output or log', () => {
    const r = run(['--profile', 'work'], files);
    const p = payload(r);
    assert.equal(p.AWS_REGION, 'eu-central-1');
    assert.deepEqual(p.credentials, { keyId: sha(KEY), secret: sha(SECRET), token: sha('work-session-token') });
    const logs = readdirSync(stateDir, { recursive: true, encoding: 'utf8' })
      .map((f) => join(stateDir, f))
      .filter((f) => statSync(f).isFile())
      .map((f) => readFileSync(f, 'latin1'));
    for (const text of [r.stdout, r.stderr, ...logs]) {
      assert.equal(text.includes(SECRET), false);
      assert.equal(text.includes(KEY), false);
    }
  });

  test('AWS_PROFILE and the default profile; AWS_REGION and --region win over the profile', () => {
    assert.equal(payload(run([], { ...files, AWS_PROFILE: 'work' })).AWS_REGION, 'eu-central-1');
    const d = payload(run([], files));
    assert.equal(d.AWS_REGION, 'ca-central-1');
    assert.equal((d.credentials as { keyId: string }).keyId, sha('AKIADEFAULTTESTKEY01'));
    assert.equal(payload(run(['--profile', 'work'], { ...files, AWS_REGION: 'us-west-2' })).AWS_REGION, 'us-west-2');
    assert.equal(payload(run(['--profile', 'work', '--region', 'eu-south-1'], { ...files, AWS_REGION: 'us-west-2' })).AWS_REGION, 'eu-south-1');
  });

  test('environment credentials without --profile; placeholders with --no-aws-credentials or none configured', () => {
    const env = { AWS_CONFIG_FILE: noConfig, AWS_SHARED_CREDENTIALS_FILE: noConfig, AWS_ACCESS_KEY_ID: 'AKIAFROMENVIRONMENT1', AWS_SECRET_ACCESS_KEY: 'env-secret' };
    assert.deepEqual(payload(run([], env)).credentials, { keyId: sha('AKIAFROMENVIRONMENT1'), secret: sha('env-secret'), token: null });
    assert.equal((payload(run(['--no-aws-credentials'], env)).credentials as { keyId: string }).keyId, PLACEHOLDER_KEY);
    assert.equal((payload(run([], { AWS_CONFIG_FILE: noConfig, AWS_SHARED_CREDENTIALS_FILE: noConfig })).credentials as { keyId: string }).keyId, PLACEHOLDER_KEY);
  });

  test('a credential_process profile resolves through the AWS SDK\'s provider (loaded only then)', () => {
    const script = join(aws, 'creds.js');
    writeFileSync(script, "process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAFROMPROCESS00001', SecretAccessKey: 'process-secret', SessionToken: 'process-token' }));\n");
    const processConfig = join(aws, 'config-process');
    writeFileSync(processConfig, `[profile proc]\nregion = eu-west-2\ncredential_process = ${JSON.stringify(process.execPath)} ${JSON.stringify(script)}\n`);
    const r = run(['--profile', 'proc'], { AWS_CONFIG_FILE: processConfig, AWS_SHARED_CREDENTIALS_FILE: noConfig });
    const p = payload(r);
    assert.equal(p.AWS_REGION, 'eu-west-2');
    assert.deepEqual(p.credentials, { keyId: sha('AKIAFROMPROCESS00001'), secret: sha('process-secret'), token: sha('process-token') });
    assert.equal(r.stderr.includes('process-secret'), false);
  });

  test('an unknown --profile is PROFILE_NOT_FOUND naming the profiles there', () => {
    const r = run(['--profile', 'nope'], files);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Error \[PROFILE_NOT_FOUND\]: AWS profile "nope" is in neither ~\/\.aws\/credentials nor ~\/\.aws\/config .*; profiles there: default, work/);
  });
});

describe('-l/--log-file', () => {
  test('function logs go to the file (appended), not to standard error', () => {
    const file = join(tempDir('lwb-sam-log-'), 'sam.log');
    writeFileSync(file, 'earlier\n');
    const r = cli(['invoke', '-e', 'event.json', '-l', file]);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^earlier\nINIT_START Runtime Version: nodejs:20/);
    assert.match(text, /^REPORT RequestId: /m);
    assert.doesNotMatch(r.stderr, /REPORT RequestId/);
  });
});

describe('CDK output', () => {
  test('invoke in a CDK app runs the function of cdk.out/<Stack>.template.json from its asset folder', () => {
    const p = payload(cli(['invoke', 'HelloHandler2E4FBA4D'], { cwd: join(fixtures, 'sam', 'cdk-app') }));
    assert.deepEqual(p, { from: 'cdk asset', table: 'hello-table', event: {} });
  });
});

describe('nested applications', () => {
  test('invoke Child/Fn runs the function of a nested application', () => {
    const event = join(tempDir('lwb-sam-nested-'), 'event.json');
    writeFileSync(event, JSON.stringify({ names: ['GREETING', 'MODE', 'AWS_LAMBDA_FUNCTION_NAME'] }));
    const p = payload(cli(['invoke', 'Child/Fn', '-n', 'env.json', '--event', event], { cwd: join(fixtures, 'sam', 'nested') }));
    assert.deepEqual([p.GREETING, p.MODE, p.AWS_LAMBDA_FUNCTION_NAME], ['hello from the parent', 'from-env-vars', 'Child-Fn']);
  });
});

describe('samconfig for start', () => {
  test('local_start_lambda port is the Lambda API\'s, local_start_api port the APIs\' (as `sam local start-*`)', async () => {
    const [lambdaPort, apiPort] = [await freePort(), await freePort()];
    const app = join(tempDir('lwb-sam-start-'), 'app');
    cpSync(join(repoRoot, 'blueprints', 'hello-world-nodejs'), app, { recursive: true });
    writeFileSync(join(app, 'samconfig.toml'), `version = 0.1\n[default.local_start_api.parameters]\nport = ${apiPort}\n[default.local_start_lambda.parameters]\nport = ${lambdaPort}\n`);
    const child = spawn(process.execPath, [bin, 'start', '--quiet', '--url-port', '0', '--state-dir', stateDir], { cwd: app });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    const exited = new Promise((r) => child.on('exit', r));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => out.includes('Press Ctrl-C') && resolve());
        child.on('exit', () => reject(new Error(`start exited: ${out}`)));
      });
      assert.match(out, new RegExp(`Lambda API listening on http://127\\.0\\.0\\.1:${lambdaPort} `));
      assert.ok(out.includes(`127.0.0.1:${apiPort}/hello`), out);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
