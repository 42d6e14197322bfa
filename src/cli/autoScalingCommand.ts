// cli: `lambda-workbench autoscaling put|list|delete` — Application Auto Scaling of a version's or alias's
// provisioned concurrency, as target tracking on LambdaProvisionedConcurrencyUtilization (lambda-semantics.md
// §8). Kept in the state directory; engines that serve (`start`, VS Code) track it on their clock.
import { WorkbenchError } from '../core/common/errors';
import type { ScalingTarget } from '../core/scheduler/autoScaling';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';
import { printTable } from './table';

export interface AutoScalingCliOptions extends CommonOptions {
  qualifier?: string;
  min?: string;
  max?: string;
  target?: string;
  scaleInCooldown?: string;
  scaleOutCooldown?: string;
  json?: boolean;
}

function whole(flag: string, v: string | undefined, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (v === undefined || !/^\d+$/.test(v)) throw new WorkbenchError('INVALID_PARAMETER', `${flag} must be a whole number, got ${v === undefined ? 'nothing' : `"${v}"`}.`);
  return Number(v);
}

function print(ctx: CliContext, targets: ScalingTarget[], json: boolean | undefined): void {
  if (json) {
    ctx.io.out(JSON.stringify(targets, null, 2) + '\n');
    return;
  }
  printTable(
    ctx.io,
    ['FUNCTION', 'QUALIFIER', 'MIN', 'MAX', 'TARGET UTILIZATION'],
    targets.map((t) => [t.functionName, t.qualifier, String(t.minCapacity), String(t.maxCapacity), String(t.targetValue)]),
  );
}

export async function autoScalingPutCommand(fn: string, opts: AutoScalingCliOptions, ctx: CliContext): Promise<void> {
  const target = Number(opts.target ?? '0.7');
  const t: Omit<ScalingTarget, 'functionName' | 'qualifier'> = { minCapacity: whole('--min', opts.min), maxCapacity: whole('--max', opts.max), targetValue: target };
  if (opts.scaleInCooldown !== undefined) t.scaleInCooldownS = whole('--scale-in-cooldown', opts.scaleInCooldown);
  if (opts.scaleOutCooldown !== undefined) t.scaleOutCooldownS = whole('--scale-out-cooldown', opts.scaleOutCooldown);
  await withService(ctx, serviceOptions(opts), async (service) => {
    print(ctx, [await service.scaling.putScalingTarget(fn, opts.qualifier, t)], opts.json);
  });
}

export async function autoScalingListCommand(opts: AutoScalingCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    await service.listFunctions();
    print(ctx, service.scaling.scalingTargets(), opts.json);
  });
}

export async function autoScalingDeleteCommand(fn: string, opts: AutoScalingCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    await service.scaling.deleteScalingTarget(fn, opts.qualifier);
    ctx.io.out(opts.json ? '{}\n' : `${fn}${opts.qualifier ? `:${opts.qualifier}` : ''}\tauto scaling removed (its provisioned concurrency stays as it is)\n`);
  });
}
