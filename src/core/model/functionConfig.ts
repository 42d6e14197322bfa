// core/model: the resolved description of a function, as the template loader produces it and the
// engine consumes it. Plain data, no behaviour; validation against Lambda's limits lives in limits.ts.
import type { HttpModel } from '../http/routeTypes';
import type { TemplateVersioning } from './versions';
import type { TemplateScalingTarget } from './autoScaling';
import type { WorkbenchError } from '../common/errors';
import type { LocalResourceDecl } from '../events/resourceTypes';
import type { TemplateMappingDecl } from '../events/mappings/mappingRegistry';

export type Architecture = 'x86_64' | 'arm64';
export type LogFormat = 'Text' | 'JSON';
export type ApplicationLogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
export type SystemLogLevel = 'DEBUG' | 'INFO' | 'WARN';

export interface LoggingConfig {
  logFormat: LogFormat;
  applicationLogLevel?: ApplicationLogLevel;
  systemLogLevel?: SystemLogLevel;
  /** Log group name; defaults to /aws/lambda/<functionName> (lambda-semantics.md §4.1). */
  logGroup: string;
}

/** Where the function's code comes from. */
export type CodeSource =
  /** A folder on disk (SAM CodeUri folder, or CFN Code as a local path). */
  | { kind: 'directory'; path: string }
  /** Inline source (SAM InlineCode, CFN Code.ZipFile); the engine writes it as index.js / index.py. */
  | { kind: 'inline'; source: string }
  /** A local ZIP file (CodeUri or Code pointing at a .zip). */
  | { kind: 'zip'; path: string };

/** A reference to a layer, as listed in the function's Layers property, in order. */
export type LayerRef =
  | { kind: 'logical'; logicalId: string }
  | { kind: 'arn'; arn: string };

export interface FunctionEvent {
  /** Event logical name (the key under Events). */
  name: string;
  /** SAM event type, e.g. Api, HttpApi, SQS, Schedule. */
  type: string;
  /** Resolved properties, kept for later issues. */
  properties: Record<string, unknown>;
}

export interface FunctionConfig {
  /** Logical id in the template. */
  logicalId: string;
  /** The Lambda function name: FunctionName property, else `<stackName>-<logicalId>` style as SAM local uses the logical id. */
  functionName: string;
  /** Template file this function came from (absolute path) and 1-based line of its resource, when known. */
  templatePath: string;
  templateLine?: number;
  resourceType: 'AWS::Serverless::Function' | 'AWS::Lambda::Function';
  description?: string;
  /** Handler string; undefined only for provided.* runtimes that ignore it. */
  handler?: string;
  runtime: string;
  code: CodeSource;
  /** Memory in MB (default 128). */
  memorySize: number;
  /** Timeout in seconds (default 3). */
  timeout: number;
  /** Ephemeral storage (/tmp) size in MB (default 512). */
  ephemeralStorage: number;
  architectures: Architecture[];
  /** Environment variables from the template (Environment.Variables), merged with the env-vars file. */
  environment: Record<string, string>;
  logging: LoggingConfig;
  layers: LayerRef[];
  events: FunctionEvent[];
  reservedConcurrency?: number;
  provisionedConcurrency?: number;
  autoPublishAlias?: string;
  /** The execution role ARN (Role), when the template gives one; what `sync` creates the function with. */
  role?: string;
  /**
   * SAM EventInvokeConfig (on the AutoPublishAlias when there is one, else `$LATEST`, as SAM generates it) and
   * AWS::Lambda::EventInvokeConfig resources (on their Qualifier), resolved, by qualifier.
   */
  eventInvokeConfigs?: Record<string, Record<string, unknown>>;
  deadLetterConfig?: Record<string, unknown>;
  /** SAM Metadata on the resource (BuildMethod, BuildProperties), kept for the packaging issue. */
  metadata?: Record<string, unknown>;
  /** Tracing (Active | PassThrough). */
  tracing?: string;
  /** 1-based template lines of the properties errors point at (Handler, CodeUri, Runtime), when known. */
  propertyLines?: Partial<Record<'Handler' | 'CodeUri' | 'Runtime', number>>;
}

export interface LayerConfig {
  logicalId: string;
  layerName: string;
  templatePath: string;
  templateLine?: number;
  resourceType: 'AWS::Serverless::LayerVersion' | 'AWS::Lambda::LayerVersion';
  content: CodeSource;
  compatibleRuntimes: string[];
  compatibleArchitectures: Architecture[];
  metadata?: Record<string, unknown>;
  description?: string;
}

/**
 * A function or layer of the template that cannot be resolved (unknown runtime, missing CodeUri, …): kept with
 * its coded error (file:line of the offending property) so that listing shows it and only using it fails.
 */
export interface BrokenResource {
  kind: 'function' | 'layer';
  logicalId: string;
  resourceType: string;
  templatePath: string;
  templateLine?: number;
  /** The Runtime as written, when it is a plain string (for listings). */
  runtime?: string;
  error: WorkbenchError;
}

/** The loaded template: functions and layers, plus warnings gathered while loading. */
export interface TemplateModel {
  templatePath: string;
  stackName: string;
  region: string;
  accountId: string;
  functions: FunctionConfig[];
  layers: LayerConfig[];
  /** AutoPublishAlias, AWS::Lambda::Version and AWS::Lambda::Alias: applied when versions are first needed. */
  versioning?: TemplateVersioning;
  /** Application Auto Scaling targets on provisioned concurrency (ScalableTarget + TargetTrackingScaling). */
  autoScaling?: TemplateScalingTarget[];
  /** Queues and topics the engine emulates (AWS::SQS::Queue, AWS::SNS::Topic, …), for async destinations and DLQs. */
  localResources?: LocalResourceDecl[];
  /** API Gateway REST/HTTP APIs and function URLs with their routes (src/core/http). */
  http?: HttpModel;
  /** Event source mappings (SAM Events SQS/Kinesis/DynamoDB, AWS::Lambda::EventSourceMapping), validated when loaded by events/mappings. */
  eventSourceMappings?: TemplateMappingDecl[];
  /** Functions and layers that could not be loaded, in template order; the others load without them. */
  broken: BrokenResource[];
  warnings: string[];
}
