// core/api: the JSON shapes of the Lambda API model built from the engine's records: FunctionConfiguration,
// GetFunction's Code, layer version items. Field names and casing as the model has them.
import type { FunctionConfig } from '../model/functionConfig';
import type { CatalogEntry } from '../registry/functionCatalog';
import type { LayerVersionRecord } from '../registry/layerStore';

export interface CodeFacts {
  codeSha256: string;
  codeSize: number;
  lastModified: string;
  revisionId: string;
  role: string;
}

export function functionConfiguration(fn: FunctionConfig, arn: string, facts: CodeFacts, version = '$LATEST'): Record<string, unknown> {
  const out: Record<string, unknown> = {
    FunctionName: fn.functionName,
    FunctionArn: arn,
    Runtime: fn.runtime,
    Role: facts.role,
    Handler: fn.handler,
    CodeSize: facts.codeSize,
    Description: fn.description ?? '',
    Timeout: fn.timeout,
    MemorySize: fn.memorySize,
    LastModified: facts.lastModified,
    CodeSha256: facts.codeSha256,
    Version: version,
    TracingConfig: { Mode: fn.tracing === 'Active' ? 'Active' : 'PassThrough' },
    RevisionId: facts.revisionId,
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: fn.architectures,
    EphemeralStorage: { Size: fn.ephemeralStorage },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: {
      LogFormat: fn.logging.logFormat,
      LogGroup: fn.logging.logGroup,
      ...(fn.logging.applicationLogLevel ? { ApplicationLogLevel: fn.logging.applicationLogLevel } : {}),
      ...(fn.logging.systemLogLevel ? { SystemLogLevel: fn.logging.systemLogLevel } : {}),
    },
  };
  if (Object.keys(fn.environment).length) out.Environment = { Variables: fn.environment };
  const layers = fn.layers.filter((l) => l.kind === 'arn');
  if (layers.length) out.Layers = layers.map((l) => ({ Arn: l.arn, CodeSize: 0 }));
  return out;
}

/** Facts of an API-created function, from its record. */
export function recordFacts(e: CatalogEntry): CodeFacts | undefined {
  const r = e.record;
  return r && { codeSha256: r.codeSha256, codeSize: r.codeSize, lastModified: r.lastModified, revisionId: r.revisionId, role: r.role };
}

export function layerVersionItem(r: LayerVersionRecord): Record<string, unknown> {
  return {
    LayerVersionArn: r.layerVersionArn,
    Version: r.version,
    Description: r.description ?? '',
    CreatedDate: r.createdDate.replace('Z', '+0000'),
    CompatibleRuntimes: r.compatibleRuntimes,
    CompatibleArchitectures: r.compatibleArchitectures,
  };
}

export function layerVersionFull(r: LayerVersionRecord): Record<string, unknown> {
  const { Version, LayerVersionArn, Description, CreatedDate, CompatibleRuntimes, CompatibleArchitectures } = layerVersionItem(r);
  return {
    Content: { Location: `file://${r.zipPath}`, CodeSha256: r.codeSha256, CodeSize: r.codeSize },
    LayerArn: r.layerArn,
    LayerVersionArn,
    Description,
    CreatedDate,
    Version,
    CompatibleRuntimes,
    CompatibleArchitectures,
  };
}
