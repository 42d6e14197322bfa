// cli: `lambda-workbench start` — serves the local Lambda API on 127.0.0.1 until Ctrl-C or SIGTERM, then stops
// every environment. Prints the endpoint and the --endpoint-url to use; each API request is logged to stderr
// (operation, function, status, duration) next to the functions' own log lines. The template's APIs and function
// URLs are served too (--api-port, --url-port; --no-apis turns them off), their route table printed at start.
// With -d PORT (SAM's start-api -d) the first invoke of each function, or of --debug-function's, waits for a debugger.
import { WorkbenchError } from '../core/common/errors';
import { DEBUGGER_ATTACHED } from '../core/runtime/environmentDebug';
import type { LambdaService } from '../core/service';
import type { FunctionConfig } from '../core/model/functionConfig';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';
import { printRouteTable } from './routesCommand';

export interface StartCliOptions extends CommonOptions {
  port: string;
  quiet?: boolean;
  apiPort: string;
  urlPort: string;
  /** commander's `--no-apis`: false when given. */
  apis?: boolean;
  debugPort?: string;
  debugFunction?: string;
}

function portOption(flag: string, value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new WorkbenchError('INVALID_PARAMETER', `${flag} must be a port number (0 for free ones), got "${value}".`);
  return port;
}

/** -d/--debug-port and --debug-function: checked before anything starts. */
function debugOptions(opts: StartCliOptions): { port: number; functionName?: string } | undefined {
  if (opts.debugPort === undefined) {
    if (opts.debugFunction !== undefined) throw new WorkbenchError('INVALID_PARAMETER', `--debug-function needs --debug-port (-d PORT): the port the debugger attaches to; got --debug-function "${opts.debugFunction}" alone.`);
    return undefined;
  }
  const port = portOption('--debug-port', opts.debugPort);
  if (port === 0) throw new WorkbenchError('INVALID_PARAMETER', '--debug-port must be a port number the debugger can be told, not 0.');
  return { port, functionName: opts.debugFunction };
}

/** Debugs first invokes on the port, telling stderr when one waits; the named function must exist. */
function startDebugging(service: LambdaService, fns: readonly FunctionConfig[], debug: { port: number; functionName?: string }, ctx: CliContext): void {
  let only: FunctionConfig | undefined;
  if (debug.functionName !== undefined) {
    only = fns.find((f) => f.logicalId === debug.functionName) ?? fns.find((f) => f.functionName === debug.functionName);
    if (!only) throw new WorkbenchError('FUNCTION_NOT_FOUND', `--debug-function: no function "${debug.functionName}" in the template; its functions are ${fns.map((f) => f.logicalId).join(', ') || '(none)'}.`);
  }
  service.debugFirstInvokes({
    port: debug.port,
    functionName: only?.functionName,
    onWaiting: (fn) => ctx.io.err(`[debug] ${fn}: waiting for a debugger on 127.0.0.1:${debug.port} (Node.js: the inspector protocol, e.g. VS Code "Attach"; Python: debugpy); timeouts are suspended while paused.\n`),
  });
  ctx.io.err(`Debugging on 127.0.0.1:${debug.port}: the first invoke of ${only ? `"${only.logicalId}"` : 'each function'} waits for a debugger.\n`);
}

export async function startCommand(opts: StartCliOptions, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new WorkbenchError('INVALID_PARAMETER', `--port must be a port number (0 for a free one), got "${opts.port}".`);
  const apiPort = portOption('--api-port', opts.apiPort);
  const urlPort = portOption('--url-port', opts.urlPort);
  const debug = debugOptions(opts);
  await withService(ctx, { ...serviceOptions(opts), templateOptional: true }, async (service, logs) => {
    service.onLog((e) => {
      // Node's own "Debugger attached." comes for the engine's pause watcher too: only the engine's line is shown.
      if (debug && e.source !== 'platform' && e.message === DEBUGGER_ATTACHED) return;
      logs.write(e.message);
    });
    const fns = await service.listFunctions();
    if (debug) startDebugging(service, fns, debug, ctx);
    const api = await service.lambdaApi({ port });
    const http = opts.apis === false ? undefined : await service.http.listen({ apiPort, urlPort });
    // Provisioned concurrency (template, earlier puts) and its auto scaling start as a deployment would.
    void service.scaling.activate().then((configs) => {
      for (const c of configs) io.err(`[provisioned] ${c.functionName}:${c.qualifier} ${c.AllocatedProvisionedConcurrentExecutions}/${c.RequestedProvisionedConcurrentExecutions} ${c.Status}${c.StatusReason ? ` ${c.StatusReason}` : ''}
`);
    }, (e: unknown) => io.error(e));
    // Events earlier engines accepted (and did not finish) run again, on their retry schedule (§9).
    const resumed = (await service.async.resume()).map((f) => service.async.statusNow(f)).filter((s) => s && s.queued + s.inFlight > 0);
    if (resumed.length) io.err(`Async queues resumed: ${resumed.map((s) => `${s!.functionName} (${s!.queued + s!.inFlight})`).join(', ')}\n`);
    const owner = await service.async.owner();
    if (!owner.self) {
      const h = owner.holder;
      io.err(`The async and local queues of this state directory are run by another engine (${h.origin}, pid ${h.pid}); Event invokes sent here are queued there (${h.url}).\n`);
    } else {
      // Event buses resume their unfinished deliveries; schedules fire on the engine clock while this engine serves.
      const schedules = (await service.eventBridge.start()).filter((s) => s.nextFire);
      if (schedules.length) io.err(`Schedules: ${schedules.map((s) => `${s.name} (next ${s.nextFire})`).join(', ')}\n`);
      // Event source mappings poll their queues (and streams) while this engine serves.
      await service.mappings.start();
      const mappings = await service.mappings.details();
      if (mappings.length) io.err(`Event source mappings: ${mappings.map((m) => `${m.functionName} <- ${m.config.EventSourceArn.split(':').pop()} (${m.config.State})`).join(', ')}\n`);
      if (!opts.quiet) service.mappings.onDidReport(({ uuid, batch: b }) => io.err(`[esm] ${uuid.slice(0, 8)} ${b.outcome} records=${b.records}${b.filtered ? ` filtered=${b.filtered}` : ''}${b.failures ? ` failed=${b.failures}` : ''}${b.note ? ` (${b.note})` : ''}\n`));
    }
    if (!opts.quiet) api.onRequest((r) => io.err(`[api] ${r.operation} ${r.functionName ?? '-'} ${r.status} ${r.durationMs.toFixed(1)} ms\n`));
    if (!opts.quiet && http) service.http.onRequest((r) => io.err(`[http] ${r.method} ${r.path} ${r.functionName ?? '-'} ${r.status}${r.gatewayError ? ` (${r.gatewayError})` : ''} ${r.durationMs.toFixed(1)} ms\n`));
    http?.onDidRoute((rows) => {
      io.err('Template changed: routes are now\n');
      printRouteTable(io, rows, []);
    });
    const example = fns[0]?.functionName ?? 'my-function';
    io.out(
      [
        `Lambda API listening on ${api.url} (127.0.0.1 only; any credentials are accepted, signatures are not verified)`,
        `Functions: ${fns.map((f) => f.functionName).join(', ') || '(none yet: create one with CreateFunction)'}`,
        `Use it with: --endpoint-url ${api.url}`,
        `  aws lambda invoke --endpoint-url ${api.url} --function-name ${example} out.json`,
        `  new LambdaClient({ endpoint: '${api.url}' })`,
        '',
      ].join('\n'),
    );
    if (http) {
      const { broken, notes } = await service.http.routes();
      printRouteTable(io, http.rows(), broken, notes);
      io.out('\n');
    }
    io.out('Press Ctrl-C to stop.\n');
    // Serves until interrupted: withService then disposes the engine, which stops the API and every environment.
    await new Promise<never>(() => undefined);
  });
}
