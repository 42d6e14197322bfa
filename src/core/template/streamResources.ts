// core/template: the stream side of the local resources — AWS::Kinesis::Stream (ShardCount, RetentionPeriodHours;
// on-demand streams get 4 shards, what Kinesis starts them with) and AWS::DynamoDB::Table (KeySchema and
// StreamSpecification.StreamViewType, §11.4) / AWS::Serverless::SimpleTable (PrimaryKey, no stream). Stream ARNs
// are what Fn::GetAtt Table.StreamArn gives, so a mapping's EventSourceArn finds its table.
import type { LocalResourceDecl, StreamDecl, StreamViewType, TableDecl } from '../events/resourceTypes';
import { isRecord, type ResourceEntry, type TemplateContext } from './context';
import { attrValue } from './physical';

const VIEW_TYPES: readonly StreamViewType[] = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];

export interface StreamReader {
  ctx: TemplateContext;
  props(e: ResourceEntry): Record<string, unknown>;
  name(e: ResourceEntry): string;
}

export function readStreamResources(r: StreamReader, e: ResourceEntry): LocalResourceDecl | undefined {
  if (e.type === 'AWS::Kinesis::Stream') {
    const p = r.props(e);
    const name = r.name(e);
    const onDemand = isRecord(p.StreamModeDetails) && p.StreamModeDetails.StreamMode === 'ON_DEMAND';
    const shards = Number(p.ShardCount ?? (onDemand ? 4 : 1));
    if (!Number.isInteger(shards) || shards < 1 || shards > 500) throw new Error(`ShardCount must be an integer from 1 to 500 locally (got ${String(p.ShardCount)})`);
    const s: StreamDecl = { kind: 'stream', logicalId: e.logicalId, name, arn: attrValue(r.ctx.pseudo, e.type, name, 'Arn'), shardCount: shards, retentionHours: Number(p.RetentionPeriodHours ?? 24) || 24 };
    return s;
  }
  if (e.type === 'AWS::DynamoDB::Table' || e.type === 'AWS::Serverless::SimpleTable') {
    const p = r.props(e);
    const name = r.name(e);
    const arn = attrValue(r.ctx.pseudo, e.type, name, 'Arn');
    let keys: TableDecl['keys'];
    if (e.type === 'AWS::Serverless::SimpleTable') keys = [{ name: isRecord(p.PrimaryKey) && typeof p.PrimaryKey.Name === 'string' ? p.PrimaryKey.Name : 'id', type: 'HASH' }];
    else {
      const ks = Array.isArray(p.KeySchema) ? p.KeySchema.filter(isRecord) : [];
      keys = ks.filter((k) => typeof k.AttributeName === 'string').map((k) => ({ name: k.AttributeName as string, type: k.KeyType === 'RANGE' ? ('RANGE' as const) : ('HASH' as const) }));
      keys.sort((a, b) => (a.type === b.type ? 0 : a.type === 'HASH' ? -1 : 1));
      if (!keys.length) throw new Error('it has no KeySchema');
    }
    const t: TableDecl = { kind: 'table', logicalId: e.logicalId, name, arn, keys };
    const spec = isRecord(p.StreamSpecification) ? p.StreamSpecification : undefined;
    if (spec) {
      const vt = spec.StreamViewType as StreamViewType;
      if (!VIEW_TYPES.includes(vt)) throw new Error(`StreamSpecification.StreamViewType must be one of ${VIEW_TYPES.join(', ')} (got ${String(spec.StreamViewType)})`);
      t.streamViewType = vt;
      t.streamArn = attrValue(r.ctx.pseudo, e.type, name, 'StreamArn');
    }
    return t;
  }
  return undefined;
}
