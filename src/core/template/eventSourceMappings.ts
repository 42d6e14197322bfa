// core/template: the event source mappings the template declares — SAM functions' `Events` of type SQS (Queue),
// Kinesis and DynamoDB (Stream), with the logical id SAM gives the generated mapping (<Function><Event>), and
// AWS::Lambda::EventSourceMapping resources whose FunctionName is a function of this template. Each becomes the
// CreateEventSourceMapping members it amounts to; the mapping layer validates them (events/mappings).
import type { TemplateMappingDecl } from '../events/mappings/mappingRegistry';
import { MAPPING_MEMBERS } from '../events/mappings/mappingValidation';
import type { FunctionConfig } from '../model/functionConfig';
import { isRecord, type ResourceEntry, type TemplateContext } from './context';
import type { Resolver } from './intrinsics';

const SOURCE_KEY: Record<string, string> = { SQS: 'Queue', Kinesis: 'Stream', DynamoDB: 'Stream' };
/** SAM event properties that are not mapping members. */
const SAM_ONLY = new Set(['Queue', 'Stream']);

/** FilterCriteria with each Pattern as the JSON string the API takes (SAM templates may write it as YAML). */
function filterCriteria(v: unknown): unknown {
  if (!isRecord(v) || !Array.isArray(v.Filters)) return v;
  return { Filters: v.Filters.map((f) => (isRecord(f) && f.Pattern !== undefined && typeof f.Pattern !== 'string' ? { Pattern: JSON.stringify(f.Pattern) } : f)) };
}

/** The mapping members of a SAM event or a mapping resource; the others (KMS keys, metrics, Kafka…) do not apply locally. */
function members(p: Record<string, unknown>, skip: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (!skip.has(k) && MAPPING_MEMBERS.has(k) && k !== 'Tags' && v !== undefined) out[k] = k === 'FilterCriteria' ? filterCriteria(v) : v;
  return out;
}

export function readEventSourceMappings(ctx: TemplateContext, resolver: Resolver, included: readonly ResourceEntry[], functions: readonly FunctionConfig[]): TemplateMappingDecl[] {
  const out: TemplateMappingDecl[] = [];
  for (const fn of functions) {
    for (const ev of fn.events) {
      const key = SOURCE_KEY[ev.type];
      if (!key) continue;
      const arn = ev.properties[key];
      if (typeof arn !== 'string') {
        ctx.warn(`Event "${ev.name}" of function "${fn.logicalId}" (${ev.type}) has no ${key} ARN; it is not polled locally.`);
        continue;
      }
      out.push({ logicalId: `${fn.logicalId}${ev.name}`, input: { ...members(ev.properties, SAM_ONLY), EventSourceArn: arn, FunctionName: fn.functionName } });
    }
  }
  for (const e of included.filter((x) => x.type === 'AWS::Lambda::EventSourceMapping')) {
    const p = resolver.resolve(e.properties, { where: `resource "${e.logicalId}"`, pos: e.line ? { line: e.line, column: 1 } : undefined, lenient: true });
    if (!isRecord(p)) continue;
    const target = e.properties.FunctionName;
    const byRef = isRecord(target) && typeof target.Ref === 'string' ? functions.find((f) => f.logicalId === target.Ref) : undefined;
    const name = byRef?.functionName ?? (typeof p.FunctionName === 'string' ? p.FunctionName : undefined);
    if (!name || typeof p.EventSourceArn !== 'string') {
      ctx.warn(`Event source mapping "${e.logicalId}" needs FunctionName and EventSourceArn; it is not polled locally.`);
      continue;
    }
    out.push({ logicalId: e.logicalId, input: { ...members(p, new Set(['FunctionName'])), FunctionName: name } });
  }
  return out;
}
