// cli: registers `events put|rules` and `schedules list|run` on the program (main.ts calls this once).
import type { Command } from 'commander';
import { eventsPutCommand, eventsRulesCommand, schedulesListCommand, schedulesRunCommand, type EventsCliOptions } from './eventsCommand';
import type { CliContext } from './session';

const collect = (v: string, all: string[]) => [...all, v];

export function registerEventsCommands(program: Command, common: (cmd: Command) => Command, ctx: CliContext): void {
  const events = program.command('events').description('local EventBridge event buses: put events, list rules');
  common(events.command('put').description('put events on a bus (PutEvents); prints each event id, then delivers them to the matching rules\' targets'))
    .option('--bus <name>', 'event bus name or ARN (default: default)')
    .option('--source <source>', 'the event source, e.g. com.example.orders')
    .option('--detail-type <type>', 'the event detail-type')
    .option('--detail <json>', 'the event detail, a JSON object', '{}')
    .option('--resources <arn...>', 'the event resources', collect, [])
    .option('--entries <file>', 'a JSON file of PutEvents entries (as aws events put-events --entries takes) instead of the flags')
    .option('--json', 'print the PutEvents response as JSON')
    .option('--no-wait', 'only put the events (they are delivered when an engine next starts on this state directory)')
    .action((opts: EventsCliOptions) => eventsPutCommand(opts, ctx));
  common(events.command('rules').description('list the rules of each bus (or of one) with pattern or schedule and targets'))
    .option('--bus <name>', 'only this bus')
    .option('--json', 'print the buses with their rules and counts as JSON')
    .action((opts: EventsCliOptions) => eventsRulesCommand(opts, ctx));

  const schedules = program.command('schedules').description('schedules (scheduled rules, EventBridge Scheduler) that fire while an engine runs');
  common(schedules.command('list').description('list the schedules with their next fire time'))
    .option('--json', 'print JSON')
    .action((opts: EventsCliOptions) => schedulesListCommand(opts, ctx));
  common(schedules.command('run').description('fire a schedule now (enabled or not) and deliver its event').argument('<name>', 'schedule or rule name, or ARN'))
    .option('--no-wait', 'only journal the fire (it is delivered when an engine next starts)')
    .action((name: string, opts: EventsCliOptions) => schedulesRunCommand(name, opts, ctx));
}
