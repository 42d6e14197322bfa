// cli: `lambda-workbench generate-event [service] [event] [--flag value …]` — SAM's `sam local generate-event`:
// without arguments the services, with a service its events and their flags, with both a fresh sample event
// on stdout (pipe it to a file, or use `invoke --event sample:<service>/<event>` directly).
import { WorkbenchError } from '../core/common/errors';
import { createSample, findSample, sampleServices, type SampleEvent, type SampleFlag } from '../core/samples';
import type { CliContext } from './session';
import { printTable } from './table';

export interface GenerateEventOptions {
  region?: string;
  accountId?: string;
  partition?: string;
}

/** `--name value` / `--name=value` pairs after the event (the sample's own flags). */
export function parseSampleFlags(args: readonly string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-zA-Z][\w-]*)(?:=(.*))?$/s.exec(args[i]);
    if (!m) throw new WorkbenchError('INVALID_SAMPLE_FLAG', `Unexpected argument "${args[i]}": sample flags are --name value.`);
    if (m[2] !== undefined) flags[m[1]] = m[2];
    else if (i + 1 < args.length) flags[m[1]] = args[++i];
    else throw new WorkbenchError('INVALID_SAMPLE_FLAG', `--${m[1]} needs a value.`);
  }
  return flags;
}

export async function generateEventCommand(service: string | undefined, event: string | undefined, rest: readonly string[], opts: GenerateEventOptions, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  const services: Map<string, SampleEvent[]> = sampleServices();
  if (!service) {
    printTable(io, ['SERVICE', 'EVENTS'], [...services].map(([name, events]): string[] => [name, events.map((e: SampleEvent) => e.event).join(', ')]));
    io.out('\nlambda-workbench generate-event <service> lists its events and their flags.\n');
    return;
  }
  if (!event) {
    const events = services.get(service);
    if (!events) findSample(service); // throws UNKNOWN_SAMPLE_EVENT naming the services
    for (const e of events ?? []) {
      io.out(`${e.event}  ${e.label}: ${e.description}\n`);
      for (const [name, f] of Object.entries<SampleFlag>(e.flags)) io.out(`    --${name} <value>  ${f.help} (default: ${JSON.stringify(f.default)})\n`);
    }
    return;
  }
  const sample = createSample(`${service}/${event}`, { region: opts.region, accountId: opts.accountId, partition: opts.partition, flags: parseSampleFlags(rest) });
  io.out(JSON.stringify(sample, null, 2) + '\n');
}
