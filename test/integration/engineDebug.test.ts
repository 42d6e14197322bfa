// Integration: debug-mode environments — a real inspector client (CDP over the inspector's WebSocket)
// sets a breakpoint, the invocation stops there (not in our bootstrap), the timeout is suspended while
// paused, and the result arrives after resume; the warm debug environment can be debugged again.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { isWorkbenchError } from '../../src/core/common/errors';
import { CdpClient } from '../../src/core/runtime/cdpClient';
import { freePort } from '../../src/core/runtime/portCheck';
import { json, startEngine, waitFor, type TestEngine } from './helpers/engine';

describe('debugging Node.js functions', () => {
  let e: TestEngine;
  before(() => {
    e = startEngine();
  });
  after(() => e.dispose());

  test('breakpoint hit with locals, timeout suspended while paused, result after resume, again warm', async () => {
    const port = await freePort();
    const first = e.service.invoke('Debuggable', '{"value":21}', { debug: { port } });
    const cdp = await CdpClient.connect(port);
    // Call frames name their script by id; scriptParsed gives the id's URL.
    const scripts = new Map<string, string>();
    cdp.on('Debugger.scriptParsed', (p: { scriptId: string; url: string }) => scripts.set(p.scriptId, p.url));
    const where = (frame: { location: { scriptId: string; lineNumber: number } }) => `${scripts.get(frame.location.scriptId)}:${frame.location.lineNumber}`;
    try {
      await cdp.send('Runtime.enable');
      await cdp.send('Debugger.enable');
      // Line 3 of the handler file (0-based 2): `const local = event.value * 2;`
      // The function runs from its extracted package: break in the file that runs (a debugger maps the
      // source folder onto it with localRoot/remoteRoot).
      const taskRoot = await e.service.taskRootOf('Debuggable');
      const bp = await cdp.send('Debugger.setBreakpointByUrl', { url: pathToFileURL(join(taskRoot, 'index.js')).href, lineNumber: 2 });
      assert.ok(bp.breakpointId);
      const paused = cdp.waitFor('Debugger.paused');
      await cdp.send('Runtime.runIfWaitingForDebugger');
      const stop = await paused;
      assert.match(where(stop.callFrames[0]), /\/task\/index\.js:2$/, 'the first stop is the user\'s breakpoint, not our bootstrap');
      const value = await cdp.send('Debugger.evaluateOnCallFrame', { callFrameId: stop.callFrames[0].callFrameId, expression: 'event.value' });
      assert.equal(value.result.value, 21);
      // Stay paused longer than the 1 s timeout: the environment must survive.
      await new Promise((r) => setTimeout(r, 1500));
      await cdp.send('Debugger.resume');
      const r = await first;
      assert.equal(r.status, 'success');
      assert.deepEqual(json(r.payload), { doubled: 42, initValue: 'init' });
      const lines = () => e.logs.map((l) => l.message);
      assert.ok(lines().some((l) => /^Debugger paused: timeout suspended with \d\.\d\d s left$/.test(l)), lines().join('\n'));
      // The inspector's "resumed" travels on another socket than the response: it may land just after.
      assert.ok(await waitFor(() => lines().some((l) => /^Debugger resumed: \d\.\d\d s of the 1 s timeout remain$/.test(l))), lines().join('\n'));

      // The warm debug environment is reused: no cold start, the breakpoint still binds.
      assert.equal(e.service.hasWarmDebugEnvironment(port), true);
      assert.equal(e.service.hasWarmDebugEnvironment(port + 1), false);
      const again = e.service.invoke('Debuggable', '{"value":5}', { debug: { port } });
      const stop2 = await cdp.waitFor('Debugger.paused');
      assert.match(where(stop2.callFrames[0]), /\/task\/index\.js:2$/);
      await cdp.send('Debugger.resume');
      const r2 = await again;
      assert.equal(r2.coldStart, false);
      assert.deepEqual(json(r2.payload), { doubled: 10, initValue: 'init' });
    } finally {
      cdp.close();
    }
  });

  test('a debug port already in use is a coded error naming the port', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      await assert.rejects(e.service.invoke('Debuggable', '{"value":1}', { debug: { port } }), (err: { code?: string; message: string }) => err.code === 'DEBUG_PORT_IN_USE' && err.message.includes(String(port)));
    } finally {
      blocker.close();
    }
  });
});

describe('debug environments end on request', () => {
  test('stopDebugEnvironment ends one still waiting for a debugger, and leaves nothing running', async () => {
    const e = startEngine();
    try {
      const port = await freePort();
      const pending = e.service.invoke('Debuggable', '{"value":1}', { debug: { port } }).catch((err: Error) => err);
      await CdpClient.connect(port).then((c) => c.close()); // it is up and waiting
      const pids = e.service.environments().map((x) => x.pid!);
      assert.equal(pids.length, 1);
      await e.service.stopDebugEnvironment(port);
      assert.equal(e.service.hasWarmDebugEnvironment(port), false);
      const r = await pending;
      assert.ok(isWorkbenchError(r) && r.code === 'INVOKE_CANCELLED', `the waiting invocation ends as cancelled: ${String(r)}`);
      assert.deepEqual(e.service.environments(), []);
      for (const pid of pids) assert.throws(() => process.kill(pid, 0));
    } finally {
      await e.dispose();
    }
  });

  test('environment overrides reach the function and get environments of their own', async () => {
    const e = startEngine();
    try {
      const plain = JSON.parse((await e.service.invoke('EnvEcho', '{}')).payload.toString());
      const over = JSON.parse((await e.service.invoke('EnvEcho', '{}', { environment: { TABLE_NAME: 'override', EXTRA: '1' } })).payload.toString());
      assert.equal(plain.TABLE_NAME, 'local-table');
      assert.equal(over.TABLE_NAME, 'override');
      assert.equal(over.EXTRA, '1');
      assert.notEqual(plain.AWS_LAMBDA_LOG_STREAM_NAME, over.AWS_LAMBDA_LOG_STREAM_NAME);
    } finally {
      await e.dispose();
    }
  });
});
