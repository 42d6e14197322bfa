// cli: `lambda-workbench versions publish|list <function>` — immutable published versions of a function
// (lambda-semantics.md §6), stored under the state directory.
import type { FunctionConfiguration } from '../core/model/versions';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';
import { printTable } from './table';

export interface PublishCliOptions extends CommonOptions {
  description?: string;
  codeSha256?: string;
  revisionId?: string;
  json?: boolean;
}

export async function versionsPublishCommand(functionName: string, opts: PublishCliOptions, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
    const v = await service.versions.publishVersion(functionName, { description: opts.description, codeSha256: opts.codeSha256, revisionId: opts.revisionId });
    if (opts.json) io.out(JSON.stringify(v, null, 2) + '\n');
    else io.out(`${v.FunctionArn}\tCodeSha256 ${v.CodeSha256}\n`);
  });
}

export async function versionsListCommand(functionName: string, opts: CommonOptions & { json?: boolean }, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
    const all = await service.versions.listVersions(functionName);
    if (opts.json) {
      io.out(JSON.stringify(all, null, 2) + '\n');
      return;
    }
    printTable(
      io,
      ['VERSION', 'CODESHA256', 'RUNTIME', 'MEMORY', 'TIMEOUT', 'LAST MODIFIED', 'DESCRIPTION'],
      all.map((v: FunctionConfiguration) => [v.Version, v.CodeSha256, v.Runtime, `${v.MemorySize} MB`, `${v.Timeout} s`, v.LastModified, v.Description || '-']),
    );
  });
}
