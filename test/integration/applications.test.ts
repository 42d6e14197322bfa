// Integration: every application template end to end, as a user runs it — `lambda-workbench init DIR --app NAME`
// (a real CLI process) into a temp folder; the app's own unit tests with its own command (real `npm test` /
// `python -m unittest`), which must also fail once its code is broken; then `lambda-workbench start` on the app
// and each sample event through the AWS CLI's `lambda invoke` (a client we did not write), asserting the exact
// result its app.json records. Functions reach the engine's own DynamoDB, SQS… as they would AWS's.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { listApplications, type Application } from '../../src/core/blueprints';
import { freePort } from '../../src/core/runtime/portCheck';
import { tempDir } from '../helpers/tempDirs';
import { assertResult, cli, provideRuntimeSdk, run, type Run } from './helpers/blueprintRuns';
import { repoRoot } from './helpers/engine';
import { startProcess } from './helpers/startProcess';

const blueprintsDir = join(repoRoot, 'blueprints');
const hasAwsCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
const awsEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
/** What each application's folder holds besides its code (issue 19). */
const PROJECT_FILES = ['template.yaml', 'buildspec.yml', 'pipeline/pipeline.yaml', '.github/workflows/pipeline.yml', 'README.md', 'LICENSE'];

/** `aws lambda invoke` of `fn` with the event file: exit 1 and the error payload for a function error. */
async function awsInvoke(url: string, fn: string, eventFile: string, cwd: string): Promise<Run> {
  const out = join(cwd, '.invoke-out.json');
  const r = await run('aws', ['lambda', 'invoke', '--endpoint-url', url, '--function-name', fn, '--payload', `fileb://${eventFile}`, '--output', 'json', out], cwd, awsEnv);
  if (r.code !== 0) return r;
  const meta = JSON.parse(r.stdout) as { FunctionError?: string };
  return { code: meta.FunctionError ? 1 : 0, stdout: readFileSync(out, 'utf8'), stderr: r.stderr };
}

/** Runs the app's test command; its counts of tests run and failed, read from node --test's or unittest's summary. */
async function unitTests(app: Application, project: string): Promise<Run & { ran: number }> {
  // Without this test runner's own variable: a `node --test` that sees it thinks it is a subtest and runs nothing.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_TEST_CONTEXT'));
  const r = await run('sh', ['-c', app.manifest.test], project, env);
  const out = r.stdout + r.stderr;
  const ran = Number((/^# pass (\d+)$/m.exec(out) ?? /^Ran (\d+) tests? in/m.exec(out) ?? [])[1] ?? 0);
  return { ...r, ran };
}

/** The first code file under src/, made to throw when it is loaded. */
function breakCode(project: string, language: string): string {
  const file = readdirSync(join(project, 'src')).filter((f) => /\.(mjs|js|py)$/.test(f)).sort()[0];
  appendFileSync(join(project, 'src', file), language === 'python' ? '\nraise RuntimeError("broken on purpose")\n' : '\nthrow new Error("broken on purpose");\n');
  return file;
}

void describe('application templates', async () => {
  const apps = await listApplications(blueprintsDir);
  provideRuntimeSdk();

  void test('there are the three applications: an HTTP API with a table, a queue worker, a file pipeline', () => {
    assert.deepEqual(apps.map((a) => a.manifest.name), ['file-pipeline-nodejs', 'http-api-python', 'queue-worker-nodejs']);
    for (const a of apps) assert.ok(a.manifest.events.length >= a.manifest.functions.length, `${a.manifest.name}: a sample event per function`);
  });

  for (const app of apps) {
    const m = app.manifest;
    void test(`${m.name}: init --app, its unit tests pass (and fail when its code breaks), every sample event through the engine`, { skip: !hasAwsCli && 'no aws CLI' }, async () => {
      const root = tempDir('lwb-app-');
      const project = join(root, 'project');
      const init = await cli(['init', project, '--app', m.name], root);
      assert.equal(init.code, 0, init.stderr);
      assert.match(init.stdout, new RegExp(`^Created application "${m.name}" \\(${m.functions.join(', ')}\\) in project: \\d+ files\\.\\n\\nNext:\\n  cd project\\n  git init && git add -A && git commit -m "First commit"\\n  ${m.test.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
      for (const f of PROJECT_FILES) assert.ok(existsSync(join(project, f)), `${m.name} has ${f}`);
      assert.match(readFileSync(join(project, 'LICENSE'), 'utf8'), /^MIT No Attribution\n/);
      assert.equal(existsSync(join(project, 'app.json')), false, 'the manifest is the catalog\'s, not the project\'s');

      const tests = await unitTests(app, project);
      assert.equal(tests.code, 0, `${m.test}\n${tests.stdout}\n${tests.stderr}`);
      assert.ok(tests.ran >= 3, `${m.name}: ${tests.ran} unit tests ran\n${tests.stdout}${tests.stderr}`);

      const port = await freePort();
      const envFile = join(root, 'env.json');
      // Functions reach the engine's SQS, SNS… by the variables it sets; DynamoDB's it leaves unset (a function's
      // table calls go where they went: dynamodbProtocol.ts), so the app's user sets it, as the README says.
      writeFileSync(envFile, JSON.stringify({ Parameters: { AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}` } }));
      const engine = startProcess(project, ['--port', String(port), '--api-port', '0', '--url-port', '0', '--env-vars', envFile, '--state-dir', join(root, 'state')]);
      try {
        const url = await engine.url;
        for (const ev of m.events) assertResult(`${m.name} ${ev.function}`, ev, await awsInvoke(url, ev.function, ev.file, project));
      } finally {
        engine.child.kill('SIGTERM');
        await engine.exited;
      }

      const broken = breakCode(project, m.language);
      const failing = await unitTests(app, project);
      assert.notEqual(failing.code, 0, `${m.name}: its unit tests still pass with src/${broken} broken`);
    });
  }

  void test('init --app: --name renames the project and its stack; a folder with anything in it is refused, nothing written', async () => {
    const root = tempDir('lwb-app-cli-');
    const named = await cli(['init', 'orders', '--app', 'queue-worker-nodejs', '--name', 'orders-worker'], root);
    assert.equal(named.code, 0, named.stderr);
    assert.equal((JSON.parse(readFileSync(join(root, 'orders', 'package.json'), 'utf8')) as { name: string }).name, 'orders-worker');
    assert.match(readFileSync(join(root, 'orders', 'pipeline', 'pipeline.yaml'), 'utf8'), /\n {4}Default: orders-worker\n/);
    assert.doesNotMatch(readFileSync(join(root, 'orders', '.github', 'workflows', 'pipeline.yml'), 'utf8'), /queue-worker-nodejs/);

    mkdirSync(join(root, 'taken'));
    writeFileSync(join(root, 'taken', 'notes.txt'), 'mine');
    const taken = await cli(['init', 'taken', '--app', 'http-api-python'], root);
    assert.equal(taken.code, 2);
    assert.equal(taken.stderr, `Error [TARGET_NOT_EMPTY]: ${join(root, 'taken')} is not empty (it has notes.txt); create application "http-api-python" into a new or empty folder.\n`);
    assert.deepEqual(readdirSync(join(root, 'taken')), ['notes.txt']);

    const unknown = await cli(['init', 'x', '--app', 'nosuch'], root);
    assert.match(unknown.stderr, /^Error \[BLUEPRINT_NOT_FOUND\]: No application template named "nosuch"\. Applications: file-pipeline-nodejs, http-api-python, queue-worker-nodejs /);
    const both = await cli(['init', 'x', '--app', 'http-api-python', '--blueprint', 'hello-world-nodejs'], root);
    assert.equal(both.stderr, 'Error [INVALID_PARAMETER]: Pass --blueprint NAME or --app NAME, not both.\n');
    const badName = await cli(['init', 'x', '--app', 'http-api-python', '--name', 'Orders API'], root);
    assert.match(badName.stderr, /^Error \[INVALID_PARAMETER\]: --name "Orders API" is not a project name/);
    assert.equal(existsSync(join(root, 'x')), false, 'no folder made for failed inits');
  });

  void test('init --list shows the applications after the blueprints; --json gives both manifests', async () => {
    const r = await cli(['init', '--list'], repoRoot);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\n\nAPPLICATION\s+RUNTIME\s+FUNCTIONS\s+DESCRIPTION\n/);
    for (const a of apps) assert.match(r.stdout, new RegExp(`\\n${a.manifest.name}\\s+${a.manifest.runtimes.join(',')}\\s+${a.manifest.functions.join(',')}\\s`));
    const json = await cli(['init', '--list', '--json'], repoRoot);
    assert.deepEqual((JSON.parse(json.stdout) as { applications: unknown }).applications, apps.map((a) => a.manifest));
  });
});
