// cli: `lambda-workbench invoke` — runs a function (optionally N times on one engine), streaming its
// logs to stderr and writing each response payload on its own line to stdout. Once interrupted, nothing
// more reaches stdout: what the engine answers for a cancelled invocation is not the function's result.
import { WorkbenchError } from '../core/common/errors';
import { loadTemplate } from '../core/template/index';
import { DEBUGGER_ATTACHED } from '../core/runtime/environmentDebug';
import { isolationSupport } from '../core/runtime/isolation';
import { readEvent } from './eventFile';
import { formatSummary, parseConcurrency, runLoad } from './invokeLoad';
import { asyncInvokeCommand } from './asyncInvokeCommand';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';
import { headStartOptions } from './headStart';
import type { LambdaService } from '../core/service';

export interface InvokeCliOptions extends CommonOptions {
  /** false with SAM's --no-event. */
  event?: string | false;
  repeat: string;
  logFormat?: string;
  debugPort?: string;
  qualifier?: string;
  concurrency?: string;
  json?: boolean;
  async?: boolean;
  /** commander's --no-wait */
  wait?: boolean;
}

/** The template's one function, when `invoke` names none (as `sam local invoke` allows). */
async function onlyFunction(opts: InvokeCliOptions): Promise<string> {
  const o = serviceOptions(opts);
  const model = await loadTemplate({ cwd: o.cwd, templatePath: o.templatePath, parameterOverrides: o.parameterOverrides, region: o.region, parseCache: o.templateParseCache });
  const ids = model.functions.map((f) => f.logicalId).concat(model.broken.filter((b) => b.kind === 'function').map((b) => b.logicalId));
  if (ids.length === 1) return ids[0];
  throw new WorkbenchError('INVALID_PARAMETER', `Name the function to invoke: the template has ${ids.length === 0 ? 'no functions' : `${ids.length} functions (${ids.join(', ')})`}; ${model.templatePath}`);
}

/** Starts the function's provisioned concurrency, when it has some, and waits for it (READY or FAILED). */
async function provisionedFirst(service: LambdaService, functionName: string): Promise<void> {
  if ((await service.scaling.listProvisioned(functionName).catch(() => [])).length) await service.scaling.activate(functionName);
}

export async function invokeCommand(given: string | undefined, opts: InvokeCliOptions, ctx: CliContext): Promise<void> {
  const { io, interruption } = ctx;
  const functionName = given ?? (await onlyFunction(opts));
  const repeat = Number(opts.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) {
    throw new WorkbenchError('INVALID_PARAMETER', `--repeat must be a positive whole number, got "${opts.repeat}".`);
  }
  // Whether namespaces can be created is learnt once per process by creating some (a short-lived child):
  // asked now, it runs alongside the event and template loads instead of just before the runtime's launch.
  void isolationSupport();
  const payload = await interruption.unlessStopped(readEvent(opts.event || undefined, process.cwd()));
  if (payload === undefined) return;
  if (opts.async) return asyncInvokeCommand(functionName, payload, repeat, opts, ctx);
  const debugPort = opts.debugPort === undefined ? undefined : Number(opts.debugPort);
  if (debugPort !== undefined && !(Number.isInteger(debugPort) && debugPort > 0 && debugPort < 65536)) {
    throw new WorkbenchError('INVALID_PARAMETER', `--debug-port must be a port number, got "${opts.debugPort}".`);
  }
  const logFormat = opts.logFormat === undefined ? undefined : opts.logFormat.toUpperCase() === 'JSON' ? 'JSON' : 'Text';
  let failed = false;
  if (opts.concurrency !== undefined) {
    const concurrency = parseConcurrency(opts.concurrency, repeat);
    await withService(ctx, { ...serviceOptions(opts), logFormat }, async (service) => {
      if (opts.qualifier !== undefined || functionName.includes(':')) await provisionedFirst(service, functionName);
      const s = await runLoad(service, functionName, payload, repeat, concurrency, { qualifier: opts.qualifier }, ctx);
      if (interruption.isStopped) return;
      io.out(opts.json ? JSON.stringify(s, null, 2) + '\n' : formatSummary(s));
      failed = s.ok !== s.invocations;
    });
    if (failed) process.exitCode = 1;
    return;
  }
  // A plain one-shot invoke may adopt the head start the entry made, and records its launch (headStart.ts).
  const headStart = debugPort === undefined && opts.qualifier === undefined ? headStartOptions(ctx.headStart, opts.envVars) : {};
  await withService(ctx, { ...serviceOptions(opts), logFormat, ...headStart }, async (service, logs) => {
    service.onLog((e) => {
      // Node's own "Debugger attached." comes for any inspector session (the engine's pause watcher too):
      // only the engine's line, logged when the user's debugger attached, is shown.
      if (debugPort !== undefined && e.source !== 'platform' && e.message === DEBUGGER_ATTACHED) return;
      logs.write(e.message);
    });
    // A version or alias with provisioned concurrency is served as deployed: its environments initialised first.
    if (opts.qualifier !== undefined || functionName.includes(':')) await provisionedFirst(service, functionName);
    service.onProgress((p) => p.phase === 'dependencies' && io.err(`${p.message}\n`));
    if (debugPort !== undefined) {
      io.err(
        `Waiting for a debugger on 127.0.0.1:${debugPort} (Node.js: the inspector protocol, e.g. VS Code "Attach" or chrome://inspect; Python: debugpy). The handler runs once it attaches; timeouts are suspended while paused.\n`,
      );
    }
    for (let i = 0; i < repeat && !interruption.isStopped; i++) {
      let streamedAny = false;
      const result = await service.invoke(functionName, payload, {
        qualifier: opts.qualifier,
        debug: debugPort !== undefined ? { port: debugPort, waitForAttach: true } : undefined,
        stream: {
          start: () => void 0,
          chunk: (data) => {
            if (interruption.isStopped) return;
            streamedAny = true;
            io.out(data);
          },
        },
      });
      if (interruption.isStopped) return;
      if (result.streamed) {
        if (result.functionError) io.out((streamedAny ? '\n' : '') + result.payload.toString('utf8'));
        io.out('\n');
      } else {
        io.out(result.payload.toString('utf8') + '\n');
      }
      if (result.diagnostic) io.error(result.diagnostic);
      if (result.functionError) failed = true;
      await io.stdoutTaken();
    }
  });
  if (failed) process.exitCode = 1;
}
