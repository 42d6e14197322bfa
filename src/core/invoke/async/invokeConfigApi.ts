// core/invoke/async: the FunctionEventInvokeConfig operations (lambda-semantics.md §9) over the config
// store: Put replaces, Update patches, Get/Delete/List, in the API's shape with the qualified FunctionArn.
import { WorkbenchError } from '../../common/errors';
import { functionArn } from '../../model/arn';
import { templateInvokeConfig, validateInvokeConfig, type InvokeConfigInput, type InvokeConfigStore, type StoredInvokeConfig } from './eventInvokeConfigs';

/** FunctionEventInvokeConfig as the API returns it. */
export interface FunctionEventInvokeConfig extends InvokeConfigInput {
  LastModified: number;
  FunctionArn: string;
}

export interface InvokeConfigApiDeps {
  store: InvokeConfigStore;
  region: string;
  accountId: string;
  now(): number;
  target(functionName: string, qualifier: string | undefined): Promise<{ functionName: string; qualifier?: string }>;
  templateConfigs(functionName: string): Record<string, Record<string, unknown>> | undefined;
}

function shape(d: InvokeConfigApiDeps, name: string, qualifier: string, c: StoredInvokeConfig): FunctionEventInvokeConfig {
  const out: FunctionEventInvokeConfig = { LastModified: c.LastModified, FunctionArn: functionArn(d.region, d.accountId, name, qualifier) };
  if (c.MaximumRetryAttempts !== undefined) out.MaximumRetryAttempts = c.MaximumRetryAttempts;
  if (c.MaximumEventAgeInSeconds !== undefined) out.MaximumEventAgeInSeconds = c.MaximumEventAgeInSeconds;
  out.DestinationConfig = { OnSuccess: c.DestinationConfig?.OnSuccess ?? {}, OnFailure: c.DestinationConfig?.OnFailure ?? {} };
  return out;
}

function notFound(d: InvokeConfigApiDeps, name: string, qualifier: string): WorkbenchError {
  return new WorkbenchError('RESOURCE_NOT_FOUND', `The function ${functionArn(d.region, d.accountId, name, qualifier)} doesn't have an EventInvokeConfig`);
}

async function resolved(d: InvokeConfigApiDeps, functionName: string, qualifier: string | undefined): Promise<[string, string]> {
  const t = await d.target(functionName, qualifier);
  return [t.functionName, t.qualifier ?? '$LATEST'];
}

/** Put (replace) or Update (patch: members given replace those stored, destinations one by one). */
export async function putInvokeConfig(d: InvokeConfigApiDeps, functionName: string, qualifier: string | undefined, body: Record<string, unknown>, patch: boolean): Promise<FunctionEventInvokeConfig> {
  const input = validateInvokeConfig(body);
  const [name, q] = await resolved(d, functionName, qualifier);
  let next: StoredInvokeConfig = { ...input, LastModified: d.now() / 1000 };
  if (patch) {
    const old = (await d.store.get(name, q)) ?? templateStored(d, name, q);
    if (!old) throw notFound(d, name, q);
    const dc = old.DestinationConfig || input.DestinationConfig ? { ...old.DestinationConfig, ...input.DestinationConfig } : undefined;
    next = { ...old, ...input, ...(dc ? { DestinationConfig: dc } : {}), LastModified: d.now() / 1000 };
  }
  await d.store.set(name, q, next);
  return shape(d, name, q, next);
}

function templateStored(d: InvokeConfigApiDeps, name: string, qualifier: string): StoredInvokeConfig | undefined {
  const t = templateInvokeConfig(d.templateConfigs(name)?.[qualifier]);
  if (!t) return undefined;
  const clean = Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as InvokeConfigInput;
  return { ...clean, LastModified: 0 };
}

/** The API's config for the qualifier, else (for `$LATEST`) the one the template declares. */
export async function getInvokeConfig(d: InvokeConfigApiDeps, functionName: string, qualifier: string | undefined): Promise<FunctionEventInvokeConfig> {
  const [name, q] = await resolved(d, functionName, qualifier);
  const c = (await d.store.get(name, q)) ?? templateStored(d, name, q);
  if (!c) throw notFound(d, name, q);
  return shape(d, name, q, c);
}

export async function deleteInvokeConfig(d: InvokeConfigApiDeps, functionName: string, qualifier: string | undefined): Promise<void> {
  const [name, q] = await resolved(d, functionName, qualifier);
  if (!(await d.store.get(name, q))) throw notFound(d, name, q);
  await d.store.set(name, q, undefined);
}

export async function listInvokeConfigs(d: InvokeConfigApiDeps, functionName: string): Promise<FunctionEventInvokeConfig[]> {
  const [name] = await resolved(d, functionName, undefined);
  const stored = await d.store.list(name);
  const out = stored.map(([q, c]) => shape(d, name, q, c));
  // The template's configs (SAM: on $LATEST or the AutoPublishAlias) where the API has not replaced them.
  const fromTemplate = Object.keys(d.templateConfigs(name) ?? {})
    .filter((q) => !stored.some(([s]) => s === q))
    .map((q) => shape(d, name, q, templateStored(d, name, q)!));
  return [...fromTemplate, ...out].sort((a, b) => qualifierRank(a.FunctionArn) - qualifierRank(b.FunctionArn) || a.FunctionArn.localeCompare(b.FunctionArn));
}

/** `$LATEST` first, then versions by number, then aliases. */
function qualifierRank(arn: string): number {
  const q = arn.slice(arn.lastIndexOf(':') + 1);
  return q === '$LATEST' ? -1 : /^\d+$/.test(q) ? Number(q) : Number.MAX_SAFE_INTEGER;
}
