// cli: `lambda-workbench esm list|create|update|enable|disable|delete` — event source mappings, in this folder's
// state directory (template mappings and those created here) — through the engine that runs it when one does —
// or with --endpoint-url a running `start`/VS Code engine's, through the Lambda API's mapping operations.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { WorkbenchError } from '../core/common/errors';
import type { EventSourceMappingConfiguration } from '../core/events/mappings/mappingsFacade';
import type { LambdaService } from '../core/service';
import { serviceOptions, type CommonOptions } from './serviceOptions';
import { withService, type CliContext } from './session';
import { printTable } from './table';
import { DEFAULT_ACCOUNT_ID } from '../core/model/arn';

export interface EsmCliOptions extends CommonOptions {
  json?: boolean;
  endpointUrl?: string;
  function?: string;
  source?: string;
  batchSize?: string;
  batchingWindow?: string;
  reportBatchItemFailures?: boolean;
  filter?: string[];
  maximumConcurrency?: string;
  startingPosition?: string;
  disabled?: boolean;
  input?: string;
}

/** The operations the commands need, on this process's engine or a running one. */
interface MappingCalls {
  list(functionName?: string): Promise<{ config: EventSourceMappingConfiguration; lastProcessingResult?: string; origin?: string }[]>;
  create(input: Record<string, unknown>): Promise<EventSourceMappingConfiguration>;
  update(uuid: string, input: Record<string, unknown>): Promise<EventSourceMappingConfiguration>;
  delete(uuid: string): Promise<EventSourceMappingConfiguration>;
  /** A queue name made its ARN (ARNs pass through). */
  sourceArn(source: string): Promise<string>;
}

function local(service: LambdaService): MappingCalls {
  return {
    list: (fn) => service.mappings.details(fn),
    create: (i) => service.mappings.create(i),
    update: (u, i) => service.mappings.update(u, i),
    delete: (u) => service.mappings.delete(u),
    sourceArn: async (s) => (s.startsWith('arn:') ? s : (await (await service.async.resources()).queue(s)).arn),
  };
}

function remote(endpoint: string, region: string): MappingCalls {
  const base = `${endpoint.replace(/\/+$/, '')}/2015-03-31/event-source-mappings`;
  const call = async (method: string, path: string, body?: unknown): Promise<any> => {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { method, headers: { 'Content-Type': 'application/json', Authorization: 'AWS4-HMAC-SHA256 Credential=LOCAL/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0' }, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new WorkbenchError('INVALID_PARAMETER', `No Lambda Workbench engine answers at ${endpoint} (${(e as Error).message}). Start one with "lambda-workbench start", or leave out --endpoint-url.`);
    }
    const out = (await res.json().catch(() => ({}))) as Record<string, any>;
    if (res.ok) return out;
    const type = res.headers.get('x-amzn-errortype') ?? 'Error';
    throw new WorkbenchError(res.status === 404 ? 'RESOURCE_NOT_FOUND' : 'INVALID_PARAMETER', `${out.message ?? out.Message ?? `HTTP ${res.status}`} (${type})`);
  };
  return {
    list: async (fn) => {
      const all: EventSourceMappingConfiguration[] = [];
      let marker: string | undefined;
      do {
        const q = new URLSearchParams({ ...(fn ? { FunctionName: fn } : {}), ...(marker ? { Marker: marker } : {}) });
        const page = await call('GET', `/?${q}`);
        all.push(...(page.EventSourceMappings as EventSourceMappingConfiguration[]));
        marker = page.NextMarker as string | undefined;
      } while (marker);
      return all.map((config) => ({ config, lastProcessingResult: config.LastProcessingResult }));
    },
    create: (i) => call('POST', '/', i),
    update: (u, i) => call('PUT', `/${encodeURIComponent(u)}`, i),
    delete: (u) => call('DELETE', `/${encodeURIComponent(u)}`),
    sourceArn: (s) => Promise.resolve(s.startsWith('arn:') ? s : `arn:aws:sqs:${region}:${DEFAULT_ACCOUNT_ID}:${s}`),
  };
}

async function withCalls(opts: EsmCliOptions, ctx: CliContext, work: (c: MappingCalls) => Promise<void>): Promise<void> {
  if (opts.endpointUrl) return work(remote(opts.endpointUrl, opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'));
  await withService(ctx, serviceOptions(opts), async (service) => {
    // An engine already running on this state directory runs its pollers: the change goes to it, so they follow.
    const owner = await service.async.owner();
    if (!owner.self) return work(remote(owner.holder.url, service.region));
    await work(local(service));
    await service.mappings.settled();
  });
}

function num(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new WorkbenchError('INVALID_PARAMETER', `${flag} must be a whole number, got "${v}".`);
  return Number(v);
}

/** The mapping members the flags (and --input JSON) give. */
async function membersOf(opts: EsmCliOptions): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = opts.input ? (JSON.parse(opts.input.startsWith('{') ? opts.input : await readFile(resolve(process.cwd(), opts.input), 'utf8')) as Record<string, unknown>) : {};
  if (opts.function !== undefined) input.FunctionName = opts.function;
  if (opts.batchSize !== undefined) input.BatchSize = num('--batch-size', opts.batchSize);
  if (opts.batchingWindow !== undefined) input.MaximumBatchingWindowInSeconds = num('--batching-window', opts.batchingWindow);
  if (opts.reportBatchItemFailures) input.FunctionResponseTypes = ['ReportBatchItemFailures'];
  if (opts.filter?.length) input.FilterCriteria = { Filters: opts.filter.map((Pattern) => ({ Pattern })) };
  if (opts.maximumConcurrency !== undefined) input.ScalingConfig = { MaximumConcurrency: num('--maximum-concurrency', opts.maximumConcurrency) };
  if (opts.startingPosition !== undefined) input.StartingPosition = opts.startingPosition;
  if (opts.disabled) input.Enabled = false;
  return input;
}

function print(ctx: CliContext, opts: EsmCliOptions, c: EventSourceMappingConfiguration): void {
  if (opts.json) return void ctx.io.out(JSON.stringify(c, null, 2) + '\n');
  ctx.io.out(`${c.UUID}  ${c.State}  ${c.FunctionArn.split(':function:')[1]} <- ${c.EventSourceArn}\n`);
}

export async function esmListCommand(opts: EsmCliOptions, ctx: CliContext): Promise<void> {
  await withCalls(opts, ctx, async (c) => {
    const rows = await c.list(opts.function);
    if (opts.json) return void ctx.io.out(JSON.stringify(rows.map((r) => ({ ...r.config, ...(r.lastProcessingResult ? { LastProcessingResult: r.lastProcessingResult } : {}) })), null, 2) + '\n');
    if (!rows.length) return void ctx.io.out('No event source mappings: add an SQS, Kinesis or DynamoDB event to a function in the template, or run "esm create".\n');
    printTable(ctx.io, ['UUID', 'FUNCTION', 'SOURCE', 'STATE', 'BATCH', 'LAST RESULT'], rows.map((r) => [r.config.UUID, r.config.FunctionArn.split(':function:')[1], r.config.EventSourceArn.split(':').slice(5).join(':'), r.config.State, String(r.config.BatchSize), r.lastProcessingResult ?? '-']));
  });
}

export async function esmCreateCommand(opts: EsmCliOptions, ctx: CliContext): Promise<void> {
  const input = await membersOf(opts);
  if (!opts.source && !input.EventSourceArn) throw new WorkbenchError('INVALID_PARAMETER', 'Give the event source with --source <queue name or ARN>.');
  if (!input.FunctionName) throw new WorkbenchError('INVALID_PARAMETER', 'Give the function with --function <name>.');
  await withCalls(opts, ctx, async (c) => {
    if (opts.source) input.EventSourceArn = await c.sourceArn(opts.source);
    print(ctx, opts, await c.create(input));
  });
}

export async function esmUpdateCommand(uuid: string, opts: EsmCliOptions, ctx: CliContext): Promise<void> {
  const input = await membersOf(opts);
  await withCalls(opts, ctx, async (c) => print(ctx, opts, await c.update(uuid, input)));
}

export async function esmEnableCommand(uuid: string, enabled: boolean, opts: EsmCliOptions, ctx: CliContext): Promise<void> {
  await withCalls(opts, ctx, async (c) => print(ctx, opts, await c.update(uuid, { Enabled: enabled })));
}

export async function esmDeleteCommand(uuid: string, opts: EsmCliOptions, ctx: CliContext): Promise<void> {
  await withCalls(opts, ctx, async (c) => print(ctx, opts, await c.delete(uuid)));
}
