// Benchmark cases for debugging: time from a debug invoke to the first breakpoint hit, cold environment,
// with a real debugger protocol client attaching — CDP for Node.js, DAP (debugpy) for Python.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CdpClient } from '../../src/core/runtime/cdpClient';
import { freePort } from '../../src/core/runtime/portCheck';
import { LambdaService } from '../../src/core/service';
import { DapClient } from '../integration/helpers/dapClient';
import type { BenchCase, Metrics } from './cases';
import { median, nowMs } from './stats';

function pythonWithDebugpy(): string | undefined {
  for (const py of ['/usr/bin/python3.11', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import debugpy'], { stdio: 'ignore' }).status === 0) return py;
  }
  return undefined;
}

export const debugCases: BenchCase[] = [
  {
    name: 'debug_first_breakpoint',
    description: 'debug invoke → first breakpoint hit (cold environment; CDP client for Node.js, DAP/debugpy for Python)',
    async run(ctx): Promise<Metrics> {
      const fixtures = path.join(ctx.repoRoot, 'test', 'fixtures');
      const node: number[] = [];
      for (let i = 0; i < ctx.n(5, 2); i++) {
        const svc = new LambdaService({ cwd: path.join(fixtures, 'engine'), persistLogs: false, stateDir: path.join(ctx.tmpRoot, `dbg-${i}`) });
        try {
          await svc.template();
          const file = pathToFileURL(path.join(await svc.taskRootOf('Debuggable'), 'index.js')).href;
          const port = await freePort();
          const t0 = nowMs();
          const invocation = svc.invoke('Debuggable', '{"value":1}', { debug: { port } });
          const cdp = await CdpClient.connect(port);
          await cdp.send('Debugger.enable');
          await cdp.send('Debugger.setBreakpointByUrl', { url: file, lineNumber: 2 });
          const paused = cdp.waitFor('Debugger.paused');
          await cdp.send('Runtime.runIfWaitingForDebugger');
          await paused;
          node.push(nowMs() - t0);
          await cdp.send('Debugger.resume');
          await invocation;
          cdp.close();
        } finally {
          await svc.dispose();
        }
      }
      const metrics: Metrics = { debug_node_first_breakpoint_ms: { value: median(node), unit: 'ms' } };
      const py = pythonWithDebugpy();
      if (!py) {
        ctx.log('debugpy not installed: Python debug timing skipped (apt-get install python3-debugpy)');
        return metrics;
      }
      const python: number[] = [];
      for (let i = 0; i < ctx.n(5, 2); i++) {
        const svc = new LambdaService({ cwd: path.join(fixtures, 'engine-python'), persistLogs: false, stateDir: path.join(ctx.tmpRoot, `dbgpy-${i}`), interpreters: { 'python3.11': py } });
        const logs: string[] = [];
        svc.onLog((l) => logs.push(l.message));
        try {
          await svc.template();
          const taskRoot = await svc.taskRootOf('Debuggable');
          const port = await freePort();
          const t0 = nowMs();
          const invocation = svc.invoke('Debuggable', '{"value": 21}', { debug: { port, waitForAttach: true } });
          while (!logs.some((l) => l.includes(`debugpy://127.0.0.1:${port}`))) await new Promise((r) => setTimeout(r, 5));
          const dap = await DapClient.open(port);
          await dap.request('initialize', { adapterID: 'debugpy', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
          const initialized = dap.event('initialized');
          const attached = dap.request('attach', { connect: { host: '127.0.0.1', port }, justMyCode: true });
          await initialized;
          await dap.request('setBreakpoints', { source: { path: path.join(taskRoot, 'app.py') }, breakpoints: [{ line: 6 }] });
          const stopped = dap.event('stopped');
          await dap.request('configurationDone');
          await attached;
          const stop = await stopped;
          python.push(nowMs() - t0);
          await dap.request('continue', { threadId: stop.threadId });
          await invocation;
          dap.close();
        } finally {
          await svc.dispose();
        }
      }
      metrics.debug_python_first_breakpoint_ms = { value: median(python), unit: 'ms' };
      return metrics;
    },
  },
];
