// cli: registers `async status`, and through queuesPrograms.ts the queue and topic commands, on the program
// (main.ts calls this once).
import type { Command } from 'commander';
import { asyncStatusCommand, type AsyncCliOptions } from './asyncCommand';
import { registerQueueCommands } from './queuesPrograms';
import type { CliContext } from './session';

export function registerAsyncCommands(program: Command, common: (cmd: Command) => Command, ctx: CliContext): void {
  const asyncCmd = program.command('async').description("functions' asynchronous invocation queues (retries, destinations)");
  common(asyncCmd.command('status').description("a function's async queue: events waiting, attempts, next attempt, journal file").argument('<function>', 'logical id or function name'))
    .option('--json', 'print JSON')
    .action((fn: string, opts: AsyncCliOptions) => asyncStatusCommand(fn, opts, ctx));

  registerQueueCommands(program, common, ctx);
}
