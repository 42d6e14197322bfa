// Integration: the one-shot invoke's head start (src/cli/headStart.ts, src/core/runtime/prelaunch.ts). Real CLI
// processes on a project in a temp folder: the second run of the same command adopts the runtime process its
// entry started; an edited handler, template or a run that ends early never lets a head start run any of the
// function's code (its init reports to a server of this test over loopback, which environments share), and
// no head start outlives its CLI. LAMBDA_WORKBENCH_PRELAUNCH=trace makes the CLI say what became of it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
/** A function name no other test uses: its processes are found by it in /proc. */
const FN = `HeadStart${process.pid}`;

let server: Server;
let initsSeen: string[] = [];
let port = 0;

before(async () => {
  server = createServer((req, res) => {
    initsSeen.push(new URL(req.url ?? '/', 'http://x').searchParams.get('v') ?? '?');
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
after(() => server.close());

/** A project whose handler's init reports its version to this test's server before it may answer. */
function project(): string {
  const dir = tempDir('lwb-headstart-');
  mkdirSync(join(dir, 'src'));
  writeTemplate(dir, 128);
  writeHandler(dir, 1);
  return dir;
}

function writeTemplate(dir: string, memory: number): void {
  writeFileSync(
    join(dir, 'template.yaml'),
    [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      `  ${FN}:`,
      '    Type: AWS::Serverless::Function',
      `    Properties: { CodeUri: src/, Handler: index.handler, Runtime: nodejs22.x, MemorySize: ${memory} }`,
      '',
    ].join('\n'),
  );
}

function writeHandler(dir: string, version: number): void {
  writeFileSync(
    join(dir, 'src', 'index.js'),
    [
      "const http = require('node:http');",
      `const reported = new Promise((resolve) => http.get('http://127.0.0.1:${port}/init?v=${version}', (res) => { res.resume(); res.on('end', resolve); }).on('error', resolve));`,
      `exports.handler = async () => { await reported; return { v: ${version} }; };`,
      '',
    ].join('\n'),
  );
}

function cli(dir: string, cacheDir: string, extraEnv: Record<string, string> = {}, extraArgs: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LAMBDA_WORKBENCH_CACHE_DIR: cacheDir, LAMBDA_WORKBENCH_PRELAUNCH: 'trace', AWS_CONFIG_FILE: join(cacheDir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(cacheDir, 'none'), ...extraEnv };
  for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[k];
  // Asynchronous: this test's server answers the functions' init reports meanwhile.
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'invoke', FN, '--state-dir', join(dir, '.state'), ...extraArgs], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

const headStartLine = (stderr: string): string | undefined => /lambda-workbench: head start: (.*)/.exec(stderr)?.[1];
const records = (cacheDir: string): string[] => (existsSync(join(cacheDir, 'prelaunch')) ? readdirSync(join(cacheDir, 'prelaunch')) : []);

/**
 * Processes of this test's function still running (found by their environment), once those killed as the CLI
 * ended have had up to 5 s to go: the kernel ends a namespace's processes after the kill returns.
 */
async function leftovers(): Promise<string[]> {
  for (let i = 0; i < 50; i++) {
    const live = running();
    if (live.length === 0) return [];
    await new Promise((r) => setTimeout(r, 100));
  }
  return running().map((pid) => `${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ')}`);
}

function running(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').includes(`AWS_LAMBDA_FUNCTION_NAME=${FN}\0`)) pids.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

describe('the one-shot invoke\'s head start', { skip: process.platform !== 'linux' && 'Linux /proc' }, () => {
  test('the next run of the same command adopts the process its entry started, and answers the same', async () => {
    const dir = project();
    const cacheDir = tempDir('lwb-hs-cache-');
    initsSeen = [];
    const first = await cli(dir, cacheDir);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '{"v":1}\n');
    assert.equal(headStartLine(first.stderr), 'none recorded');
    const [record] = records(cacheDir);
    assert.ok(record, 'no launch recorded');
    // The record holds the function's variables: the owner's only.
    assert.equal(statSync(join(cacheDir, 'prelaunch', record)).mode & 0o777, 0o600);

    for (let i = 0; i < 2; i++) {
      const next = await cli(dir, cacheDir);
      assert.equal(next.code, 0, next.stderr);
      assert.equal(next.stdout, '{"v":1}\n');
      assert.equal(headStartLine(next.stderr), 'adopted');
      assert.match(next.stderr, /^REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms/m);
    }
    // One init per run: an adopted process ran the function once, after its gate opened.
    assert.deepEqual(initsSeen, ['1', '1', '1']);
    assert.deepEqual(await leftovers(), []);
  });

  test('after an edit of the handler, no head start runs the old code', async () => {
    const dir = project();
    const cacheDir = tempDir('lwb-hs-cache-');
    initsSeen = [];
    assert.equal((await cli(dir, cacheDir)).stdout, '{"v":1}\n');
    writeHandler(dir, 2);
    const edited = await cli(dir, cacheDir);
    assert.equal(edited.code, 0, edited.stderr);
    assert.equal(edited.stdout, '{"v":2}\n');
    assert.deepEqual(initsSeen, ['1', '2'], 'the old code ran again');
    // The edited launch is the one recorded now: the run after adopts it.
    const again = await cli(dir, cacheDir);
    assert.equal(again.stdout, '{"v":2}\n');
    assert.equal(headStartLine(again.stderr), 'adopted');
    assert.deepEqual(initsSeen, ['1', '2', '2']);
  });

  test('a launch that differs (MemorySize changed) is killed at its gate and the engine starts its own', async () => {
    const dir = project();
    const cacheDir = tempDir('lwb-hs-cache-');
    initsSeen = [];
    assert.equal((await cli(dir, cacheDir)).code, 0);
    writeTemplate(dir, 256);
    const r = await cli(dir, cacheDir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"v":1}\n');
    assert.equal(headStartLine(r.stderr), 'discarded: the launch differs');
    assert.match(r.stderr, /Memory Size: 256 MB/);
    assert.deepEqual(initsSeen, ['1', '1']);
    assert.deepEqual(await leftovers(), []);
  });

  test('a run that fails before it needs the head start leaves no process behind', async () => {
    const dir = project();
    const cacheDir = tempDir('lwb-hs-cache-');
    initsSeen = [];
    assert.equal((await cli(dir, cacheDir)).code, 0);
    writeFileSync(join(dir, 'template.yaml'), 'Resources: [not, a, map\n');
    const r = await cli(dir, cacheDir);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(headStartLine(r.stderr), 'discarded: not needed');
    assert.deepEqual(initsSeen, ['1']);
    assert.deepEqual(await leftovers(), []);
  });

  test('no head start for a runtime whose bootstrap has no gate (Python)', async () => {
    const dir = project();
    const cacheDir = tempDir('lwb-hs-cache-');
    const py = join(repoRoot, 'test', 'fixtures', 'bench', 'python-trivial');
    writeFileSync(
      join(dir, 'template.yaml'),
      ['Transform: AWS::Serverless-2016-10-31', 'Resources:', `  ${FN}:`, '    Type: AWS::Serverless::Function', `    Properties: { CodeUri: ${py}, Handler: app.handler, Runtime: python3.11 }`, ''].join('\n'),
    );
    for (let i = 0; i < 2; i++) {
      const r = await cli(dir, cacheDir);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(headStartLine(r.stderr), 'none recorded');
    }
    assert.deepEqual(records(cacheDir), []);
  });

  test('off with LAMBDA_WORKBENCH_PRELAUNCH=0; no record with an env-vars file (its secrets stay off disk)', async () => {
    const dir = project();
    const cacheDir = tempDir('lwb-hs-cache-');
    const off = await cli(dir, cacheDir, { LAMBDA_WORKBENCH_PRELAUNCH: '0' });
    assert.equal(off.code, 0, off.stderr);
    assert.equal(headStartLine(off.stderr), undefined);
    assert.deepEqual(records(cacheDir), []);
    writeFileSync(join(dir, 'env.json'), JSON.stringify({ [FN]: { SECRET: 'do-not-store' } }));
    const withEnv = await cli(dir, cacheDir, {}, ['--env-vars', 'env.json']);
    assert.equal(withEnv.code, 0, withEnv.stderr);
    assert.deepEqual(records(cacheDir), []);
  });
});
