// core/deploy: `sync`, like `sam sync --code` — each function of the template packaged exactly as `package`
// does (same bytes, same CodeSha256), then on the target: CreateFunction when missing, UpdateFunctionCode only
// when CodeSha256 differs, new layer versions only for changed layers, and AutoPublishAlias moved to a new
// version. Every change waits for LastUpdateStatus Successful (the SDK's waiters) before the next call.
import { readFile } from 'node:fs/promises';
import type { FunctionConfiguration, LambdaClient } from '@aws-sdk/client-lambda';
import { WorkbenchError } from '../common/errors';
import type { FunctionConfig, LayerConfig, TemplateModel } from '../model/functionConfig';
import type { BuiltPackage } from '../packaging';
import { aws, awsError, awsErrorName } from './awsErrors';
import { syncLayer, type SyncedLayer } from './layerSync';

/** What sync needs of the local engine (LambdaService has these). */
export interface SyncSource {
  template(): Promise<TemplateModel>;
  packageFunction(functionName: string): Promise<{ codeSha256: string; zipPath: string }>;
  layers: { build(layerLogicalId: string): Promise<{ layer: LayerConfig; built: BuiltPackage }> };
}

export type SyncAction = 'created' | 'updated code' | 'unchanged';

export interface FunctionSyncResult {
  logicalId: string;
  functionName: string;
  action: SyncAction;
  codeSha256: string;
  layersUpdated: boolean;
  /** Set when AutoPublishAlias published a version and pointed the alias at it. */
  published?: { version: string; alias: string };
  /** The AWS_ERROR (or other coded error) this function failed with; the others are still synced. */
  error?: WorkbenchError;
}

export interface CodeSyncOptions {
  source: SyncSource;
  lambda: LambdaClient;
  /** `--role`: the execution role of functions the template gives none. */
  role?: string;
  /** Asked for the role of a function to create when neither the template nor `role` gives one (VS Code: an input box). */
  askRole?: (fn: FunctionConfig) => Promise<string | undefined>;
  /** How long a waiter may wait for one function (seconds). */
  maxWaitSeconds?: number;
}

/** The result as the one line printed per function. */
export function describeResult(r: FunctionSyncResult): string {
  if (r.error) return `${r.logicalId}: failed: [${r.error.code}] ${r.error.message}`;
  const parts: string[] = [r.action === 'unchanged' && r.layersUpdated ? 'layers updated' : r.action];
  if (r.action !== 'unchanged' && r.layersUpdated) parts.push('layers updated');
  if (r.published) parts.push(`published version ${r.published.version}, alias ${r.published.alias} → ${r.published.version}`);
  return `${r.logicalId}: ${parts.join(', ')} (CodeSha256 ${r.codeSha256})`;
}

export class CodeSync {
  constructor(private readonly o: CodeSyncOptions) {}

  /** Syncs the named functions (logical ids or function names; none: all of the template), in template order. */
  async sync(names: readonly string[] = []): Promise<FunctionSyncResult[]> {
    const model = await this.o.source.template();
    const fns = selectFunctions(model, names);
    const layers = new Map<string, Promise<SyncedLayer>>();
    const results: FunctionSyncResult[] = [];
    for (const fn of fns) {
      try {
        results.push(await this.syncFunction(fn, layers));
      } catch (e) {
        const error = e instanceof WorkbenchError ? e : new WorkbenchError('INTERNAL', (e as Error).message, { cause: e });
        results.push({ logicalId: fn.logicalId, functionName: fn.functionName, action: 'unchanged', codeSha256: '-', layersUpdated: false, error });
      }
    }
    return results;
  }

  private layerArns(fn: FunctionConfig, layers: Map<string, Promise<SyncedLayer>>): Promise<string[]> {
    return Promise.all(
      fn.layers.map(async (ref) => {
        if (ref.kind === 'arn') return ref.arn;
        let synced = layers.get(ref.logicalId);
        if (!synced) {
          synced = this.o.source.layers.build(ref.logicalId).then(({ layer, built }) => syncLayer(this.o.lambda, layer, built));
          layers.set(ref.logicalId, synced);
        }
        return (await synced).layerVersionArn;
      }),
    );
  }

  private async syncFunction(fn: FunctionConfig, layers: Map<string, Promise<SyncedLayer>>): Promise<FunctionSyncResult> {
    const L = await import('@aws-sdk/client-lambda');
    const { lambda } = this.o;
    const name = fn.functionName;
    const what = (op: string) => `Function ${fn.logicalId} (${name}): ${op}`;
    const pkg = await this.o.source.packageFunction(fn.logicalId);
    const layerArns = await this.layerArns(fn, layers);
    const waiter = { client: lambda, maxWaitTime: this.o.maxWaitSeconds ?? 300 };
    const current = await this.current(fn, what('GetFunction'));
    let action: SyncAction = 'unchanged';
    let layersUpdated = false;
    if (!current) {
      const role = fn.role ?? this.o.role ?? (await this.o.askRole?.(fn));
      if (!role) throw new WorkbenchError('ROLE_REQUIRED', `Function ${fn.logicalId} (${name}) does not exist on the target, and the template gives it no Role: pass --role <execution role ARN>, or set Role on it in ${fn.templatePath}.`);
      const zip = await readFile(pkg.zipPath);
      await aws(what('CreateFunction'), () => lambda.send(new L.CreateFunctionCommand(createInput(fn, role, zip, layerArns))));
      await aws(what('waiting for Active'), () => L.waitUntilFunctionActiveV2(waiter, { FunctionName: name }));
      action = 'created';
      layersUpdated = layerArns.length > 0;
    } else {
      if (current.CodeSha256 !== pkg.codeSha256) {
        const zip = await readFile(pkg.zipPath);
        await aws(what('UpdateFunctionCode'), () => lambda.send(new L.UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip, Architectures: fn.architectures })));
        await aws(what('waiting for LastUpdateStatus Successful'), () => L.waitUntilFunctionUpdatedV2(waiter, { FunctionName: name }));
        action = 'updated code';
      }
      const remoteLayers = (current.Layers ?? []).map((l) => l.Arn);
      if (remoteLayers.join('\n') !== layerArns.join('\n')) {
        await aws(what('UpdateFunctionConfiguration'), () => lambda.send(new L.UpdateFunctionConfigurationCommand({ FunctionName: name, Layers: layerArns })));
        await aws(what('waiting for LastUpdateStatus Successful'), () => L.waitUntilFunctionUpdatedV2(waiter, { FunctionName: name }));
        layersUpdated = true;
      }
    }
    const result: FunctionSyncResult = { logicalId: fn.logicalId, functionName: name, action, codeSha256: pkg.codeSha256, layersUpdated };
    if (fn.autoPublishAlias) result.published = await this.moveAlias(fn, fn.autoPublishAlias, pkg.codeSha256, action !== 'unchanged' || layersUpdated);
    return result;
  }

  /** The function's configuration on the target, or undefined when it does not exist there. */
  private async current(fn: FunctionConfig, what: string): Promise<FunctionConfiguration | undefined> {
    const { GetFunctionCommand } = await import('@aws-sdk/client-lambda');
    try {
      return (await this.o.lambda.send(new GetFunctionCommand({ FunctionName: fn.functionName }))).Configuration;
    } catch (e) {
      if (awsErrorName(e) === 'ResourceNotFoundException') return undefined;
      throw awsError(what, e);
    }
  }

  /**
   * AutoPublishAlias: PublishVersion (Lambda returns the newest version again when nothing changed since it) and
   * the alias created or moved to it. Skipped when nothing changed and the alias already exists.
   */
  private async moveAlias(fn: FunctionConfig, alias: string, codeSha256: string, changed: boolean): Promise<{ version: string; alias: string } | undefined> {
    const L = await import('@aws-sdk/client-lambda');
    const { lambda } = this.o;
    const name = fn.functionName;
    const what = (op: string) => `Function ${fn.logicalId} (${name}) alias ${alias}: ${op}`;
    let existing: string | undefined;
    try {
      existing = (await lambda.send(new L.GetAliasCommand({ FunctionName: name, Name: alias }))).FunctionVersion;
    } catch (e) {
      if (awsErrorName(e) !== 'ResourceNotFoundException') throw awsError(what('GetAlias'), e);
    }
    if (existing !== undefined && !changed) return undefined;
    const published = await aws(what('PublishVersion'), () => lambda.send(new L.PublishVersionCommand({ FunctionName: name, CodeSha256: codeSha256 })));
    const version = published.Version!;
    await aws(what('waiting for the version'), () => L.waitUntilPublishedVersionActive({ client: lambda, maxWaitTime: this.o.maxWaitSeconds ?? 300 }, { FunctionName: name, Qualifier: version }));
    if (existing === version) return undefined;
    if (existing === undefined) await aws(what('CreateAlias'), () => lambda.send(new L.CreateAliasCommand({ FunctionName: name, Name: alias, FunctionVersion: version })));
    else await aws(what('UpdateAlias'), () => lambda.send(new L.UpdateAliasCommand({ FunctionName: name, Name: alias, FunctionVersion: version })));
    return { version, alias };
  }
}

function createInput(fn: FunctionConfig, role: string, zip: Buffer, layers: string[]) {
  return {
    FunctionName: fn.functionName,
    Role: role,
    Code: { ZipFile: zip },
    Runtime: fn.runtime as never,
    ...(fn.handler ? { Handler: fn.handler } : {}),
    ...(fn.description ? { Description: fn.description } : {}),
    MemorySize: fn.memorySize,
    Timeout: fn.timeout,
    EphemeralStorage: { Size: fn.ephemeralStorage },
    Architectures: fn.architectures,
    ...(Object.keys(fn.environment).length ? { Environment: { Variables: fn.environment } } : {}),
    ...(layers.length ? { Layers: layers } : {}),
  };
}

/** The template's functions named by logical id or function name (all when none); FUNCTION_NOT_FOUND lists them. */
export function selectFunctions(model: TemplateModel, names: readonly string[]): FunctionConfig[] {
  if (names.length === 0) {
    for (const b of model.broken) if (b.kind === 'function') throw b.error;
    return model.functions;
  }
  return names.map((n) => {
    const fn = model.functions.find((f) => f.logicalId === n || f.functionName === n);
    if (fn) return fn;
    const broken = model.broken.find((b) => b.kind === 'function' && b.logicalId === n);
    if (broken) throw broken.error;
    throw new WorkbenchError('FUNCTION_NOT_FOUND', `Function not found: "${n}". Functions in ${model.templatePath}: ${model.functions.map((f) => f.logicalId).join(', ') || '(none)'}.`);
  });
}
