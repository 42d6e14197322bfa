// cli: `lambda-workbench aliases create|update|get|list|delete` — function aliases (lambda-semantics.md §6),
// with weighted routing to one additional version: `--routing 2=0.1` (`--routing none` removes it).
import { WorkbenchError } from '../core/common/errors';
import type { AliasConfiguration } from '../core/model/versions';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';
import { printTable } from './table';

export interface AliasCliOptions extends CommonOptions {
  functionVersion?: string;
  routing?: string[];
  description?: string;
  revisionId?: string;
  json?: boolean;
}

/** `2=0.1` entries → {"2": 0.1}; `none` (or an empty value) → {} (no routing). */
export function parseRouting(items: string[] | undefined): Record<string, number> | undefined {
  if (!items || !items.length) return undefined;
  const out: Record<string, number> = {};
  for (const item of items) {
    if (item === 'none' || item === '') continue;
    const m = /^([^=]+)=(.+)$/.exec(item);
    const weight = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(weight)) throw new WorkbenchError('INVALID_PARAMETER', `Bad --routing entry "${item}". Use VERSION=WEIGHT with a weight from 0.0 to 1.0, e.g. --routing 2=0.1, or --routing none.`);
    out[m[1]] = weight;
  }
  return out;
}

function show(ctx: CliContext, a: AliasConfiguration, json: boolean | undefined): void {
  if (json) ctx.io.out(JSON.stringify(a, null, 2) + '\n');
  else ctx.io.out(`${a.AliasArn}\t→ ${describeTarget(a)}\n`);
}

function describeTarget(a: AliasConfiguration): string {
  const extra = Object.entries(a.RoutingConfig?.AdditionalVersionWeights ?? {});
  if (!extra.length) return `version ${a.FunctionVersion}`;
  const share = extra.reduce((s, [, w]) => s + w, 0);
  return [`version ${a.FunctionVersion} (${percent(1 - share)})`, ...extra.map(([v, w]) => `version ${v} (${percent(w)})`)].join(', ');
}

function percent(w: number): string {
  return `${Math.round(w * 1000) / 10}%`;
}

export async function aliasesCreateCommand(functionName: string, alias: string, opts: AliasCliOptions, ctx: CliContext): Promise<void> {
  if (opts.functionVersion === undefined) throw new WorkbenchError('INVALID_PARAMETER', 'aliases create needs --function-version N (a published version, or $LATEST).');
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
    const a = await service.versions.createAlias(functionName, { name: alias, functionVersion: opts.functionVersion!, description: opts.description, routing: parseRouting(opts.routing) });
    show(ctx, a, opts.json);
  });
}

export async function aliasesUpdateCommand(functionName: string, alias: string, opts: AliasCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
    const a = await service.versions.updateAlias(functionName, alias, { functionVersion: opts.functionVersion, description: opts.description, routing: parseRouting(opts.routing), revisionId: opts.revisionId });
    show(ctx, a, opts.json);
  });
}

export async function aliasesGetCommand(functionName: string, alias: string, opts: AliasCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => show(ctx, await service.versions.getAlias(functionName, alias), opts.json));
}

export async function aliasesDeleteCommand(functionName: string, alias: string, opts: AliasCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
    await service.versions.deleteAlias(functionName, alias);
    if (!opts.json) ctx.io.err(`Deleted alias ${alias} of ${functionName}.\n`);
  });
}

export async function aliasesListCommand(functionName: string, opts: AliasCliOptions, ctx: CliContext): Promise<void> {
  await withService(ctx, { ...serviceOptions(opts), persistLogs: false }, async (service) => {
    const all = await service.versions.listAliases(functionName, { functionVersion: opts.functionVersion });
    if (opts.json) {
      ctx.io.out(JSON.stringify(all, null, 2) + '\n');
      return;
    }
    printTable(ctx.io, ['ALIAS', 'VERSION', 'ROUTING', 'DESCRIPTION'], all.map((a) => [a.Name, a.FunctionVersion, describeTarget(a), a.Description || '-']));
  });
}
