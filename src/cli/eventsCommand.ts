// cli: `lambda-workbench events put|rules` and `schedules list|run` — the local EventBridge: put events on a
// bus (then deliver them to the rules' targets and run the functions they invoke), list buses and rules,
// list schedules with their next fire time, fire a schedule now.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { WorkbenchError } from '../core/common/errors';
import type { PutEventsEntry } from '../core/events/bus/localBus';
import type { LambdaService } from '../core/service';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';
import { printTable } from './table';

export interface EventsCliOptions extends CommonOptions {
  bus?: string;
  source?: string;
  detailType?: string;
  detail?: string;
  resources?: string[];
  entries?: string;
  json?: boolean;
  /** commander's `--no-wait`: false when given. */
  wait?: boolean;
}

async function entriesOf(opts: EventsCliOptions): Promise<PutEventsEntry[]> {
  if (opts.entries) {
    const file = resolve(process.cwd(), opts.entries);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      throw new WorkbenchError('INVALID_PARAMETER', `Cannot read the entries file "${file}": ${(e as Error).message}. It holds a JSON array of PutEvents entries (Source, DetailType, Detail, EventBusName…), as \`aws events put-events --entries file://…\` takes.`, { cause: e, file });
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { Entries?: unknown })?.Entries;
    if (!Array.isArray(list)) throw new WorkbenchError('INVALID_PARAMETER', `The entries file "${file}" must hold a JSON array of PutEvents entries (or {"Entries": [...]}).`);
    return (list as PutEventsEntry[]).map((e) => ({ ...e, EventBusName: e.EventBusName ?? opts.bus }));
  }
  if (!opts.source || !opts.detailType) throw new WorkbenchError('INVALID_PARAMETER', 'events put needs --source and --detail-type (and --detail JSON), or --entries <file>.');
  const detail = opts.detail ?? '{}';
  try {
    JSON.parse(detail);
  } catch (e) {
    throw new WorkbenchError('INVALID_PARAMETER', `--detail must be a JSON object, got ${JSON.stringify(detail)}: ${(e as Error).message}.`);
  }
  return [{ EventBusName: opts.bus, Source: opts.source, DetailType: opts.detailType, Detail: detail, Resources: opts.resources }];
}

/** "lambda:recorder", "sqs:audit", "events:orders": a target's service and name. */
function shortArn(arn: string): string {
  return `${arn.split(':')[2] ?? '?'}:${arn.split(/[:/]/).pop()}`;
}

/** Waits until the buses have handed everything on and the async queues of the functions they invoked ran. */
async function deliver(service: LambdaService): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await service.eventBridge.settled();
    await service.async.idle();
  }
}

export async function eventsPutCommand(opts: EventsCliOptions, ctx: CliContext): Promise<void> {
  const entries = await entriesOf(opts);
  await withService(ctx, serviceOptions(opts), async (service) => {
    // The functions the rules invoke run in this command: their logs go to stderr.
    if (opts.wait !== false) service.onLog((e) => ctx.io.err(e.message.replace(/\r/g, '\n') + '\n'));
    const out = await service.eventBridge.putEvents(entries);
    if (opts.json) ctx.io.out(JSON.stringify(out, null, 2) + '\n');
    else for (const e of out.Entries) ctx.io.out(e.EventId ? `${e.EventId}\n` : `FAILED ${e.ErrorCode}: ${e.ErrorMessage}\n`);
    if (opts.wait !== false) await deliver(service);
    if (out.FailedEntryCount) throw new WorkbenchError('INVALID_PARAMETER', `${out.FailedEntryCount} of ${out.Entries.length} entries failed.`);
  });
}

export async function eventsRulesCommand(opts: EventsCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    const buses = (await service.eventBridge.buses()).filter((b) => !opts.bus || b.name === opts.bus || b.arn === opts.bus);
    if (opts.bus && !buses.length) throw new WorkbenchError('RESOURCE_NOT_FOUND', `Event bus ${opts.bus} does not exist.`);
    if (opts.json) return void ctx.io.out(JSON.stringify(buses, null, 2) + '\n');
    const rows = buses.flatMap((b) => b.rules.map((r) => [b.name, r.name, r.state, r.eventPattern ?? r.scheduleExpression ?? '-', r.targets.map((t) => shortArn(t.arn)).join(', ') || '-']));
    if (!rows.length) return void ctx.io.out(`No rules on ${buses.map((b) => b.name).join(', ')}: declare an AWS::Events::Rule or a SAM EventBridgeRule event.\n`);
    printTable(ctx.io, ['BUS', 'RULE', 'STATE', 'PATTERN / SCHEDULE', 'TARGETS'], rows);
  });
}

export async function schedulesListCommand(opts: EventsCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    const list = await service.eventBridge.schedules();
    if (opts.json) return void ctx.io.out(JSON.stringify(list, null, 2) + '\n');
    if (!list.length) return void ctx.io.out('No schedules: declare a rule with ScheduleExpression, a SAM Schedule or ScheduleV2 event, or an AWS::Scheduler::Schedule.\n');
    printTable(ctx.io, ['SCHEDULE', 'KIND', 'STATE', 'EXPRESSION', 'NEXT FIRE (UTC)'], list.map((s) => [s.name, s.kind, s.state, `${s.expression}${s.timezone ? ` ${s.timezone}` : ''}`, s.error ? `invalid: ${s.error}` : (s.nextFire ?? '-')]));
  });
}

export async function schedulesRunCommand(name: string, opts: EventsCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, serviceOptions(opts), async (service) => {
    if (opts.wait !== false) service.onLog((e) => ctx.io.err(e.message.replace(/\r/g, '\n') + '\n'));
    const s = await service.eventBridge.runSchedule(name);
    ctx.io.out(`Fired "${s.name}" (${s.expression}) at ${s.lastFire}.\n`);
    if (opts.wait !== false) await deliver(service);
  });
}
