// core/model: versions and aliases in the Lambda API's own shapes (lambda-semantics.md §6), so the HTTP API
// returns them as they are (GetFunctionConfiguration, PublishVersion, ListVersionsByFunction, *Alias).

/** Lambda's FunctionConfiguration, for `$LATEST` or a published version. */
export interface FunctionConfiguration {
  FunctionName: string;
  /** Qualified with the version for a published version (`…:function:fn:3`); unqualified for `$LATEST`. */
  FunctionArn: string;
  Runtime: string;
  Role: string;
  Handler?: string;
  /** Bytes of the deployment package ZIP. */
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  /** `2026-12-02T01:40:00.000+0000`, as Lambda formats it. */
  LastModified: string;
  /** Base64 SHA-256 of the package ZIP (§6). */
  CodeSha256: string;
  /** `$LATEST` or `1`, `2`, … */
  Version: string;
  Environment?: { Variables: Record<string, string> };
  TracingConfig: { Mode: 'Active' | 'PassThrough' };
  RevisionId: string;
  Layers?: { Arn: string; CodeSize: number }[];
  DeadLetterConfig?: { TargetArn: string };
  State: 'Active';
  LastUpdateStatus: 'Successful';
  PackageType: 'Zip';
  Architectures: string[];
  EphemeralStorage: { Size: number };
  LoggingConfig: { LogFormat: 'Text' | 'JSON'; ApplicationLogLevel?: string; SystemLogLevel?: string; LogGroup: string };
  SnapStart: { ApplyOn: 'None'; OptimizationStatus: 'Off' };
}

/** Lambda's AliasConfiguration. */
export interface AliasConfiguration {
  AliasArn: string;
  Name: string;
  FunctionVersion: string;
  Description: string;
  /** Present when some traffic goes to a second version: `{"2": 0.1}`. */
  RoutingConfig?: { AdditionalVersionWeights: Record<string, number> };
  RevisionId: string;
}

export interface PublishVersionInput {
  /** Precondition: publish only if `$LATEST`'s CodeSha256 is this (else PRECONDITION_FAILED). */
  codeSha256?: string;
  /** Precondition: publish only if `$LATEST`'s RevisionId is this (else PRECONDITION_FAILED). */
  revisionId?: string;
  description?: string;
}

export interface CreateAliasInput {
  name: string;
  /** A published version number or `$LATEST` (without routing). */
  functionVersion: string;
  description?: string;
  /** Additional version → weight 0.0–1.0, for at most one version: `{"2": 0.1}`. */
  routing?: Record<string, number>;
}

export interface UpdateAliasInput {
  functionVersion?: string;
  description?: string;
  /** `{}` removes the routing; undefined leaves it as it is. */
  routing?: Record<string, number>;
  /** Precondition: update only if the alias's RevisionId is this (else PRECONDITION_FAILED). */
  revisionId?: string;
}

/** Where an invocation goes once its qualifier is resolved (alias routing applied). */
export interface ResolvedQualifier {
  /** `$LATEST` or the version number that runs (X-Amz-Executed-Version, AWS_LAMBDA_FUNCTION_VERSION). */
  executedVersion: string;
  /** The qualifier as the caller gave it (the alias name for an alias): the ARN context.invokedFunctionArn shows. */
  invokedQualifier?: string;
}

/** How a template asks for versions and aliases, applied to the engine as a deployment would (SAM / CFN). */
export interface TemplateVersioning {
  /** SAM AutoPublishAlias on a function. */
  autoPublish: {
    functionLogicalId: string;
    alias: string;
    /** AutoPublishAliasAllProperties: publish on any property change, not only code, Environment, MemorySize. */
    allProperties: boolean;
    /** DeploymentPreference.Type (Canary…, Linear…, AllAtOnce), when set and enabled. */
    deploymentType?: string;
    description?: string;
  }[];
  /** AWS::Lambda::Version resources. */
  versions: { logicalId: string; functionLogicalId: string; description?: string }[];
  /** AWS::Lambda::Alias resources; a version is a literal (`3`, `$LATEST`) or an AWS::Lambda::Version's logical id. */
  aliases: {
    logicalId: string;
    functionLogicalId: string;
    name: string;
    functionVersion: VersionRef;
    routing: { version: VersionRef; weight: number }[];
    description?: string;
  }[];
}

export type VersionRef = { literal: string } | { versionResource: string };
