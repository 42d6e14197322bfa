// cli: `lambda-workbench concurrency put|get|delete` — a function's reserved concurrency (lambda-semantics.md
// §8): a cap and a guarantee for all its versions; 0 throttles every invocation. Kept in the state directory,
// so later commands (invoke, start) and the extension on the same folder use it.
import { WorkbenchError } from '../core/common/errors';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';

export interface ConcurrencyCliOptions extends CommonOptions {
  json?: boolean;
}

function print(ctx: CliContext, fn: string, reserved: number | undefined, unreserved: number, json: boolean | undefined): void {
  if (json) ctx.io.out(JSON.stringify(reserved === undefined ? {} : { ReservedConcurrentExecutions: reserved }) + '\n');
  else ctx.io.out(`${fn}\treserved concurrency: ${reserved === undefined ? 'none (uses the unreserved pool)' : reserved}\taccount unreserved: ${unreserved}\n`);
}

export async function concurrencyPutCommand(fn: string, value: string, opts: ConcurrencyCliOptions, ctx: CliContext): Promise<void> {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new WorkbenchError('INVALID_PARAMETER', `The reserved concurrency must be a whole number of at least 0, got "${value}".`);
  await withService(ctx, serviceOptions(opts), async (service) => {
    const reserved = await service.concurrency.put(fn, n);
    print(ctx, fn, reserved, (await service.concurrency.account()).unreserved, opts.json);
  });
}

export async function concurrencyGetCommand(fn: string, opts: ConcurrencyCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    print(ctx, fn, await service.concurrency.get(fn), (await service.concurrency.account()).unreserved, opts.json);
  });
}

export async function concurrencyDeleteCommand(fn: string, opts: ConcurrencyCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    await service.concurrency.delete(fn);
    print(ctx, fn, undefined, (await service.concurrency.account()).unreserved, opts.json);
  });
}
