// cli: `lambda-workbench metrics <function[:qualifier]>` — the per-minute metrics every engine on this state
// directory recorded (CLI runs, `start`, VS Code), under CloudWatch's names (lambda-semantics.md §8).
import type { MetricDatapoint } from '../core/scheduler/metrics';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';
import { printTable } from './table';

export interface MetricsCliOptions extends CommonOptions {
  qualifier?: string;
  json?: boolean;
  minutes?: string;
}

const num = (x: number | undefined, digits = 0) => (x === undefined ? '-' : x.toFixed(digits));

export async function metricsCommand(fn: string, opts: MetricsCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    const { resource, datapoints } = await service.scaling.metrics(fn, opts.qualifier);
    const shown: MetricDatapoint[] = opts.minutes ? datapoints.slice(-Math.max(1, Number(opts.minutes) || 1)) : datapoints;
    if (opts.json) {
      ctx.io.out(JSON.stringify({ Resource: resource, Period: 60, Datapoints: shown }, null, 2) + '\n');
      return;
    }
    if (!shown.length) {
      ctx.io.out(`${resource}: no invocations recorded yet\n`);
      return;
    }
    printTable(
      ctx.io,
      ['MINUTE (UTC)', 'Invocations', 'Errors', 'Throttles', 'ConcurrentExecutions', 'Duration avg/max ms', 'ProvisionedConcurrentExecutions', 'ProvisionedConcurrencyUtilization', 'Spillover'],
      shown.map((d) => [
        d.Timestamp.slice(0, 16).replace('T', ' '),
        String(d.Invocations),
        String(d.Errors),
        String(d.Throttles),
        String(d.ConcurrentExecutions),
        d.Duration ? `${num(d.Duration.Average, 1)}/${num(d.Duration.Maximum, 1)}` : '-',
        num(d.ProvisionedConcurrentExecutions),
        num(d.ProvisionedConcurrencyUtilization, 2),
        num(d.ProvisionedConcurrencySpilloverInvocations),
      ]),
    );
  });
}
