// cli: registers `concurrency put|get|delete` on the program (kept here so main.ts only calls one function).
import type { Command } from 'commander';
import { concurrencyDeleteCommand, concurrencyGetCommand, concurrencyPutCommand, type ConcurrencyCliOptions } from './concurrencyCommand';
import type { CliContext } from './session';

export function registerConcurrencyCommands(program: Command, common: (cmd: Command) => Command, ctx: CliContext): void {
  const concurrency = program.command('concurrency').description("a function's reserved concurrency (cap and guarantee; 0 throttles everything)");
  const cmd = (name: string, description: string) => common(concurrency.command(name).description(description).argument('<function>', 'logical id or function name')).option('--json', 'print JSON');
  cmd('put', 'reserve N concurrent executions for the function (at least 100 must stay unreserved)')
    .argument('<n>', 'reserved concurrency (0 throttles every invocation)')
    .action((fn: string, n: string, opts: ConcurrencyCliOptions) => concurrencyPutCommand(fn, n, opts, ctx));
  cmd('get', "show the function's reserved concurrency").action((fn: string, opts: ConcurrencyCliOptions) => concurrencyGetCommand(fn, opts, ctx));
  cmd('delete', 'remove the reservation (the function uses the unreserved pool again)').action((fn: string, opts: ConcurrencyCliOptions) => concurrencyDeleteCommand(fn, opts, ctx));
}
