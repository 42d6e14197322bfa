// cli: registers `versions …` and `aliases …` on the program (kept here so main.ts only calls one function).
import type { Command } from 'commander';
import { aliasesCreateCommand, aliasesDeleteCommand, aliasesGetCommand, aliasesListCommand, aliasesUpdateCommand, type AliasCliOptions } from './aliasesCommand';
import type { CliContext } from './session';
import { versionsListCommand, versionsPublishCommand, type PublishCliOptions } from './versionsCommand';

function repeated(value: string, previous: string[] | undefined): string[] {
  return (previous ?? []).concat(value.split(',').filter((s) => s !== '' || value === ''));
}

export function registerVersionCommands(program: Command, common: (cmd: Command) => Command, ctx: CliContext): void {
  const versions = program.command('versions').description('published function versions (immutable snapshots of $LATEST)');
  common(
    versions
      .command('publish')
      .description('publish $LATEST as a new version (nothing changed: prints the latest version)')
      .argument('<function>', 'logical id or function name')
      .option('--description <text>', 'description of the version')
      .option('--code-sha256 <sha>', "publish only if $LATEST's CodeSha256 is this")
      .option('--revision-id <id>', "publish only if $LATEST's RevisionId is this")
      .option('--json', 'print JSON (the FunctionConfiguration)'),
  ).action((fn: string, opts: PublishCliOptions) => versionsPublishCommand(fn, opts, ctx));
  common(versions.command('list').description('list $LATEST and the published versions').argument('<function>', 'logical id or function name').option('--json', 'print JSON')).action(
    (fn: string, opts: PublishCliOptions) => versionsListCommand(fn, opts, ctx),
  );

  const aliases = program.command('aliases').description('function aliases, with weighted routing to a second version');
  const routing = (cmd: Command) => cmd.option('--routing <VERSION=WEIGHT>', 'send WEIGHT (0.0–1.0) of requests to VERSION, e.g. 2=0.1; "none" removes routing', repeated);
  const aliasCmd = (name: string, description: string) =>
    common(aliases.command(name).description(description).argument('<function>', 'logical id or function name').argument('<alias>', 'alias name')).option('--json', 'print JSON');
  routing(aliasCmd('create', 'create an alias').option('--function-version <n>', 'published version (or $LATEST) the alias points to').option('--description <text>', 'description')).action(
    (fn: string, alias: string, opts: AliasCliOptions) => aliasesCreateCommand(fn, alias, opts, ctx),
  );
  routing(
    aliasCmd('update', 'point an alias elsewhere or change its routing')
      .option('--function-version <n>', 'published version (or $LATEST) the alias points to')
      .option('--description <text>', 'description')
      .option('--revision-id <id>', "update only if the alias's RevisionId is this"),
  ).action((fn: string, alias: string, opts: AliasCliOptions) => aliasesUpdateCommand(fn, alias, opts, ctx));
  aliasCmd('get', 'show one alias').action((fn: string, alias: string, opts: AliasCliOptions) => aliasesGetCommand(fn, alias, opts, ctx));
  aliasCmd('delete', 'delete an alias').action((fn: string, alias: string, opts: AliasCliOptions) => aliasesDeleteCommand(fn, alias, opts, ctx));
  common(aliases.command('list').description("list a function's aliases").argument('<function>', 'logical id or function name').option('--function-version <n>', 'only aliases that point or route to this version').option('--json', 'print JSON')).action(
    (fn: string, opts: AliasCliOptions) => aliasesListCommand(fn, opts, ctx),
  );
}
