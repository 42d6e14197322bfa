// cli: `lambda-workbench provisioned put|get|list|delete` — provisioned concurrency on a published version or
// alias (lambda-semantics.md §8). The config is kept in the state directory (later commands, `start` and VS
// Code start its environments); this command's own engine starts them too and waits for READY or FAILED, so
// the status it prints is the one a deployment would report (an init error shows here as FAILED).
import { WorkbenchError } from '../core/common/errors';
import type { ProvisionedConfigView } from '../core/scheduler/provisionedConcurrency';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';
import { printTable } from './table';

export interface ProvisionedCliOptions extends CommonOptions {
  qualifier?: string;
  json?: boolean;
  wait?: boolean;
}

function print(ctx: CliContext, configs: ProvisionedConfigView[], json: boolean | undefined): void {
  if (json) {
    ctx.io.out(JSON.stringify(configs.length === 1 ? configs[0] : configs, null, 2) + '\n');
    return;
  }
  printTable(
    ctx.io,
    ['FUNCTION', 'QUALIFIER', 'VERSION', 'REQUESTED', 'ALLOCATED', 'STATUS', 'REASON'],
    configs.map((c) => [c.functionName, c.qualifier, c.version || '-', String(c.RequestedProvisionedConcurrentExecutions), String(c.AllocatedProvisionedConcurrentExecutions), c.Status, c.StatusReason ?? '']),
  );
}

export async function provisionedPutCommand(fn: string, value: string, opts: ProvisionedCliOptions, ctx: CliContext): Promise<void> {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new WorkbenchError('INVALID_PARAMETER', `The provisioned concurrency must be a whole number of at least 1, got "${value}".`);
  await withService(ctx, serviceOptions(opts), async (service) => {
    const put = await service.scaling.putProvisioned(fn, opts.qualifier, n);
    const shown = opts.wait === false ? put : await service.scaling.provisionedSettled(`${put.functionName}:${put.qualifier}`);
    print(ctx, [shown], opts.json);
    if (shown.Status === 'FAILED') process.exitCode = 1;
  });
}

export async function provisionedGetCommand(fn: string, opts: ProvisionedCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    const c = await service.scaling.getProvisioned(fn, opts.qualifier);
    await service.scaling.activate(c.functionName);
    print(ctx, [await service.scaling.provisionedSettled(`${c.functionName}:${c.qualifier}`)], opts.json);
  });
}

export async function provisionedListCommand(fn: string | undefined, opts: ProvisionedCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    const listed = await service.scaling.listProvisioned(fn);
    if (listed.length) await service.scaling.activate(fn);
    print(ctx, await service.scaling.listProvisioned(fn), opts.json);
  });
}

export async function provisionedDeleteCommand(fn: string, opts: ProvisionedCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    await service.scaling.deleteProvisioned(fn, opts.qualifier);
    if (!opts.json) ctx.io.out(`${fn}${opts.qualifier ? `:${opts.qualifier}` : ''}\tprovisioned concurrency deleted\n`);
    else ctx.io.out('{}\n');
  });
}
