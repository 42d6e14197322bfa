// Build step: a JSON Schema for SAM / CloudFormation templates, generated from @aws-cdk/cfnspec (every
// CloudFormation resource type and AWS::Serverless::*): the resource Type enum, and per type its Properties
// with names, primitive types and the required ones. Any value may instead be an intrinsic function ({Ref},
// {"Fn::…"}, {Condition}), and scalars accept sequences (what the YAML extension sees for !Join, !If, !Select).
// CloudFormation types are closed (an unknown property is an error); nested CloudFormation property types are
// only "an object" (keeps the file small). SAM's spec in cfnspec lags SAM, so a SAM type also takes the
// properties of the resource it becomes (AWS::Lambda::Function…) and the newer names below, and its nested types
// stay open. Custom::*, AWS::CDK::Metadata and other publishers' registry types are allowed, any properties.
// Used by contributes.jsonValidation / yamlValidation; checked by test/unit/template/samSchema.test.ts.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

/** SAM resource → the CloudFormation resource whose properties it passes through. */
const SAM_BASES = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::LayerVersion': 'AWS::Lambda::LayerVersion',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
};
/** SAM properties newer than cfnspec's SAM spec (SAM's own documentation), any value. */
const SAM_NEWER = {
  'AWS::Serverless::Function': ['FunctionUrlConfig', 'AutoPublishAliasAllProperties', 'PropagateTags', 'RolePath', 'SourceKMSKeyArn', 'RuntimeManagementConfig', 'SnapStart', 'LoggingConfig', 'RecursiveLoop', 'EphemeralStorage', 'CapacityProviderConfig', 'FunctionScalingConfig', 'VersionDeletionPolicy', 'DurableConfig', 'TenancyConfig'],
  'AWS::Serverless::Api': ['AlwaysDeploy', 'ApiKeySourceType', 'FailOnWarnings', 'MergeDefinitions', 'Mode', 'PropagateTags', 'Policy', 'SecurityPolicy'],
  'AWS::Serverless::HttpApi': ['PropagateTags', 'Name'],
  'AWS::Serverless::StateMachine': ['AutoPublishAlias', 'DeploymentPreference', 'PropagateTags', 'RolePath', 'UseAliasAsEventTarget'],
  'AWS::Serverless::LayerVersion': ['PublishLambdaVersion'],
  'AWS::Serverless::Application': ['Tags', 'TimeoutInMinutes', 'NotificationARNs'],
  'AWS::Serverless::SimpleTable': ['PointInTimeRecoverySpecification'],
};
/** Properties that may name a local file or folder, as `sam deploy` / `aws cloudformation package` upload them. */
const PACKAGEABLE = {
  'AWS::Lambda::Function': ['Code'],
  'AWS::Lambda::LayerVersion': ['Content'],
  'AWS::ApiGateway::RestApi': ['BodyS3Location'],
  'AWS::ApiGatewayV2::Api': ['BodyS3Location'],
  'AWS::StepFunctions::StateMachine': ['DefinitionS3Location'],
  'AWS::AppSync::GraphQLSchema': ['DefinitionS3Location'],
  'AWS::ElasticBeanstalk::ApplicationVersion': ['SourceBundle'],
  'AWS::Glue::Job': ['Command'],
};
/** Required by CloudFormation but not to run locally (a template may leave them out until it is deployed). */
const LOCALLY_OPTIONAL = { 'AWS::Lambda::Function': ['Role'] };
const RESOURCE_KEYS = ['Type', 'Properties', 'DependsOn', 'Condition', 'Metadata', 'DeletionPolicy', 'UpdateReplacePolicy', 'UpdatePolicy', 'CreationPolicy', 'Version', 'Connectors', 'IgnoreGlobals'];
const TOP_KEYS = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Globals', 'Resources', 'Outputs'];

// Definitions have one-letter names: a reference is repeated for each of the ~7,000 properties.
const fn = { $ref: '#/$defs/f' };
const PRIMITIVE = { String: 's', Long: 'n', Integer: 'n', Double: 'n', Boolean: 'b', Timestamp: 's', Json: 'j' };
const ref = (name) => ({ $ref: `#/$defs/${name}` });
/** Lists and maps of scalars or of objects: `l` + item def, `m` + item def (e.g. ls: a list of strings). */
const listOf = (item) => (item?.$ref && !item.$ref.includes('/p/') ? ref(`l${item.$ref.slice(8)}`) : { anyOf: [{ type: 'array', items: item ?? {} }, fn] });
const mapOf = (item) => (item?.$ref && !item.$ref.includes('/p/') ? ref(`m${item.$ref.slice(8)}`) : { type: 'object', additionalProperties: item ?? {} });

/** The schema of one property of type `owner` (a resource or property type name, for nested type names). */
function propertySchema(p, owner, sam) {
  const prefix = owner.split('.')[0];
  const typeRef = (t) => (t === 'Tag' ? ref('o') : sam && prefix.startsWith('AWS::Serverless::') ? ref(`p/${prefix}.${t}`) : ref('o'));
  const alternatives = [];
  for (const t of p.PrimitiveTypes ?? []) alternatives.push(ref(PRIMITIVE[t]));
  for (const t of p.Types ?? []) alternatives.push(typeRef(t));
  if (p.PrimitiveType) alternatives.push(ref(PRIMITIVE[p.PrimitiveType]));
  const item = p.PrimitiveItemType ? ref(PRIMITIVE[p.PrimitiveItemType]) : p.ItemType ? typeRef(p.ItemType) : p.InclusiveItemTypes || p.InclusivePrimitiveItemTypes ? {} : undefined;
  if (p.Type === 'List') alternatives.push(listOf(item));
  else if (p.Type === 'Map') alternatives.push(mapOf(item));
  else if (p.Type) alternatives.push(typeRef(p.Type));
  if (!alternatives.length) return {};
  const unique = [...new Map(alternatives.map((a) => [JSON.stringify(a), a])).values()];
  return unique.length === 1 ? unique[0] : { anyOf: unique };
}

/** An object schema for a resource's (or property type's) Properties. */
function propertiesSchema(name, spec, { open, sam, extra = {} }) {
  const properties = {};
  const required = [];
  for (const [k, p] of Object.entries(spec.Properties ?? {})) {
    const local = PACKAGEABLE[name]?.includes(k);
    properties[k] = local ? { anyOf: [{ type: 'string' }, propertySchema(p, name, sam)] } : propertySchema(p, name, sam);
    // SAM's nested types are open, and their Required flags in cfnspec are not SAM's (DestinationConfig needs one side only).
    if (p.Required && !open && !LOCALLY_OPTIONAL[name]?.includes(k)) required.push(k);
  }
  for (const [k, s] of Object.entries(extra)) properties[k] ??= s;
  const out = { type: 'object', properties };
  if (required.length) out.required = required;
  if (!open) out.additionalProperties = false;
  return out;
}

export function samTemplateSchema() {
  const { specification } = require('@aws-cdk/cfnspec');
  const spec = specification();
  // f: an intrinsic function or condition in place of a value: {Ref}, {"Fn::GetAtt"}, {Condition}… (one key).
  // s/n/b: string, number, boolean scalars (CloudFormation converts between them, so each takes the others'
  // text form), or f; j: JSON; o: an object (a nested CloudFormation property type, not expanded).
  const scalar = (types) => ({ anyOf: [{ type: types }, fn] });
  const defs = {
    f: { type: 'object', minProperties: 1, maxProperties: 1, patternProperties: { '^(Ref|Condition|Fn::[A-Za-z0-9]+)$': {} }, additionalProperties: false },
    s: scalar(['string', 'number', 'boolean', 'array']),
    n: scalar(['number', 'string', 'array']),
    b: scalar(['boolean', 'string', 'array']),
    j: { type: ['object', 'string', 'array'] },
    o: { type: 'object' },
    p: {},
  };
  for (const k of ['s', 'n', 'b', 'j', 'o']) {
    defs[`l${k}`] = { anyOf: [{ type: 'array', items: ref(k) }, fn] };
    defs[`m${k}`] = { type: 'object', additionalProperties: ref(k) };
  }
  const types = Object.keys(spec.ResourceTypes).sort();
  const byType = {};
  for (const name of types) {
    const sam = name.startsWith('AWS::Serverless::');
    const base = sam && SAM_BASES[name] ? spec.ResourceTypes[SAM_BASES[name]] : undefined;
    const extra = {};
    for (const [k, p] of Object.entries(base?.Properties ?? {})) extra[k] = propertySchema(p, SAM_BASES[name], false);
    for (const k of SAM_NEWER[name] ?? []) extra[k] ??= {};
    byType[name] = propertiesSchema(name, spec.ResourceTypes[name], { open: false, sam, extra });
  }
  for (const [name, p] of Object.entries(spec.PropertyTypes)) {
    if (name.startsWith('AWS::Serverless::')) defs.p[name] = propertiesSchema(name, p, { open: true, sam: true });
  }
  const dispatch = types.map((t) => ({ if: { properties: { Type: { const: t } } }, then: { properties: { Properties: byType[t] } } }));
  defs.resource = {
    type: 'object',
    required: ['Type'],
    properties: Object.fromEntries(RESOURCE_KEYS.map((k) => [k, k === 'Type' ? { anyOf: [{ enum: types }, { type: 'string', pattern: '^(Custom::[A-Za-z0-9_@-]+|AWS::CDK::Metadata|(?!AWS::)[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(::MODULE)?)$' }] } : {}])),
    additionalProperties: false,
    allOf: dispatch,
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'AWS SAM / CloudFormation template (Lambda Workbench)',
    description: `Generated from @aws-cdk/cfnspec ${spec.ResourceSpecificationVersion}: resource types and their properties; intrinsic functions are allowed for any value.`,
    type: 'object',
    properties: {
      ...Object.fromEntries(TOP_KEYS.map((k) => [k, { type: k === 'AWSTemplateFormatVersion' || k === 'Description' ? 'string' : k === 'Transform' ? ['string', 'array', 'object'] : 'object' }])),
      Resources: {
        type: 'object',
        // SAM's AWS::LanguageExtensions loop (Fn::ForEach::Name) stands where resources do.
        patternProperties: { '^[A-Za-z0-9]+$': ref('resource'), '^Fn::ForEach::[A-Za-z0-9]+$': { type: 'array' } },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
    $defs: defs,
  };
}

/** Writes the schema (compact JSON); returns its size in bytes. */
export function writeSamTemplateSchema(file) {
  const text = JSON.stringify(samTemplateSchema());
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? 'dist/schemas/sam-template.schema.json';
  console.log(`${file}: ${writeSamTemplateSchema(file)} bytes`);
}
