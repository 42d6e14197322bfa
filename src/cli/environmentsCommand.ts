// cli: `lambda-workbench environments [--watch]` — each function/version's execution environments with their
// state (initializing, idle, busy, frozen, stopped), initialisation type, age, invocations served and peak
// memory. Environments live in an engine: without --endpoint-url this command's own engine (which starts the
// template's provisioned concurrency, as `start` does); with it, a running `start` or VS Code engine.
import { WorkbenchError } from '../core/common/errors';
import type { EnvironmentSnapshot } from '../core/scheduler/environmentSnapshot';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';
import { printTable } from './table';

export interface EnvironmentsCliOptions extends CommonOptions {
  watch?: boolean;
  json?: boolean;
  endpointUrl?: string;
  interval?: string;
}

function age(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function print(ctx: CliContext, envs: EnvironmentSnapshot[], json: boolean | undefined): void {
  if (json) {
    ctx.io.out(JSON.stringify(envs) + '\n');
    return;
  }
  const busy = envs.filter((e) => e.state === 'busy').length;
  ctx.io.out(`${envs.length} environment${envs.length === 1 ? '' : 's'}, ${busy} busy\n`);
  if (!envs.length) return;
  printTable(
    ctx.io,
    ['FUNCTION', 'VERSION', 'ID', 'STATE', 'TYPE', 'AGE', 'INVOCATIONS', 'PEAK MEMORY', 'PID'],
    envs.map((e) => [e.functionName, e.version, e.id.slice(0, 8), e.state, e.initializationType === 'provisioned-concurrency' ? 'provisioned' : 'on-demand', age(e.ageMs), String(e.invocations), `${e.peakMemoryMB}/${e.memorySizeMB} MB`, e.pid === undefined ? '-' : String(e.pid)]),
  );
}

async function remote(url: string): Promise<EnvironmentSnapshot[]> {
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/$/, '')}/_workbench/environments`);
  } catch (e) {
    throw new WorkbenchError('INVALID_PARAMETER', `No Lambda Workbench engine answers at ${url} (${(e as Error).message}). Start one with "lambda-workbench start", or leave out --endpoint-url.`);
  }
  if (!res.ok) throw new WorkbenchError('INVALID_PARAMETER', `${url} is not a Lambda Workbench engine (GET /_workbench/environments answered ${res.status}).`);
  return ((await res.json()) as { Environments: EnvironmentSnapshot[] }).Environments;
}

export async function environmentsCommand(opts: EnvironmentsCliOptions, ctx: CliContext): Promise<void> {
  const intervalMs = Math.max(100, Number(opts.interval ?? 1000) || 1000);
  const loop = async (list: () => Promise<EnvironmentSnapshot[]>) => {
    for (;;) {
      const envs = await list();
      if (ctx.interruption.isStopped) return;
      if (opts.watch && !opts.json) ctx.io.out(`\n${new Date().toISOString()}  `);
      print(ctx, envs, opts.json);
      if (!opts.watch) return;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  };
  if (opts.endpointUrl) {
    await ctx.interruption.unlessStopped(loop(() => remote(opts.endpointUrl!)));
    return;
  }
  await withService(ctx, serviceOptions(opts), async (service) => {
    await service.listFunctions();
    await service.scaling.activate();
    await loop(async () => service.scaling.environments());
  });
}
