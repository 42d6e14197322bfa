// Integration: the CLI as users run it — a real `lambda-workbench` process, its stdout, stderr and exit code.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CdpClient } from '../../src/core/runtime/cdpClient';
import { freePort } from '../../src/core/runtime/portCheck';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const stateDir = mkdtempSync(join(tmpdir(), 'lwb-cli-'));
after(() => rmSync(stateDir, { recursive: true, force: true })); // at the root: every describe below uses it

function cli(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args, '--state-dir', stateDir], { cwd: opts.cwd ?? repoRoot, input: opts.input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// At the top level: every describe below writes into the same state dir.
after(() => rmSync(stateDir, { recursive: true, force: true }));

describe('lambda-workbench CLI', () => {
  const zoo = join(fixtures, 'engine', 'template.yaml');

  test('README quick start: invoke the hello-world blueprint with its event', () => {
    const r = cli(['invoke', 'HelloWorldFunction', '--event', 'events/event.json'], { cwd: join(repoRoot, 'blueprints', 'hello-world-nodejs') });
    assert.equal(r.code, 0, r.stderr);
    const payload = JSON.parse(r.stdout);
    assert.equal(payload.statusCode, 200);
    assert.deepEqual(JSON.parse(payload.body), { message: 'hello world', invocations: 1, path: '/hello' });
    assert.match(r.stderr, /^INIT_START Runtime Version: nodejs:20/m);
    assert.match(r.stderr, /^REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms\t$/m);
  });

  test('--repeat N: one cold start, then warm; one payload per line', () => {
    const r = cli(['invoke', 'WarmCounter', '-t', zoo, '--repeat', '3']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).count), [1, 2, 3]);
    assert.equal(r.stderr.match(/^INIT_START/gm)?.length, 1);
    assert.equal(r.stderr.match(/^REPORT/gm)?.length, 3);
    assert.equal(r.stderr.match(/Init Duration/g)?.length, 1);
  });

  test('--event - reads standard input', () => {
    const r = cli(['invoke', 'Cjs', '-t', zoo, '--event', '-'], { input: '{"from":"stdin"}' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { runtime: 'cjs', event: { from: 'stdin' } });
  });

  test('a function error exits 1 with the error JSON on stdout', () => {
    const r = cli(['invoke', 'ThrowString', '-t', zoo]);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), { errorType: 'string', errorMessage: 'boom', trace: [] });
  });

  test('an unknown function exits 2 and names the known ones', () => {
    const r = cli(['invoke', 'Nope', '-t', zoo]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Error \[FUNCTION_NOT_FOUND\]: Function not found: "Nope"\. Functions in .*: Cjs, /);
  });

  test('a YAML syntax error exits 2 with file:line:column', () => {
    const r = cli(['list', '-t', join(fixtures, 'cli', 'bad-yaml', 'template.yaml')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Error \[TEMPLATE_SYNTAX\]: .*bad-yaml\/template\.yaml:\d+:\d+/);
  });

  test('an unknown runtime exits 2 naming it', () => {
    const r = cli(['invoke', 'OldFunction', '-t', join(fixtures, 'cli', 'unknown-runtime', 'template.yaml')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Error \[UNKNOWN_RUNTIME\]: .*"nodejs8\.11".*OldFunction.*did you mean nodejs8\.10\?/);
  });

  test('bad usage exits 2', () => {
    assert.equal(cli(['invoke']).code, 2);
    assert.equal(cli(['invoke', 'Cjs', '-t', zoo, '--repeat', 'zero']).code, 2);
    assert.equal(cli(['frobnicate']).code, 2);
  });

  test('an event file that is not JSON exits 2, naming the file (absolute) and line:column', () => {
    writeFileSync(join(stateDir, 'bad.json'), '{\n  "a": 1,\n  oops: 2\n}\n');
    const r = cli(['invoke', 'Cjs', '-t', zoo, '--event', 'bad.json'], { cwd: stateDir });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      `Error [INVALID_REQUEST_CONTENT]: Event file is not valid JSON; fix the syntax at ${join(stateDir, 'bad.json')}:3:3: expected a double-quoted property name\n`,
    );
  });

  test('an event file that cannot be read exits 2 with its absolute path', () => {
    const r = cli(['invoke', 'Cjs', '-t', zoo, '--event', 'missing.json'], { cwd: stateDir });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `Error [INVALID_PARAMETER]: Cannot read the event file "${join(stateDir, 'missing.json')}" (--event "missing.json" from the working directory "${stateDir}"): no such file. Check the --event path (or pass - to read standard input). (${join(stateDir, 'missing.json')})\n`,
    );
  });

  test('an event on standard input that is not JSON names standard input and line:column', () => {
    const r = cli(['invoke', 'Cjs', '-t', zoo, '--event', '-'], { input: '[1, 2,]' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^Error \[INVALID_REQUEST_CONTENT\]: Event on standard input is not valid JSON; fix the syntax at <stdin>:1:7: expected a value /);
  });

  test('list --json describes each function', () => {
    const r = cli(['list', '-t', zoo, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout);
    const ctx = rows.find((x: { logicalId: string }) => x.logicalId === 'ContextFields');
    assert.deepEqual(ctx, {
      logicalId: 'ContextFields',
      functionName: 'context-fields-fn',
      runtime: 'nodejs20.x',
      handler: 'index.handler',
      memorySize: 256,
      timeout: 7,
      architectures: ['x86_64'],
      description: null,
    });
  });

  test('list prints a table', () => {
    const r = cli(['list'], { cwd: join(repoRoot, 'blueprints', 'hello-world-nodejs') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'FUNCTION            RUNTIME     HANDLER            MEMORY  TIMEOUT\nHelloWorldFunction  nodejs20.x  app.lambdaHandler  128 MB  3 s\n');
  });
});

describe('lambda-workbench CLI handler diagnostics', () => {
  const zoo = join(fixtures, 'engine', 'template.yaml');
  test('a handler file that does not exist: Lambda\'s error on stdout, a coded explanation on stderr', () => {
    const r = cli(['invoke', 'MissingModule', '-t', zoo]);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).errorType, 'Runtime.ImportModuleError');
    assert.match(r.stderr, /Error \[HANDLER_NOT_FOUND\]: Handler "nosuchfile\.handler" of function "MissingModule" \(.*template\.yaml:\d+\) not found: no file nosuchfile\.js, \.mjs or \.cjs in .*\/node\/cjs\. Fix Handler or CodeUri/);
  });
  test('an export that does not exist is named', () => {
    const r = cli(['invoke', 'HandlerNotFound', '-t', zoo]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Error \[HANDLER_NOT_FOUND\]: .*index\.js does not export a function "handler"/);
  });
});

describe('lambda-workbench invoke --debug-port', () => {
  test('waits for a debugger, then runs the handler once it attaches', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [bin, 'invoke', 'Debuggable', '-t', join(fixtures, 'engine', 'template.yaml'), '--event', '-', '--debug-port', String(port), '--state-dir', stateDir]);
    child.stdin.end('{"value":4}');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const cdp = await CdpClient.connect(port);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(stdout, '', 'nothing runs before a debugger attaches');
    await cdp.send('Runtime.runIfWaitingForDebugger');
    assert.equal(await exited, 0, stderr);
    cdp.close();
    assert.deepEqual(JSON.parse(stdout), { doubled: 8, initValue: 'init' });
    assert.match(stderr, new RegExp(`Waiting for a debugger on 127\\.0\\.0\\.1:${port}`));
  });
});

describe('lambda-workbench package and layers', () => {
  const layersTemplate = join(fixtures, 'layers', 'template.yaml');
  test('package --all writes a ZIP per function with its size and CodeSha256', () => {
    const out = join(stateDir, 'zips');
    const r = cli(['package', '--all', '-t', layersTemplate, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 9);
    for (const line of lines) assert.match(line, /^\S+\/zips\/\w+\.zip\t\d+ bytes\tCodeSha256 [A-Za-z0-9+/]{43}=$/);
    const again = cli(['package', 'TsFunction', '-t', layersTemplate, '--out', out]);
    assert.equal(again.stdout.trim(), lines.find((l) => l.includes('/TsFunction.zip')), 'reproducible: same bytes, same CodeSha256');
  });

  test('layers publish then list', () => {
    const p = cli(['layers', 'publish', 'PyLayer', '-t', layersTemplate]);
    assert.equal(p.code, 0, p.stderr);
    assert.match(p.stdout, /^arn:aws:lambda:us-east-1:123456789012:layer:PyLayer:\d+\t\d+ bytes\tCodeSha256 /);
    const l = cli(['layers', 'list', '-t', layersTemplate, '--json']);
    assert.ok(JSON.parse(l.stdout).some((x: { layerName: string }) => x.layerName === 'PyLayer'));
  });

  test('an unknown layer is a coded error', () => {
    const r = cli(['layers', 'publish', 'Nope', '-t', layersTemplate]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Layer not found: "Nope"\. Layers in .*: NodeLayer, PyLayer/);
  });
});
