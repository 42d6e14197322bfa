// Integration: a debug-mode Python environment with debugpy, driven by a real DAP client over TCP: the
// handler waits for the debugger, a breakpoint is hit with its locals, and the result arrives after continue
// (the 1 s timeout held while paused: our runtime reports debugpy's pauses to the host).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { freePort } from '../../src/core/runtime/portCheck';
import { DapClient } from './helpers/dapClient';
import { fixtures, startEngine } from './helpers/engine';

/** An interpreter that can import debugpy (Debian's python3-debugpy, which `npm test`'s pretest installs). */
function pythonWithDebugpy(): string {
  for (const py of ['/usr/bin/python3.11', '/usr/bin/python3', 'python3']) {
    if (spawnSync(py, ['-c', 'import debugpy'], { stdio: 'ignore' }).status === 0) return py;
  }
  assert.fail('debugpy is not installed: run `node scripts/setup-debugpy.mjs` (apt-get install python3-debugpy) and test again');
}

describe('debugging Python functions (debugpy)', () => {
  test('breakpoint hit with locals; the result after continue', async () => {
    const py = pythonWithDebugpy();
    const e = startEngine(join(fixtures, 'engine-python'), { interpreters: { 'python3.11': py } });
    try {
      const port = await freePort();
      const invocation = e.service.invoke('Debuggable', '{"value": 21}', { debug: { port, waitForAttach: true } });
      const until = Date.now() + 20_000;
      while (!e.logs.some((l) => l.message.includes(`debugpy://127.0.0.1:${port}`))) {
        assert.ok(Date.now() < until, `debugpy did not listen: ${e.logs.map((l) => l.message).join('\n')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const taskRoot = await e.service.taskRootOf('Debuggable');
      const source = join(fixtures, 'python', 'debuggable', 'app.py');
      const dap = await DapClient.open(port);
      try {
        await dap.request('initialize', { adapterID: 'debugpy', clientID: 'lwb-test', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
        const initialized = dap.event('initialized');
        const attached = dap.request('attach', { connect: { host: '127.0.0.1', port }, pathMappings: [{ localRoot: join(fixtures, 'python', 'debuggable'), remoteRoot: taskRoot }], justMyCode: true });
        await initialized;
        const bps = await dap.request('setBreakpoints', { source: { path: source }, breakpoints: [{ line: 6 }] });
        assert.equal(bps.success, true, JSON.stringify(bps));
        const stopped = dap.event('stopped');
        await dap.request('configurationDone');
        await attached;
        const stop = await stopped;
        const frame = (await dap.request('stackTrace', { threadId: stop.threadId, levels: 1 })).body.stackFrames[0];
        assert.equal(frame.source.path, source);
        assert.equal(frame.line, 6);
        const scopes = await dap.request('scopes', { frameId: frame.id });
        const vars = await dap.request('variables', { variablesReference: scopes.body.scopes[0].variablesReference });
        assert.equal(vars.body.variables.find((v: { name: string }) => v.name === 'total')?.value, '42');
        await new Promise((r) => setTimeout(r, 1200)); // paused past the 1 s timeout
        await dap.request('continue', { threadId: stop.threadId });
        const r = await invocation;
        assert.equal(r.status, 'success', r.payload.toString());
        assert.deepEqual(JSON.parse(r.payload.toString()), { total: 42 });
        // The runtime reported the pause: the 1 s timeout was held while paused, not switched off.
        const lines = e.logs.map((l) => l.message);
        assert.ok(lines.some((l) => /^Debugger paused: timeout suspended with \d\.\d\d s left$/.test(l)), lines.join('\n'));
        assert.ok(lines.some((l) => /^Debugger resumed: \d\.\d\d s of the 1 s timeout remain$/.test(l)));
      } finally {
        dap.close();
      }
    } finally {
      await e.dispose();
    }
  });

  test('not paused, the timeout still applies under a debugger', async () => {
    const py = pythonWithDebugpy();
    const e = startEngine(join(fixtures, 'engine-python'), { interpreters: { 'python3.11': py } });
    try {
      const port = await freePort();
      const invocation = e.service.invoke('Timeout', '{}', { debug: { port, waitForAttach: true } });
      const until = Date.now() + 20_000;
      while (!e.logs.some((l) => l.message.includes(`debugpy://127.0.0.1:${port}`))) {
        assert.ok(Date.now() < until, 'debugpy did not listen');
        await new Promise((r) => setTimeout(r, 20));
      }
      const dap = await DapClient.open(port);
      try {
        await dap.request('initialize', { adapterID: 'debugpy', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
        const initialized = dap.event('initialized');
        const attached = dap.request('attach', { connect: { host: '127.0.0.1', port } });
        await initialized;
        await dap.request('configurationDone');
        await attached;
        const r = await invocation;
        assert.equal(r.status, 'timeout');
        assert.equal(JSON.parse(r.payload.toString()).errorType, 'Sandbox.Timedout');
      } finally {
        dap.close();
      }
    } finally {
      await e.dispose();
    }
  });
});
