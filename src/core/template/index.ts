// core/template: the template loader's public surface: find template.yaml/.yml/.json, then read a SAM or plain
// CloudFormation template into a TemplateModel (functions, layers, warnings).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { WorkbenchError } from '../common/errors';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../model/arn';
import type { BrokenResource, TemplateModel } from '../model/functionConfig';
import { isRecord, TemplateContext, type ResourceEntry } from './context';
import { applyEnvVarsFile, applyShellEnvironment, readEnvVarsFile } from './envVars';
import { builtTemplateFor } from './builtTemplate';
import { splitPseudoOverrides } from './parameterOverrides';
import { buildFunction } from './functions';
import { conditionFunctions, valueFunctions } from './functionsTable';
import { applyFunctionGlobals } from './globals';
import { Resolver } from './intrinsics';
import { expandForEach } from './forEach';
import { loadNestedApplications } from './nestedApplications';
import { buildLayer, LAYER_TYPES } from './layers';
import { loadParameters } from './parameters';
import { parseTemplateFile, type ParseCache } from './parse';
import { readVersioning } from './versioning';
import { readAutoScaling } from './autoScaling';
import { readLocalResources } from './localResources';
import { readHttpModel } from './httpRoutes';
import { readEventSourceMappings } from './eventSourceMappings';

export interface LoadTemplateOptions {
  /** Discovery folder. */
  cwd: string;
  /** Explicit --template PATH (relative to cwd). */
  templatePath?: string;
  /** --parameter-overrides K=V. */
  parameterOverrides?: Record<string, string>;
  /** --env-vars FILE (SAM's format), relative to cwd. */
  envVarsFile?: string;
  region?: string;
  accountId?: string;
  /** Defaults to the name of the template's folder. */
  stackName?: string;
  /**
   * The shell's variables (the CLI passes process.env): as SAM CLI does, one named like a variable the
   * template declares replaces the template's value; the env-vars file still wins over both.
   */
  shellEnv?: Readonly<Record<string, string | undefined>>;
  /** How deep in nested applications this template is (0: the root). */
  nestingDepth?: number;
  /** Parsed templates kept between runs (the CLI's, parseCache.ts). */
  parseCache?: ParseCache;
}

const TEMPLATE_NAMES = ['template.yaml', 'template.yml', 'template.json'];
const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);
const KNOWN_TRANSFORMS = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions']);
/** Function properties the loader reads; intrinsics elsewhere are only scanned for warnings. */
const USED_PROPS = new Set(['Runtime', 'Handler', 'CodeUri', 'InlineCode', 'Code', 'PackageType', 'FunctionName', 'Description', 'MemorySize', 'Timeout', 'EphemeralStorage', 'Architectures', 'Environment', 'LoggingConfig', 'Layers', 'Events', 'ReservedConcurrentExecutions', 'ProvisionedConcurrencyConfig', 'AutoPublishAlias', 'AutoPublishAliasAllProperties', 'DeploymentPreference', 'VersionDescription', 'EventInvokeConfig', 'DeadLetterQueue', 'DeadLetterConfig', 'Tracing', 'TracingConfig', 'ContentUri', 'Content', 'LayerName', 'CompatibleRuntimes', 'CompatibleArchitectures']);

/** The first of template.yaml, template.yml, template.json in `cwd`. */
export function discoverTemplate(cwd: string): string {
  for (const name of TEMPLATE_NAMES) {
    const p = join(cwd, name);
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  // `sam build` output alone (the sources elsewhere) is a template too.
  const built = join(cwd, '.aws-sam', 'build', 'template.yaml');
  if (existsSync(built)) return built;
  const cdk = cdkTemplates(cwd);
  if (cdk.length === 1) return cdk[0];
  if (cdk.length > 1) {
    throw new WorkbenchError('TEMPLATE_NOT_FOUND', `No SAM template found, and cdk.out holds ${cdk.length} stacks; pass --template with one of: ${cdk.map((p) => relative(cwd, p)).join(', ')}`, { file: cwd });
  }
  throw new WorkbenchError('TEMPLATE_NOT_FOUND', `No SAM template found. Add ${TEMPLATE_NAMES.join(', ')} or pass --template PATH; looked in: ${cwd}`, { file: cwd });
}

/** The stack templates `cdk synth` wrote into cdk.out (not its nested assembly folders). */
function cdkTemplates(cwd: string): string[] {
  const dir = join(cwd, 'cdk.out');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => n.endsWith('.template.json')).sort().map((n) => join(dir, n));
}

function unknownIntrinsics(v: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => unknownIntrinsics(x, found));
  else if (isRecord(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith('Fn::') && !valueFunctions[k] && !conditionFunctions[k]) found.add(k);
      unknownIntrinsics(x, found);
    }
  }
  return found;
}

function templateRoot(ctx: TemplateContext, data: unknown): { root: Record<string, unknown>; resources: Record<string, unknown> } {
  if (!isRecord(data) || !isRecord(data.Resources)) {
    throw ctx.error('TEMPLATE_INVALID', 'Template has no Resources section', 'Add Resources with at least one AWS::Serverless::Function', ctx.at(data));
  }
  const transforms = Array.isArray(data.Transform) ? data.Transform : data.Transform === undefined ? [] : [data.Transform];
  for (const t of transforms) {
    if (typeof t !== 'string' || !KNOWN_TRANSFORMS.has(t)) ctx.warn(`Transform ${JSON.stringify(t)} is not applied locally; only ${[...KNOWN_TRANSFORMS].join(' and ')} are understood`, ctx.at(data, 'Transform'));
  }
  return { root: data, resources: data.Resources };
}

function collectResources(ctx: TemplateContext, root: Record<string, unknown>, resources: Record<string, unknown>): void {
  const globalFunction = isRecord(root.Globals) ? root.Globals.Function : undefined;
  for (const [logicalId, raw] of Object.entries(resources)) {
    const pos = ctx.at(resources, logicalId);
    if (!isRecord(raw) || typeof raw.Type !== 'string') {
      // Not knowable as a function or layer: the rest of the template loads without it.
      ctx.warn(`Resource "${logicalId}" has no Type and is ignored; add Type, e.g. AWS::Serverless::Function`, pos);
      continue;
    }
    let properties = isRecord(raw.Properties) ? raw.Properties : {};
    if (raw.Type === 'AWS::Serverless::Function') properties = applyFunctionGlobals(globalFunction, properties, ctx.sm);
    const condition = typeof raw.Condition === 'string' ? raw.Condition : undefined;
    ctx.resources.set(logicalId, { logicalId, type: raw.Type, properties, raw, metadata: raw.Metadata, condition, line: pos?.line });
  }
}

/** The resource as a broken entry when building it fails with a coded error; other errors are bugs and propagate. */
function brokenEntry(ctx: TemplateContext, e: ResourceEntry, kind: 'function' | 'layer', err: unknown): BrokenResource {
  if (!(err instanceof WorkbenchError)) throw err;
  const runtime = e.properties.Runtime;
  const broken: BrokenResource = { kind, logicalId: e.logicalId, resourceType: e.type, templatePath: ctx.file, templateLine: e.line, error: err };
  if (typeof runtime === 'string') broken.runtime = runtime;
  return broken;
}

/** Builds each resource on its own: one that cannot be resolved is kept as broken, the others load (issue 11). */
function buildEach<T>(ctx: TemplateContext, entries: ResourceEntry[], kind: 'function' | 'layer', broken: BrokenResource[], build: (e: ResourceEntry) => T): T[] {
  const out: T[] = [];
  for (const e of entries) {
    try {
      out.push(build(e));
    } catch (err) {
      broken.push(brokenEntry(ctx, e, kind, err));
    }
  }
  return out;
}

/** Loads the template named by `opts` (or discovered in opts.cwd) into a TemplateModel. */
export async function loadTemplate(opts: LoadTemplateOptions): Promise<TemplateModel> {
  const early: string[] = [];
  const file = opts.templatePath ? resolve(opts.cwd, opts.templatePath) : builtTemplateFor(resolve(discoverTemplate(opts.cwd)), opts.cwd, early);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new WorkbenchError('TEMPLATE_NOT_FOUND', `Template file does not exist; check --template: ${file}`, { file });
  }
  const display = relative(opts.cwd, file) || basename(file);
  const { data, sourceMap } = parseTemplateFile(file, display, opts.parseCache);
  const { pseudo: pseudoOverrides, parameters, unknown } = splitPseudoOverrides(opts.parameterOverrides ?? {});
  // A built template lives in .aws-sam/build: the stack is still named after the project's folder.
  const stackDir = /[\\/]\.aws-sam[\\/]build$/.test(dirname(file)) ? dirname(dirname(dirname(file))) : dirname(file);
  const pseudo = {
    region: pseudoOverrides.region ?? opts.region ?? DEFAULT_REGION,
    accountId: pseudoOverrides.accountId ?? opts.accountId ?? DEFAULT_ACCOUNT_ID,
    stackName: pseudoOverrides.stackName ?? opts.stackName ?? basename(stackDir),
  };
  const ctx = new TemplateContext(file, display, sourceMap, pseudo);
  ctx.warnings.push(...early);
  for (const name of unknown) ctx.warn(`Parameter override "${name}" names a pseudo parameter that cannot be overridden locally (only AWS::Region, AWS::AccountId and AWS::StackName); ignored`);
  const { root, resources } = templateRoot(ctx, data);
  loadParameters(ctx, root.Parameters, parameters);
  ctx.mappings = isRecord(root.Mappings) ? root.Mappings : {};
  ctx.conditions = isRecord(root.Conditions) ? root.Conditions : {};
  const resolver = new Resolver(ctx);
  collectResources(ctx, root, expandForEach(ctx, resolver, resources));
  const broken: BrokenResource[] = [];
  const included: ResourceEntry[] = [];
  for (const entry of ctx.resources.values()) {
    const scope = { where: `resource "${entry.logicalId}"`, pos: ctx.at(entry.raw, 'Condition') };
    try {
      if (entry.condition !== undefined && !resolver.condition(entry.condition, undefined, scope)) {
        ctx.skipped.set(entry.logicalId, entry.condition);
        continue;
      }
    } catch (err) {
      const kind = LAYER_TYPES.has(entry.type) ? 'layer' : FUNCTION_TYPES.has(entry.type) ? 'function' : undefined;
      if (!kind) throw err;
      broken.push(brokenEntry(ctx, entry, kind, err));
      continue;
    }
    included.push(entry);
  }
  const templateDir = dirname(file);
  const layerEntries = included.filter((e) => LAYER_TYPES.has(e.type));
  const layers = buildEach(ctx, layerEntries, 'layer', broken, (e) => buildLayer(ctx, resolver, e, templateDir));
  const brokenLayers = new Map(broken.filter((b) => b.kind === 'layer').map((b) => [b.logicalId, b]));
  const layerIds = new Set([...layers.map((l) => l.logicalId), ...brokenLayers.keys()]);
  const fnEntries = included.filter((e) => FUNCTION_TYPES.has(e.type));
  const seen = new Map<string, string>();
  const functions = buildEach(ctx, fnEntries, 'function', broken, (e) => {
    const fn = buildFunction(ctx, resolver, e, templateDir, layerIds);
    const badLayer = fn.layers.map((l) => (l.kind === 'logical' ? brokenLayers.get(l.logicalId) : undefined)).find((b) => b !== undefined);
    if (badLayer) {
      const pos = ctx.sm.key(e.properties, 'Layers') ?? (e.line ? { line: e.line, column: 1 } : undefined);
      throw ctx.error(badLayer.error.code, `Layer "${badLayer.logicalId}" of function "${fn.logicalId}" cannot be loaded`, badLayer.error.message, pos, badLayer.error);
    }
    const other = seen.get(fn.functionName);
    if (other) throw ctx.error('TEMPLATE_INVALID', `Functions "${other}" and "${fn.logicalId}" share the FunctionName "${fn.functionName}"`, 'Give each function its own FunctionName', fn.templateLine ? { line: fn.templateLine, column: 1 } : undefined);
    seen.set(fn.functionName, fn.logicalId);
    return fn;
  });
  for (const e of [...fnEntries, ...layerEntries]) {
    for (const [prop, value] of Object.entries(e.properties)) {
      if (USED_PROPS.has(prop)) continue;
      for (const fn of unknownIntrinsics(value, new Set())) ctx.warn(`Unsupported intrinsic function "${fn}" in property "${prop}" of "${e.logicalId}" is ignored: the property is not used locally`, ctx.at(e.properties, prop));
    }
  }
  attachEventInvokeConfigs(ctx, resolver, included, functions);
  const versioning = readVersioning(ctx, resolver, included, functions);
  const autoScaling = readAutoScaling(ctx, resolver, included);
  broken.sort((a, b) => (a.templateLine ?? 0) - (b.templateLine ?? 0));
  const depth = opts.nestingDepth ?? 0;
  await loadNestedApplications(ctx, resolver, included, { functions, layers, broken, stackName: pseudo.stackName, depth }, (templatePath, parameterOverrides, stackName, nestingDepth) =>
    loadTemplate({ cwd: opts.cwd, templatePath, parameterOverrides, region: opts.region, accountId: pseudo.accountId, stackName, shellEnv: opts.shellEnv, nestingDepth, parseCache: opts.parseCache }),
  );
  if (opts.shellEnv) applyShellEnvironment(opts.shellEnv, functions);
  if (opts.envVarsFile) applyEnvVarsFile(readEnvVarsFile(resolve(opts.cwd, opts.envVarsFile)), functions, ctx.warnings);
  const localResources = readLocalResources(ctx, resolver, included, functions);
  const http = readHttpModel(ctx, resolver, included, functions, isRecord(root.Globals) ? root.Globals : {});
  const eventSourceMappings = readEventSourceMappings(ctx, resolver, included, functions);
  return { templatePath: file, stackName: pseudo.stackName, region: opts.region ?? DEFAULT_REGION, accountId: opts.accountId ?? DEFAULT_ACCOUNT_ID, functions, layers, versioning, autoScaling, localResources, http, eventSourceMappings, broken, warnings: ctx.warnings };
}

/**
 * AWS::Lambda::EventInvokeConfig resources whose FunctionName is `!Ref <function>` (or its name) fill that
 * function's config for their Qualifier (`$LATEST`, a version number or an alias name).
 */
function attachEventInvokeConfigs(ctx: TemplateContext, resolver: Resolver, included: { type: string; properties: Record<string, unknown>; logicalId: string }[], functions: { logicalId: string; functionName: string; eventInvokeConfigs?: Record<string, Record<string, unknown>> }[]): void {
  for (const e of included.filter((x) => x.type === 'AWS::Lambda::EventInvokeConfig')) {
    const target = e.properties.FunctionName;
    const fn = isRecord(target) && typeof target.Ref === 'string' ? functions.find((f) => f.logicalId === target.Ref) : typeof target === 'string' ? functions.find((f) => f.functionName === target) : undefined;
    if (!fn) continue;
    const { FunctionName: _name, Qualifier: rawQualifier, ...rest } = e.properties;
    try {
      const where = { where: `resource "${e.logicalId}"`, pos: ctx.at(ctx.resources.get(e.logicalId)?.raw), lenient: true };
      const q = resolver.resolve(rawQualifier ?? '$LATEST', where);
      // A qualifier naming an alias resource (`!Ref LiveAlias`) resolves to its ARN: the part after the last ':'.
      const qualifier = typeof q === 'string' && q ? (q.includes(':') ? q.slice(q.lastIndexOf(':') + 1) : q) : '$LATEST';
      const resolved = resolver.resolve(rest, where);
      if (isRecord(resolved) && !fn.eventInvokeConfigs?.[qualifier]) fn.eventInvokeConfigs = { ...fn.eventInvokeConfigs, [qualifier]: resolved };
    } catch (err) {
      if (!(err instanceof WorkbenchError)) throw err;
      ctx.warn(`${err.message} — "${e.logicalId}" is ignored`);
    }
  }
}
