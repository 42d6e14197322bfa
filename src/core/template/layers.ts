// core/template: AWS::Serverless::LayerVersion and AWS::Lambda::LayerVersion resources → LayerConfig
// (local content only; CompatibleRuntimes kept as written, since layers may list runtimes we do not run).
import type { Architecture, LayerConfig } from '../model/functionConfig';
import { cdkAssetPath, cfnCode, localPath } from './code';
import { isRecord, type ResourceEntry, type TemplateContext } from './context';
import type { Resolver } from './intrinsics';
import { PropReader } from './reader';

export const LAYER_TYPES: ReadonlySet<string> = new Set(['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion']);
const ARCHITECTURES: readonly string[] = ['x86_64', 'arm64'];

export function buildLayer(ctx: TemplateContext, resolver: Resolver, entry: ResourceEntry, templateDir: string): LayerConfig {
  const r = new PropReader(ctx, resolver, entry, 'layer');
  const isSam = entry.type === 'AWS::Serverless::LayerVersion';
  const property = isSam ? 'ContentUri' : 'Content';
  const site = { owner: r.owner, property, pos: r.pos(property), templateDir };
  const value = r.value(property);
  const asset = cdkAssetPath(entry.metadata, property);
  const content = asset !== undefined ? localPath(ctx, asset, { ...site, property: 'Metadata.aws:asset:path' }) : isSam ? localPath(ctx, value, site) : cfnCode(ctx, value, site, false);
  const architectures = r.strList('CompatibleArchitectures') ?? [];
  const bad = architectures.find((a) => !ARCHITECTURES.includes(a));
  if (bad !== undefined) {
    throw ctx.error('INVALID_PARAMETER', `CompatibleArchitectures of ${r.owner} lists "${bad}"`, 'Use x86_64 and/or arm64', r.pos('CompatibleArchitectures'));
  }
  const metadata = entry.metadata === undefined ? undefined : resolver.resolve(entry.metadata, { ...r.scope, lenient: true });
  const layer: LayerConfig = {
    logicalId: entry.logicalId,
    layerName: r.str('LayerName') ?? entry.logicalId,
    templatePath: ctx.file,
    templateLine: entry.line,
    resourceType: isSam ? 'AWS::Serverless::LayerVersion' : 'AWS::Lambda::LayerVersion',
    content,
    compatibleRuntimes: r.strList('CompatibleRuntimes') ?? [],
    compatibleArchitectures: architectures as Architecture[],
    metadata: isRecord(metadata) ? metadata : undefined,
    description: r.str('Description'),
  };
  if (layer.metadata === undefined) delete layer.metadata;
  if (layer.description === undefined) delete layer.description;
  return layer;
}
