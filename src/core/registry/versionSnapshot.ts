// core/registry: what a version is made of (lambda-semantics.md §6): the function's deployment package
// (its ZIP and CodeSha256) and its version configuration (runtime, handler, memory, timeout, environment,
// layers, ephemeral storage, logging, DLQ, tracing). The fingerprint of both decides whether a publish
// has anything new; the FunctionConfiguration is the API's view of it.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { WorkbenchError } from '../common/errors';
import { functionArn, layerVersionArn } from '../model/arn';
import type { FunctionConfig, LayerConfig } from '../model/functionConfig';
import type { FunctionConfiguration } from '../model/versions';
import { buildFunctionPackage, buildLayerPackage, type PackageCache } from '../packaging';
import type { LayerStore } from './layerStore';

export interface SnapshotDeps {
  cache: PackageCache;
  layerStore: LayerStore;
  templateLayers(): readonly LayerConfig[];
  region: string;
  accountId: string;
  warn(message: string): void;
}

/** A layer of the snapshot: its content hash, and the ARN once it is (or was) published. */
interface SnapshotLayer {
  codeSha256: string;
  codeSize: number;
  arn?: string;
  /** A template layer not yet published with this content. */
  template?: LayerConfig;
}

export interface Snapshot {
  /** The function as the snapshot runs it: handler and environment as the build left them. */
  fn: FunctionConfig;
  zipPath: string;
  codeSha256: string;
  codeSize: number;
  layers: SnapshotLayer[];
  fingerprint: string;
}

/** Builds (or reuses from the cache) the package and resolves the layers of `$LATEST` as it is now. */
export async function takeSnapshot(fn: FunctionConfig, d: SnapshotDeps): Promise<Snapshot> {
  const pkg = await buildFunctionPackage(fn, { cache: d.cache, warn: d.warn });
  const layers = await Promise.all(fn.layers.map((ref) => snapshotLayer(fn, ref, d)));
  const running: FunctionConfig = { ...fn, handler: pkg.handler ?? fn.handler, environment: { ...(pkg.environment ?? {}), ...fn.environment } };
  const fingerprint = sha256Hex(
    JSON.stringify([
      pkg.codeSha256,
      running.runtime,
      running.handler ?? null,
      running.memorySize,
      running.timeout,
      running.ephemeralStorage,
      running.architectures,
      Object.entries(running.environment).sort(),
      running.logging,
      layers.map((l) => l.codeSha256),
      running.deadLetterConfig ?? null,
      running.tracing ?? null,
      running.description ?? null,
    ]),
  );
  return { fn: running, zipPath: pkg.zipPath, codeSha256: pkg.codeSha256, codeSize: pkg.size, layers, fingerprint };
}

async function snapshotLayer(fn: FunctionConfig, ref: FunctionConfig['layers'][number], d: SnapshotDeps): Promise<SnapshotLayer> {
  if (ref.kind === 'arn') {
    const record = await d.layerStore.resolveArn(ref.arn);
    if (!record) throw new WorkbenchError('UNRESOLVED_REFERENCE', `Layer ${ref.arn} of function "${fn.logicalId}" is not published locally. Publish it with "lambda-workbench layers publish <LayerLogicalId>".`);
    return { codeSha256: record.codeSha256, codeSize: record.codeSize, arn: record.layerVersionArn };
  }
  const layer = d.templateLayers().find((l) => l.logicalId === ref.logicalId);
  if (!layer) throw new WorkbenchError('UNRESOLVED_REFERENCE', `Function "${fn.logicalId}" lists layer "${ref.logicalId}", which is not a LayerVersion in the template.`);
  const built = await buildLayerPackage(layer, { cache: d.cache, runtime: fn.runtime, warn: d.warn });
  const same = (await d.layerStore.versions(layer.layerName)).reverse().find((r) => r.codeSha256 === built.codeSha256);
  return { codeSha256: built.codeSha256, codeSize: built.size, arn: same?.layerVersionArn, template: same ? undefined : layer };
}

/**
 * Makes the snapshot's template layers immutable as a deployment does: each becomes a published local
 * layer version (an existing one with the same content is reused), and the function lists its ARN.
 */
export async function publishSnapshotLayers(s: Snapshot, d: SnapshotDeps): Promise<FunctionConfig> {
  for (const l of s.layers) {
    if (l.arn || !l.template) continue;
    const built = await buildLayerPackage(l.template, { cache: d.cache, runtime: s.fn.runtime, warn: d.warn });
    const record = await d.layerStore.publish({
      layerName: l.template.layerName,
      codeSha256: built.codeSha256,
      codeSize: built.size,
      fromZip: built.zipPath,
      compatibleRuntimes: l.template.compatibleRuntimes,
      compatibleArchitectures: l.template.compatibleArchitectures,
      description: l.template.description,
      sourceLogicalId: l.template.logicalId,
    });
    l.arn = record.layerVersionArn;
    l.template = undefined;
  }
  return { ...s.fn, layers: s.layers.map((l) => ({ kind: 'arn', arn: l.arn! })), metadata: undefined, events: [] };
}

/** The API's FunctionConfiguration of a snapshot, as `$LATEST` (version undefined) or as version n. */
export function functionConfiguration(s: Snapshot, d: Pick<SnapshotDeps, 'region' | 'accountId'>, version: number | undefined, lastModified: number): FunctionConfiguration {
  const fn = s.fn;
  const v = version === undefined ? '$LATEST' : String(version);
  const env = fn.environment;
  return {
    FunctionName: fn.functionName,
    FunctionArn: functionArn(d.region, d.accountId, fn.functionName, version === undefined ? undefined : v),
    Runtime: fn.runtime,
    Role: `arn:aws:iam::${d.accountId}:role/lambda-workbench-local`,
    ...(fn.handler !== undefined ? { Handler: fn.handler } : {}),
    CodeSize: s.codeSize,
    Description: fn.description ?? '',
    Timeout: fn.timeout,
    MemorySize: fn.memorySize,
    LastModified: lambdaTimestamp(lastModified),
    CodeSha256: s.codeSha256,
    Version: v,
    ...(Object.keys(env).length ? { Environment: { Variables: { ...env } } } : {}),
    TracingConfig: { Mode: fn.tracing === 'Active' ? 'Active' : 'PassThrough' },
    RevisionId: uuidFrom(`${s.fingerprint}:${v}`),
    ...(s.layers.length ? { Layers: s.layers.map((l) => ({ Arn: l.arn ?? layerArnOf(l, d), CodeSize: l.codeSize })) } : {}),
    ...(typeof fn.deadLetterConfig?.TargetArn === 'string' ? { DeadLetterConfig: { TargetArn: fn.deadLetterConfig.TargetArn } } : {}),
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: [...fn.architectures],
    EphemeralStorage: { Size: fn.ephemeralStorage },
    LoggingConfig: {
      LogFormat: fn.logging.logFormat,
      ...(fn.logging.applicationLogLevel ? { ApplicationLogLevel: fn.logging.applicationLogLevel } : {}),
      ...(fn.logging.systemLogLevel ? { SystemLogLevel: fn.logging.systemLogLevel } : {}),
      LogGroup: fn.logging.logGroup,
    },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
  };
}

/** A template layer not yet published: the unversioned layer ARN (it gets a version when published). */
function layerArnOf(l: SnapshotLayer, d: Pick<SnapshotDeps, 'region' | 'accountId'>): string {
  const arn = layerVersionArn(d.region, d.accountId, l.template?.layerName ?? 'unknown', 0);
  return arn.slice(0, arn.lastIndexOf(':'));
}

/** When `$LATEST` last changed, as far as the files tell: the template's modification time. */
export function latestModified(fn: FunctionConfig): number {
  try {
    return statSync(fn.templatePath).mtimeMs;
  } catch {
    return Date.now();
  }
}

/** `2026-12-02T01:40:00.000+0000`: Lambda's LastModified format. */
export function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** A stable UUID-shaped id from a string (RevisionIds that change exactly when the content does). */
export function uuidFrom(s: string): string {
  const h = sha256Hex(s);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
