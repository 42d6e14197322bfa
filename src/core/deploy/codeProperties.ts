// core/deploy: points a template's code properties at built artifacts — CodeUri (AWS::Serverless::Function),
// ContentUri (AWS::Serverless::LayerVersion), Code (AWS::Lambda::Function), Content (AWS::Lambda::LayerVersion) —
// as a local ZIP path (`package --output-template`) or an S3 object (`deploy`), the way `sam build` and
// `sam package` write them. Edited through the `yaml` Document API, so comments, key order and short-form
// intrinsics (!Ref, !GetAtt, !Sub) survive; a JSON template is written back as JSON.
import { isMap, isScalar, type Document, type YAMLMap } from 'yaml';
import { WorkbenchError } from '../common/errors';
import { parseTemplateDocument } from '../blueprints/templateEdit';

/** Where a resource's built package now lives. */
export type CodeLocation = { kind: 'file'; path: string } | { kind: 's3'; bucket: string; key: string };

/** One built function or layer and what its build changed besides the code (esbuild, lambda-semantics.md §6). */
export interface CodeArtifact {
  logicalId: string;
  location: CodeLocation;
  /** The handler inside the package, only when the build moved it (esbuild: `src/app.handler` → `app.handler`). */
  handler?: string;
  /** Variables the build adds (esbuild Sourcemap: NODE_OPTIONS=--enable-source-maps), unless the function sets them. */
  environment?: Record<string, string>;
}

/** The code property of each resource type, and how an S3 location is spelled there. */
const CODE_PROPERTY: Record<string, { property: string; s3: 'uri' | 'map' }> = {
  'AWS::Serverless::Function': { property: 'CodeUri', s3: 'uri' },
  'AWS::Serverless::LayerVersion': { property: 'ContentUri', s3: 'uri' },
  'AWS::Lambda::Function': { property: 'Code', s3: 'map' },
  'AWS::Lambda::LayerVersion': { property: 'Content', s3: 'map' },
};

/** Build settings that would make `sam build` build the (already built) artifact again. */
const BUILD_METADATA = ['BuildMethod', 'BuildProperties'];

export interface RewriteResult {
  text: string;
  /** Logical ids whose code property was rewritten, in template order. */
  rewritten: string[];
}

function locationNode(doc: Document, location: CodeLocation, s3: 'uri' | 'map'): unknown {
  if (location.kind === 'file') return location.path;
  if (s3 === 'uri') return `s3://${location.bucket}/${location.key}`;
  return doc.createNode({ S3Bucket: location.bucket, S3Key: location.key });
}

function mapAt(parent: YAMLMap, key: string, doc: Document): YAMLMap {
  const found = parent.get(key, true);
  if (isMap(found)) return found;
  const created = doc.createNode({}) as YAMLMap;
  parent.set(key, created);
  return created;
}

/**
 * SAM's built templates keep a resource's Metadata; we also mark it `SkipBuild: true` (SAM CLI's key for
 * "the code path is already built") and drop BuildMethod/BuildProperties, so `sam build` leaves the ZIP alone.
 */
function markBuilt(resource: YAMLMap, doc: Document): void {
  const metadata = mapAt(resource, 'Metadata', doc);
  for (const key of BUILD_METADATA) metadata.delete(key);
  metadata.set('SkipBuild', true);
}

function applyBuildChanges(props: YAMLMap, artifact: CodeArtifact, doc: Document): void {
  if (artifact.handler !== undefined) props.set('Handler', artifact.handler);
  if (artifact.environment && Object.keys(artifact.environment).length) {
    const variables = mapAt(mapAt(props, 'Environment', doc), 'Variables', doc);
    for (const [k, v] of Object.entries(artifact.environment)) if (!variables.has(k)) variables.set(k, v);
  }
}

/** True when a Serverless function still takes its code from Globals.Function.CodeUri. */
function usesGlobalCodeUri(resource: YAMLMap): boolean {
  const props = resource.get('Properties', true);
  if (!isMap(props)) return true;
  return !['CodeUri', 'InlineCode', 'ImageUri'].some((k) => props.has(k));
}

/**
 * Rewrites the code properties of the resources named in `artifacts`. Globals.Function.CodeUri is replaced by
 * each function's own location and removed once no function relies on it (a Globals path would be a local
 * folder CloudFormation cannot read). Resources of other types, and those not in `artifacts`, are unchanged.
 */
export function rewriteCodeProperties(text: string, file: string, artifacts: readonly CodeArtifact[]): RewriteResult {
  const doc = parseTemplateDocument(text, file);
  const resources = doc.get('Resources', true);
  if (!isMap(resources)) throw new WorkbenchError('TEMPLATE_INVALID', `${file} has no Resources section; nothing to package.`, { file });
  const byId = new Map(artifacts.map((a) => [a.logicalId, a]));
  const rewritten: string[] = [];
  let globalStillUsed = false;
  for (const pair of resources.items) {
    const id = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const resource = pair.value;
    if (id === undefined || !isMap(resource)) continue;
    const type = resource.get('Type');
    const artifact = byId.get(id);
    const kind = typeof type === 'string' ? CODE_PROPERTY[type] : undefined;
    if (!kind || !artifact) {
      if (type === 'AWS::Serverless::Function' && usesGlobalCodeUri(resource)) globalStillUsed = true;
      continue;
    }
    const props = mapAt(resource, 'Properties', doc);
    props.set(kind.property, locationNode(doc, artifact.location, kind.s3));
    applyBuildChanges(props, artifact, doc);
    markBuilt(resource, doc);
    rewritten.push(id);
  }
  const globals = doc.getIn(['Globals', 'Function'], true);
  if (isMap(globals) && !globalStillUsed) globals.delete('CodeUri');
  return { text: isJson(text) ? JSON.stringify(doc.toJS(), null, 2) + '\n' : doc.toString({ lineWidth: 0, flowCollectionPadding: false }), rewritten };
}

function isJson(text: string): boolean {
  return text.trimStart().startsWith('{');
}
