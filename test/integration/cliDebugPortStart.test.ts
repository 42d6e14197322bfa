// Integration: `lambda-workbench start -d PORT [--debug-function F]` (SAM's `sam local start-api -d`): the first
// invoke of each function, from an API route or the Lambda API alike, waits for a debugger on PORT (attached here
// with the engine's own CDP client); later invokes run without one, and a route's timeout waits for the debugger.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CdpClient } from '../../src/core/runtime/cdpClient';
import { freePort } from '../../src/core/runtime/portCheck';
import { tempDir } from '../helpers/tempDirs';
import { repoRoot } from './helpers/engine';
import { startProcess, type StartedEngine } from './helpers/startProcess';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');

/** A project with two functions on HTTP API routes; /hello's integration times out after 500 ms. */
function project(): string {
  const dir = tempDir('lwb-start-debug-');
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'index.mjs'), "export const hello = async (e) => ({ statusCode: 200, body: `hello ${e.rawPath}` });\nexport const other = async (e) => ({ other: e.n ?? 'http' });\n");
  writeFileSync(
    join(dir, 'template.yaml'),
    [
      'Transform: AWS::Serverless-2016-10-31',
      'Globals: { Function: { Runtime: nodejs20.x, CodeUri: app, Timeout: 3 } }',
      'Resources:',
      '  Hello:',
      '    Type: AWS::Serverless::Function',
      "    Properties: { Handler: index.hello, Events: { Get: { Type: HttpApi, Properties: { Path: /hello, Method: get, TimeoutInMillis: 500 } } } }",
      '  Other:',
      '    Type: AWS::Serverless::Function',
      '    Properties: { Handler: index.other }',
      '',
    ].join('\n'),
  );
  return dir;
}

async function until(what: string, check: () => boolean, engine: StartedEngine): Promise<void> {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(check(), `${what}; stderr: ${engine.stderr()}`);
}

/** Settles `p` into a state readable without awaiting: whether it settled yet. */
function track<T>(p: Promise<T>): { settled: () => boolean; value: Promise<T> } {
  let done = false;
  void p.then(() => (done = true), () => (done = true));
  return { settled: () => done, value: p };
}

async function invokeOther(url: string, n: number): Promise<unknown> {
  const res = await fetch(`${url}/2015-03-31/functions/Other/invocations`, { method: 'POST', body: JSON.stringify({ n }) });
  assert.equal(res.status, 200);
  return res.json();
}

/**
 * Attaches to the debuggee waiting on `port` and lets it run, as a debugger's "continue" does. The bootstrap starts
 * waiting a moment after its inspector listens (a "run" sent before is lost), so "run" is repeated until `invoked`
 * settles.
 */
async function attachAndRun(port: number, invoked: { settled: () => boolean }): Promise<void> {
  const cdp = await CdpClient.connect(port, 30_000);
  try {
    for (let i = 0; i < 300 && !invoked.settled(); i++) {
      // Once the invoke is done the debuggee may end the session: a closed connection rejects the send.
      await cdp.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    cdp.close();
  }
}

describe('lambda-workbench start -d', () => {
  test('the first invoke of each function waits for a debugger; the next ones do not; the route does not time out meanwhile', async () => {
    const dir = project();
    const [debugPort, apiPort] = [await freePort(), await freePort()];
    const engine = startProcess(dir, ['--api-port', String(apiPort), '--url-port', '0', '-d', String(debugPort), '--state-dir', join(dir, 'state')]);
    try {
      const url = await engine.url;
      assert.match(engine.stderr(), new RegExp(`Debugging on 127\\.0\\.0\\.1:${debugPort}: the first invoke of each function waits for a debugger`));
      const first = track(fetch(`http://127.0.0.1:${apiPort}/hello`).then(async (r) => [r.status, await r.text()]));
      await until('Hello waits for its debugger', () => engine.stderr().includes(`[debug] Hello: waiting for a debugger on 127.0.0.1:${debugPort}`), engine);
      // Longer than the route's 500 ms integration timeout: without a debugger attached nothing answers, no 504 either.
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(first.settled(), false, 'answered before a debugger attached');
      await attachAndRun(debugPort, first);
      assert.deepEqual(await first.value, [200, 'hello /hello']);
      // Hello's second invoke runs at once; Other's first waits for the debugger on the same port (freed by Hello's).
      const again = await fetch(`http://127.0.0.1:${apiPort}/hello`);
      assert.equal(await again.text(), 'hello /hello');
      const other = track(invokeOther(url, 1));
      await until('Other waits for its debugger', () => engine.stderr().includes('[debug] Other: waiting'), engine);
      assert.equal(other.settled(), false);
      await attachAndRun(debugPort, other);
      assert.deepEqual(await other.value, { other: 1 });
      assert.deepEqual(await invokeOther(url, 2), { other: 2 });
      assert.equal(engine.stderr().match(/\[debug\] \w+: waiting/g)?.length, 2, engine.stderr());
    } finally {
      engine.child.kill('SIGTERM');
      await engine.exited;
    }
  });

  test('--debug-function debugs that function only', async () => {
    const dir = project();
    const [debugPort, apiPort] = [await freePort(), await freePort()];
    const engine = startProcess(dir, ['--api-port', String(apiPort), '--url-port', '0', '-d', String(debugPort), '--debug-function', 'Other', '--state-dir', join(dir, 'state')]);
    try {
      const url = await engine.url;
      assert.match(engine.stderr(), /the first invoke of "Other" waits for a debugger/);
      assert.equal(await (await fetch(`http://127.0.0.1:${apiPort}/hello`)).text(), 'hello /hello');
      const other = track(invokeOther(url, 3));
      await until('Other waits for its debugger', () => engine.stderr().includes('[debug] Other: waiting'), engine);
      await attachAndRun(debugPort, other);
      assert.deepEqual(await other.value, { other: 3 });
      assert.doesNotMatch(engine.stderr(), /\[debug\] Hello/);
    } finally {
      engine.child.kill('SIGTERM');
      await engine.exited;
    }
  });

  test('bad debug flags are usage errors that name the fix', () => {
    const dir = project();
    const run = (args: string[]) => spawnSync(process.execPath, [bin, 'start', '--port', '0', '--no-apis', '--state-dir', join(dir, 'state'), ...args], { cwd: dir, encoding: 'utf8' });
    const unknown = run(['-d', '9229', '--debug-function', 'Nope']);
    assert.equal(unknown.status, 2, unknown.stderr);
    assert.match(unknown.stderr, /--debug-function: no function "Nope" in the template; its functions are Hello, Other\./);
    const alone = run(['--debug-function', 'Hello']);
    assert.equal(alone.status, 2, alone.stderr);
    assert.match(alone.stderr, /--debug-function needs --debug-port \(-d PORT\)/);
    const zero = run(['-d', '0']);
    assert.equal(zero.status, 2, zero.stderr);
    assert.match(zero.stderr, /--debug-port must be a port number the debugger can be told, not 0\./);
  });
});
