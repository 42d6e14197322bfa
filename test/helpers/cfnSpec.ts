// Test helper: a template checked against the CloudFormation resource specification of @aws-cdk/cfnspec (which
// also carries AWS::Serverless::*) — every resource type exists, every property name exists for its type, down
// through nested property types (ItemType / Type) as deep as the spec describes them, required properties are
// present, and a value's shape (object, list, map, scalar) is the spec's. SAM's Globals.Function is checked as
// AWS::Serverless::Function properties. Each place it walks is recorded with what the spec says about it, so
// cfnValidation.ts can hold cfn-lint's findings against the spec.
import { specification } from '@aws-cdk/cfnspec';

/** The parts of a property (or property type) specification this walker reads. */
interface PropSpec {
  Required?: boolean;
  Documentation?: string;
  PrimitiveType?: string;
  Type?: string;
  ItemType?: string;
  PrimitiveItemType?: string;
  PrimitiveTypes?: string[];
  Types?: string[];
  ItemTypes?: string[];
  PrimitiveItemTypes?: string[];
  Properties?: Record<string, PropSpec>;
}

interface Spec {
  ResourceTypes: Record<string, { Properties?: Record<string, PropSpec> }>;
  PropertyTypes: Record<string, PropSpec>;
  ResourceSpecificationVersion: string;
}

/**
 * SAM properties that SAM documents (each row's page) but the SAM part of cfnspec 117 (written for SAM of 2020)
 * lacks or gets wrong. Only these; each is marked where it is used, so a finding resting on one says so.
 */
const SAM_DOCS = 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/';
const FN = 'AWS::Serverless::Function';
export const SAM_SUPPLEMENT: { type: string; property: string; spec: PropSpec; doc: string }[] = [
  { type: `${FN}.SQSEvent`, property: 'FunctionResponseTypes', spec: { Type: 'List', PrimitiveItemType: 'String' }, doc: 'sam-property-function-sqs.html' },
  { type: `${FN}.SQSEvent`, property: 'MaximumBatchingWindowInSeconds', spec: { PrimitiveType: 'Integer' }, doc: 'sam-property-function-sqs.html' },
  { type: `${FN}.DynamoDBEvent`, property: 'FunctionResponseTypes', spec: { Type: 'List', PrimitiveItemType: 'String' }, doc: 'sam-property-function-dynamodb.html' },
  { type: `${FN}.KinesisEvent`, property: 'MaximumRetryAttempts', spec: { PrimitiveType: 'Integer' }, doc: 'sam-property-function-kinesis.html' },
  { type: `${FN}.KinesisEvent`, property: 'BisectBatchOnFunctionError', spec: { PrimitiveType: 'Boolean' }, doc: 'sam-property-function-kinesis.html' },
  { type: `${FN}.EventBridgeRuleEvent`, property: 'RetryPolicy', spec: { PrimitiveType: 'Json' }, doc: 'sam-property-function-eventbridgerule.html' },
  { type: `${FN}.SNSEvent`, property: 'FilterPolicy', spec: { PrimitiveType: 'Json' }, doc: 'sam-property-function-sns.html' },
  // "OnSuccess: Required: No" on SAM's page; cfnspec marks it required.
  { type: `${FN}.EventInvokeDestinationConfig`, property: 'OnSuccess', spec: { Type: 'Destination' }, doc: 'sam-property-function-eventinvokedestinationconfiguration.html' },
  { type: `${FN}.ScheduleV2Event`, property: 'ScheduleExpression', spec: { PrimitiveType: 'String', Required: true }, doc: 'sam-property-function-schedulev2.html' },
  { type: `${FN}.ScheduleV2Event`, property: 'ScheduleExpressionTimezone', spec: { PrimitiveType: 'String' }, doc: 'sam-property-function-schedulev2.html' },
  { type: `${FN}.ScheduleV2Event`, property: 'RetryPolicy', spec: { PrimitiveType: 'Json' }, doc: 'sam-property-function-schedulev2.html' },
  { type: `${FN}.ScheduleV2Event`, property: 'Input', spec: { PrimitiveType: 'String' }, doc: 'sam-property-function-schedulev2.html' },
  { type: `${FN}.ScheduleV2Event`, property: 'State', spec: { PrimitiveType: 'String' }, doc: 'sam-property-function-schedulev2.html' },
  { type: `${FN}.ScheduleV2Event`, property: 'Description', spec: { PrimitiveType: 'String' }, doc: 'sam-property-function-schedulev2.html' },
];

function supplemented(base: Spec): Spec {
  const s = structuredClone(base);
  for (const row of SAM_SUPPLEMENT) {
    const t = (s.PropertyTypes[row.type] ??= { Properties: {} });
    t.Properties![row.property] = { ...row.spec, Documentation: `${SAM_DOCS}${row.doc}` } as PropSpec;
  }
  // ScheduleV2 is an event source type SAM added in 2022.
  s.PropertyTypes[`${FN}.EventSource`].Properties!.Properties.Types!.push('ScheduleV2Event');
  return s;
}

/** The specification of @aws-cdk/cfnspec, with SAM_SUPPLEMENT applied. */
export const spec = supplemented(specification() as unknown as Spec);
/** Where a property comes from SAM_SUPPLEMENT: its SAM documentation page. */
export function supplementDoc(definedAs: string): string | undefined {
  const row = SAM_SUPPLEMENT.find((r) => definedAs === `${r.type}.${r.property}`);
  return row && `${SAM_DOCS}${row.doc}`;
}

/** What the specification says about one place of the template (its path, cfn-lint's "A > B > C" form). */
export interface SpecPlace {
  /** How the spec names it: "AWS::Serverless::Function.HttpApiEvent.ApiId", or the resource type. */
  definedAs: string;
  /** The shape the spec gives it: object (a property type), List, Map, a primitive type, or "union". */
  shape: string;
}

export interface SpecReport {
  /** Where the template departs from the spec (empty when it conforms). */
  problems: string[];
  /** Every place the spec describes, by path. */
  places: Map<string, SpecPlace>;
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** `{ Ref }`, `{ Fn::… }`: the value is computed at deploy time; its shape is not checked. */
const isIntrinsic = (v: Json) => isObject(v) && Object.keys(v).length === 1 && (Object.keys(v)[0] === 'Ref' || Object.keys(v)[0].startsWith('Fn::'));

/** A property type by name, as the spec scopes it (`<ResourceType>.<Name>`, or a global one such as Tag). */
function propertyType(resourceType: string, name: string): PropSpec | undefined {
  return spec.PropertyTypes[`${resourceType}.${name}`] ?? spec.PropertyTypes[name];
}

/**
 * Of a union of property types (SAM's event sources), the one the value's sibling `Type` names: an event of
 * Type HttpApi is an HttpApiEvent. Undefined when the value does not say.
 */
function unionMember(types: string[], typeTag: Json): string | undefined {
  if (typeof typeTag !== 'string') return undefined;
  const lower = typeTag.toLowerCase();
  return types.find((t) => t.toLowerCase() === `${lower}event` || t.toLowerCase() === lower);
}

class Walker {
  readonly problems: string[] = [];
  readonly places = new Map<string, SpecPlace>();

  /** `value` at `path` against the properties `props` of `typeName` (a resource type or a property type). */
  object(value: Json, props: Record<string, PropSpec>, resourceType: string, typeName: string, path: string[]): void {
    if (isIntrinsic(value)) return;
    if (!isObject(value)) {
      this.problems.push(`${path.join(' > ')}: ${typeName} is an object, not ${JSON.stringify(value)}`);
      return;
    }
    for (const [name, p] of Object.entries(props)) {
      if (p.Required && !(name in value)) this.problems.push(`${path.join(' > ')}: ${typeName} requires ${name}`);
    }
    for (const [name, v] of Object.entries(value)) {
      const p = props[name];
      if (!p) {
        this.problems.push(`${[...path, name].join(' > ')}: ${name} is not a property of ${typeName} (${spec.ResourceSpecificationVersion})`);
        continue;
      }
      this.property(v, p, resourceType, `${typeName}.${name}`, [...path, name], value.Type);
    }
  }

  /** A property's value against its spec; `typeTag` is the enclosing object's `Type` (for SAM's unions). */
  property(value: Json, p: PropSpec, resourceType: string, definedAs: string, path: string[], typeTag?: Json): void {
    const key = path.join(' > ');
    if (p.Types) {
      const member = unionMember(p.Types, isObject(typeTag) ? undefined : typeTag);
      const t = member ? propertyType(resourceType, member) : undefined;
      this.places.set(key, { definedAs: member ? `${resourceType}.${member}` : definedAs, shape: t ? 'object' : 'union' });
      if (t?.Properties) this.object(value, t.Properties, resourceType, `${resourceType}.${member}`, path);
      return;
    }
    if (p.PrimitiveTypes || p.ItemTypes || p.PrimitiveItemTypes) {
      this.places.set(key, { definedAs, shape: 'union' });
      return;
    }
    if (p.PrimitiveType) {
      this.places.set(key, { definedAs, shape: p.PrimitiveType });
      if (p.PrimitiveType !== 'Json' && !isIntrinsic(value) && typeof value === 'object' && value !== null) this.problems.push(`${key}: ${definedAs} is a ${p.PrimitiveType}, not ${JSON.stringify(value)}`);
      return;
    }
    if (p.Type === 'List' || p.Type === 'Map') {
      this.places.set(key, { definedAs, shape: p.Type });
      if (isIntrinsic(value)) return;
      const ok = p.Type === 'List' ? Array.isArray(value) : isObject(value);
      if (!ok) {
        this.problems.push(`${key}: ${definedAs} is a ${p.Type}, not ${JSON.stringify(value)}`);
        return;
      }
      const item = p.ItemType ? propertyType(resourceType, p.ItemType) : undefined;
      const entries: [string, Json][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value as Record<string, Json>);
      for (const [k, v] of entries) {
        if (item) this.property(v, item, resourceType, `${resourceType}.${p.ItemType}`, [...path, k]);
        else if (p.PrimitiveItemType) this.property(v, { PrimitiveType: p.PrimitiveItemType }, resourceType, `${definedAs}[]`, [...path, k]);
      }
      return;
    }
    const t = p.Type ? propertyType(resourceType, p.Type) : p.Properties ? p : undefined;
    if (!t) {
      this.problems.push(`${key}: the specification names type ${p.Type ?? '?'} for ${definedAs} but does not define it`);
      return;
    }
    if (!t.Properties) return this.property(value, t, resourceType, definedAs, path, typeTag);
    this.places.set(key, { definedAs: p.Type ? `${resourceType}.${p.Type}` : definedAs, shape: 'object' });
    this.object(value, t.Properties, resourceType, p.Type ? `${resourceType}.${p.Type}` : definedAs, path);
  }
}

/** Checks the parsed template (long-form intrinsics) against the specification. */
export function checkAgainstSpec(template: Json): SpecReport {
  const w = new Walker();
  const t = isObject(template) ? template : {};
  const resources = isObject(t.Resources) ? t.Resources : {};
  for (const [id, r] of Object.entries(resources)) {
    const type = isObject(r) && typeof r.Type === 'string' ? r.Type : undefined;
    const rt = type ? spec.ResourceTypes[type] : undefined;
    if (!type || !rt) {
      w.problems.push(`Resources > ${id}: ${type ? `${type} is not a resource type of the specification` : 'has no Type'}`);
      continue;
    }
    w.places.set(`Resources > ${id}`, { definedAs: type, shape: 'resource' });
    const props = (r as Record<string, Json>).Properties ?? {};
    w.places.set(`Resources > ${id} > Properties`, { definedAs: type, shape: 'object' });
    w.object(props, rt.Properties ?? {}, type, type, ['Resources', id, 'Properties']);
  }
  // SAM's Globals: each section's keys are the properties of its resource type (none required there).
  const globals = isObject(t.Globals) ? t.Globals : {};
  for (const [section, value] of Object.entries(globals)) {
    const type = `AWS::Serverless::${section}`;
    const rt = spec.ResourceTypes[type];
    if (!rt?.Properties) {
      w.problems.push(`Globals > ${section}: ${type} is not a resource type of the specification`);
      continue;
    }
    const optional = Object.fromEntries(Object.entries(rt.Properties).map(([k, p]) => [k, { ...p, Required: false }]));
    w.object(value, optional, type, type, ['Globals', section]);
  }
  return { problems: w.problems, places: w.places };
}
