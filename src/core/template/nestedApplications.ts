// core/template: nested stacks, as `sam local` runs them: an AWS::Serverless::Application (or
// AWS::CloudFormation::Stack) whose Location (TemplateURL) is a local template loads that template with the
// resource's Parameters, and its functions and layers join the parent's as `<Child>/<LogicalId>` (names
// `<Child>-<LogicalId>` unless FunctionName sets one). Their APIs, queues and versions stay the child's own.
import { dirname, resolve } from 'node:path';
import { WorkbenchError } from '../common/errors';
import type { BrokenResource, FunctionConfig, LayerConfig, TemplateModel } from '../model/functionConfig';
import { isRecord, type ResourceEntry, type TemplateContext } from './context';
import type { Resolver } from './intrinsics';

const NESTED_TYPES: Record<string, string> = { 'AWS::Serverless::Application': 'Location', 'AWS::CloudFormation::Stack': 'TemplateURL' };
/** Nested stacks inside nested stacks: CloudFormation allows deep trees; a loop (a template nesting itself) must end. */
const MAX_NESTING = 5;

export type LoadChild = (templatePath: string, parameters: Record<string, string>, stackName: string, depth: number) => Promise<TemplateModel>;

function paramString(v: unknown): string | undefined {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join(',');
  return undefined;
}

/** Loads each local nested stack of `included` and merges its functions, layers, broken resources and warnings into the parent's. */
export async function loadNestedApplications(
  ctx: TemplateContext,
  resolver: Resolver,
  included: ResourceEntry[],
  parent: { functions: FunctionConfig[]; layers: LayerConfig[]; broken: BrokenResource[]; stackName: string; depth: number },
  load: LoadChild,
): Promise<void> {
  for (const e of included) {
    const prop = NESTED_TYPES[e.type];
    if (!prop) continue;
    const pos = e.line ? { line: e.line, column: 1 } : undefined;
    const where = { where: `application "${e.logicalId}"`, pos, lenient: true };
    const location = resolver.resolve(e.properties[prop], where);
    if (typeof location !== 'string' || /^(https?|s3):\/\//i.test(location)) {
      ctx.warn(`Nested application "${e.logicalId}" is not a local template (${isRecord(location) ? 'a Serverless Application Repository app' : 'a URL'}), so its functions are not loaded`, pos);
      continue;
    }
    if (parent.depth >= MAX_NESTING) throw ctx.error('TEMPLATE_INVALID', `Nested application "${e.logicalId}" is more than ${MAX_NESTING} levels deep`, 'Check that no template nests itself', pos);
    const params = resolver.resolve(e.properties.Parameters ?? {}, where);
    const parameters: Record<string, string> = {};
    if (isRecord(params)) for (const [k, v] of Object.entries(params)) {
      const s = paramString(v);
      if (s !== undefined) parameters[k] = s;
      else ctx.warn(`Parameter "${k}" of nested application "${e.logicalId}" is not resolved locally; the child template uses its Default`, pos);
    }
    let child: TemplateModel;
    try {
      child = await load(resolve(dirname(ctx.file), location), parameters, `${parent.stackName}-${e.logicalId}`, parent.depth + 1);
    } catch (err) {
      if (!(err instanceof WorkbenchError)) throw err;
      throw ctx.error(err.code, `Nested application "${e.logicalId}" cannot be loaded`, err.message, pos, err);
    }
    mergeChild(e.logicalId, child, parent);
    for (const w of child.warnings) ctx.warnings.push(`${e.logicalId}: ${w}`);
  }
}

function mergeChild(prefix: string, child: TemplateModel, parent: { functions: FunctionConfig[]; layers: LayerConfig[]; broken: BrokenResource[] }): void {
  const id = (logicalId: string) => `${prefix}/${logicalId}`;
  for (const layer of child.layers) parent.layers.push({ ...layer, logicalId: id(layer.logicalId) });
  for (const fn of child.functions) {
    const named = fn.functionName !== fn.logicalId;
    const functionName = named ? fn.functionName : `${prefix}-${fn.logicalId}`;
    const logging = fn.logging.logGroup === `/aws/lambda/${fn.functionName}` ? { ...fn.logging, logGroup: `/aws/lambda/${functionName}` } : fn.logging;
    parent.functions.push({
      ...fn,
      logicalId: id(fn.logicalId),
      functionName,
      logging,
      layers: fn.layers.map((l) => (l.kind === 'logical' ? { ...l, logicalId: id(l.logicalId) } : l)),
    });
  }
  for (const b of child.broken) parent.broken.push({ ...b, logicalId: id(b.logicalId) });
}
