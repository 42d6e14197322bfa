// core/template: one AWS::Serverless::Function or AWS::Lambda::Function resource → FunctionConfig, with
// Lambda's defaults and limits (lambda-semantics.md §2.3) and SAM local's naming (FunctionName = logical id).
import type { Architecture, CodeSource, FunctionConfig, FunctionEvent, LayerRef, LoggingConfig } from '../model/functionConfig';
import { deprecationOf, deprecationText, LAMBDA_RUNTIMES, runtimeFamily, similarRuntimes, supportedRuntimes } from '../model/runtimes';
import { cdkAssetPath, cfnCode, localPath } from './code';
import { isRecord, type ResourceEntry, type TemplateContext } from './context';
import { templateEnvironment } from './envVars';
import type { Resolver } from './intrinsics';
import { PropReader } from './reader';

const ARCHITECTURES: readonly Architecture[] = ['x86_64', 'arm64'];
const MAX_LAYERS = 5;

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What a `Ref` to a layer of this template becomes inside a function's Layers list. */
class LayerMarker {
  constructor(readonly logicalId: string) {}
}

function runtimeOf(r: PropReader, isSam: boolean): string {
  const packageType = r.str('PackageType');
  const runtime = r.str('Runtime');
  if (packageType === 'Image' || (!isSam && isRecord(r.raw('Code')) && r.raw('Code.ImageUri') !== undefined)) {
    throw r.ctx.error('TEMPLATE_INVALID', `${cap(r.owner)} is a container image function (PackageType: Image)`, 'Container images are not supported; use PackageType Zip with a Runtime and Handler', r.pos('PackageType'));
  }
  if (runtime === undefined) {
    throw r.ctx.error('TEMPLATE_INVALID', `${cap(r.owner)} has no Runtime`, `Add Runtime (to the function or Globals.Function), one of: ${supportedRuntimes().join(', ')}`, r.resourcePos);
  }
  if (!LAMBDA_RUNTIMES.has(runtime)) {
    const similar = similarRuntimes(runtime);
    const hint = similar.length ? `Lambda has no such runtime; did you mean ${similar.join(' or ')}? ` : 'Lambda has no such runtime. ';
    throw r.ctx.error('UNKNOWN_RUNTIME', `Unknown runtime "${runtime}" for ${r.owner}`, `${hint}Use one of: ${supportedRuntimes().join(', ')}`, r.pos('Runtime'));
  }
  if (!runtimeFamily(runtime)) {
    const d = deprecationOf(runtime);
    const why = runtime === 'python2.7' ? 'Python 2 cannot run on the local Python 3 runtime' : 'Lambda Workbench runs Node.js, Python and custom (provided.*) runtimes only';
    throw r.ctx.error('UNSUPPORTED_RUNTIME', `${cap(r.owner)} uses ${runtime}, which cannot run locally: ${why}`, d ? `${deprecationText(runtime, d)}.` : `Run it with \`sam local\`, or use one of: ${supportedRuntimes().join(', ')}`, r.pos('Runtime'));
  }
  return runtime;
}

function codeOf(r: PropReader, isSam: boolean, templateDir: string): CodeSource {
  const asset = cdkAssetPath(r.entry.metadata, 'Code');
  if (asset !== undefined) return localPath(r.ctx, asset, { owner: r.owner, property: 'Metadata.aws:asset:path', pos: r.resourcePos, templateDir });
  if (!isSam) return cfnCode(r.ctx, r.value('Code'), { owner: r.owner, property: 'Code', pos: r.pos('Code'), templateDir }, true);
  const inline = r.str('InlineCode');
  if (inline !== undefined) return { kind: 'inline', source: inline };
  // SAM local uses the template folder when CodeUri is absent.
  return localPath(r.ctx, r.value('CodeUri') ?? '.', { owner: r.owner, property: 'CodeUri', pos: r.pos('CodeUri'), templateDir });
}

function architecturesOf(r: PropReader): Architecture[] {
  const list = r.strList('Architectures') ?? ['x86_64'];
  if (list.length !== 1 || !ARCHITECTURES.includes(list[0] as Architecture)) {
    throw r.ctx.error('INVALID_PARAMETER', `Architectures of ${r.owner} must list exactly one architecture`, `Use [x86_64] or [arm64], not: ${JSON.stringify(list)}`, r.pos('Architectures'));
  }
  return list as Architecture[];
}

function layersOf(r: PropReader, layerIds: ReadonlySet<string>): LayerRef[] {
  if (r.raw('Layers') === undefined) return [];
  const refHook = (name: string): unknown => (layerIds.has(name) ? new LayerMarker(name) : undefined);
  const value = r.value('Layers', { ...r.scope, refHook });
  if (!Array.isArray(value)) {
    throw r.ctx.error('TEMPLATE_INVALID', `Layers of ${r.owner} must be a list`, 'List layer ARNs or !Ref to layers in this template', r.pos('Layers'));
  }
  const refs = value.map((item): LayerRef => {
    if (item instanceof LayerMarker) return { kind: 'logical', logicalId: item.logicalId };
    if (typeof item === 'string' && item.startsWith('arn:')) return { kind: 'arn', arn: item };
    throw r.ctx.error('TEMPLATE_INVALID', `Layer entry of ${r.owner} is neither a layer ARN nor a layer in this template`, `Use an ARN or !Ref to an AWS::Serverless::LayerVersion, not: ${JSON.stringify(item)}`, r.pos('Layers'));
  });
  if (refs.length > MAX_LAYERS) {
    throw r.ctx.error('INVALID_PARAMETER', `${cap(r.owner)} uses ${refs.length} layers`, `Lambda allows at most ${MAX_LAYERS}; remove some`, r.pos('Layers'));
  }
  return refs;
}

function loggingOf(r: PropReader, functionName: string): LoggingConfig {
  const logging: LoggingConfig = {
    logFormat: r.oneOf('LoggingConfig.LogFormat', ['Text', 'JSON'] as const, 'Text') ?? 'Text',
    logGroup: r.str('LoggingConfig.LogGroup') ?? `/aws/lambda/${functionName}`,
  };
  const app = r.oneOf('LoggingConfig.ApplicationLogLevel', ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const);
  const sys = r.oneOf('LoggingConfig.SystemLogLevel', ['DEBUG', 'INFO', 'WARN'] as const);
  if (app) logging.applicationLogLevel = app;
  if (sys) logging.systemLogLevel = sys;
  return logging;
}

function eventsOf(r: PropReader): FunctionEvent[] {
  const events = r.lenient('Events');
  if (!isRecord(events)) return [];
  return Object.entries(events).map(([name, e]) => {
    const type = isRecord(e) && typeof e.Type === 'string' ? e.Type : undefined;
    if (!type) {
      throw r.ctx.error('TEMPLATE_INVALID', `Event "${name}" of ${r.owner} has no Type`, 'Add Type (Api, HttpApi, SQS, Schedule, …)', r.ctx.at(r.raw('Events'), name) ?? r.pos('Events'));
    }
    const props = isRecord(e) && isRecord(e.Properties) ? e.Properties : {};
    return { name, type, properties: props };
  });
}

function propertyLines(r: PropReader, isSam: boolean): FunctionConfig['propertyLines'] {
  const line = (key: string): number | undefined => r.ctx.sm.key(r.props, key)?.line;
  const lines: NonNullable<FunctionConfig['propertyLines']> = { Handler: line('Handler'), CodeUri: line(isSam ? 'CodeUri' : 'Code'), Runtime: line('Runtime') };
  for (const k of Object.keys(lines) as (keyof typeof lines)[]) if (lines[k] === undefined) delete lines[k];
  return lines;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return isRecord(v) ? v : undefined;
}

/** Builds the FunctionConfig; `layerIds` are the layer resources of this template (kept after Conditions). */
export function buildFunction(ctx: TemplateContext, resolver: Resolver, entry: ResourceEntry, templateDir: string, layerIds: ReadonlySet<string>): FunctionConfig {
  const r = new PropReader(ctx, resolver, entry, 'function');
  const isSam = entry.type === 'AWS::Serverless::Function';
  const runtime = runtimeOf(r, isSam);
  const handler = r.str('Handler');
  if (handler === undefined && (runtimeFamily(runtime) !== 'provided' || runtime === 'go1.x')) {
    throw ctx.error('TEMPLATE_INVALID', `${cap(r.owner)} has no Handler`, 'Add Handler, e.g. app.handler (file app, export handler)', r.resourcePos);
  }
  const functionName = r.str('FunctionName') ?? entry.logicalId;
  const fn: FunctionConfig = {
    logicalId: entry.logicalId,
    functionName,
    templatePath: ctx.file,
    templateLine: entry.line,
    resourceType: isSam ? 'AWS::Serverless::Function' : 'AWS::Lambda::Function',
    description: r.str('Description'),
    handler,
    runtime,
    code: codeOf(r, isSam, templateDir),
    memorySize: r.int('MemorySize', 128, 128, 10240, ' MB') ?? 128,
    timeout: r.int('Timeout', 3, 1, 900, ' seconds') ?? 3,
    ephemeralStorage: r.int('EphemeralStorage.Size', 512, 512, 10240, ' MB') ?? 512,
    architectures: architecturesOf(r),
    environment: templateEnvironment(ctx, r.value('Environment.Variables'), r.raw('Environment.Variables'), r.owner, r.pos('Environment')),
    logging: loggingOf(r, functionName),
    layers: layersOf(r, layerIds),
    events: isSam ? eventsOf(r) : [],
    reservedConcurrency: r.int('ReservedConcurrentExecutions', undefined, 0, 1000),
    provisionedConcurrency: isSam ? r.int('ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions', undefined, 1, 1000) : undefined,
    autoPublishAlias: isSam ? r.str('AutoPublishAlias') : undefined,
    role: roleOf(r.lenient('Role')),
    eventInvokeConfigs: samInvokeConfig(isSam ? record(r.lenient('EventInvokeConfig')) : undefined, isSam ? r.str('AutoPublishAlias') : undefined),
    deadLetterConfig: record(r.lenient(isSam ? 'DeadLetterQueue' : 'DeadLetterConfig')),
    metadata: record(entry.metadata === undefined ? undefined : resolver.resolve(entry.metadata, { ...r.scope, lenient: true })),
    tracing: isSam ? r.str('Tracing') : r.str('TracingConfig.Mode'),
    propertyLines: propertyLines(r, isSam),
  };
  for (const key of Object.keys(fn) as (keyof FunctionConfig)[]) if (fn[key] === undefined) delete fn[key];
  return fn;
}

/** The Role property when it resolved to a string (an ARN, or a GetAtt of a role in the template). */
function roleOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** SAM puts a function's EventInvokeConfig on its AutoPublishAlias, or on `$LATEST` without one. */
function samInvokeConfig(config: Record<string, unknown> | undefined, alias: string | undefined): Record<string, Record<string, unknown>> | undefined {
  return config ? { [alias ?? '$LATEST']: config } : undefined;
}
