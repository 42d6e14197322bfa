// core/samples: the samples that match a function's own `Events` (a GET /hello API event gets a GET /hello
// request, an SQS event a message from that queue), so VS Code's picker can offer them first and
// `generate-event --function <id>` can print them.
import type { FunctionEvent } from '../model/functionConfig';
import { findSample } from './index';
import { sampleId } from './sampleTypes';

export interface FunctionSample {
  /** The sample's `service/event` id. */
  id: string;
  /** The flags taken from the event's properties. */
  flags: Record<string, string>;
  /** What the picker shows, e.g. "GET /hello (REST API event HelloApi)". */
  label: string;
}

type Props = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** The resource name at the end of an ARN (`…:my-queue`, `…:table/T/stream/…`, `…:stream/S`), or a plain name. */
function arnName(v: unknown): string | undefined {
  const s = str(v) ?? str((v as { Arn?: unknown } | undefined)?.Arn);
  if (!s) return undefined;
  const table = /:table\/([^/]+)/.exec(s);
  if (table) return table[1];
  const slash = /:(?:stream|deliverystream|log-group)[/:]([^/:]+)/.exec(s);
  return slash ? slash[1] : s.split(':').pop();
}
/** `/items/{id}` → `/items/id` so that the sample path matches the route (path parameters get their names as values). */
const concretePath = (route: string): string => route.replace(/\{([^}+]+)\+?\}/g, '$1');
const methodOf = (p: Props, fallback: string): string => {
  const m = str(p.Method)?.toUpperCase();
  return !m || m === 'ANY' || m === 'X-AMAZON-APIGATEWAY-ANY-METHOD' ? fallback : m;
};
const firstOf = (v: unknown): string | undefined => (Array.isArray(v) ? str(v[0]) : str(v));

type Rule = (e: FunctionEvent) => Omit<FunctionSample, 'label'> & { what: string } | undefined;

/** One row per SAM event type. */
const RULES: Readonly<Record<string, Rule>> = {
  Api: (e) => {
    const route = str(e.properties.Path) ?? '/';
    const method = methodOf(e.properties, 'GET');
    return { id: 'apigateway/aws-proxy', flags: { method, path: concretePath(route), resource: route, body: method === 'GET' || method === 'HEAD' ? '' : '{}' }, what: `${method} ${route} (REST API event ${e.name})` };
  },
  HttpApi: (e) => {
    const route = str(e.properties.Path);
    const method = methodOf(e.properties, 'GET');
    if (!route) return { id: 'apigateway/http-api-proxy', flags: { method, path: '/', route: '' }, what: `$default (HTTP API event ${e.name})` };
    return { id: 'apigateway/http-api-proxy', flags: { method, path: concretePath(route), route }, what: `${method} ${route} (HTTP API event ${e.name})` };
  },
  SQS: (e) => ({ id: (arnName(e.properties.Queue) ?? '').endsWith('.fifo') ? 'sqs/receive-message-fifo' : 'sqs/receive-message', flags: nameFlag('queue-name', arnName(e.properties.Queue)), what: `a message from ${arnName(e.properties.Queue) ?? 'the queue'} (SQS event ${e.name})` }),
  SNS: (e) => ({ id: 'sns/notification', flags: nameFlag('topic', arnName(e.properties.Topic)), what: `a notification from ${arnName(e.properties.Topic) ?? 'the topic'} (SNS event ${e.name})` }),
  S3: (e) => {
    const removed = [e.properties.Events].flat().some((x) => typeof x === 'string' && x.startsWith('s3:ObjectRemoved'));
    return { id: removed ? 's3/delete' : 's3/put', flags: nameFlag('bucket', str(e.properties.Bucket)), what: `${removed ? 'a delete' : 'a put'} on ${str(e.properties.Bucket) ?? 'the bucket'} (S3 event ${e.name})` };
  },
  Schedule: (e) => ({ id: 'cloudwatch/scheduled-event', flags: { rule: str(e.properties.Name) ?? e.name }, what: `${str(e.properties.Schedule) ?? 'a schedule'} (Schedule event ${e.name})` }),
  ScheduleV2: (e) => ({ id: 'cloudwatch/scheduled-event', flags: { rule: str(e.properties.Name) ?? e.name }, what: `${str(e.properties.ScheduleExpression) ?? 'a schedule'} (ScheduleV2 event ${e.name})` }),
  EventBridgeRule: (e) => patternSample(e),
  CloudWatchEvent: (e) => patternSample(e),
  DynamoDB: (e) => ({ id: 'dynamodb/update', flags: nameFlag('table', arnName(e.properties.Stream)), what: `stream records of ${arnName(e.properties.Stream) ?? 'the table'} (DynamoDB event ${e.name})` }),
  Kinesis: (e) => ({ id: 'kinesis/get-records', flags: nameFlag('stream', arnName(e.properties.Stream)), what: `a record from ${arnName(e.properties.Stream) ?? 'the stream'} (Kinesis event ${e.name})` }),
  CloudWatchLogs: (e) => ({ id: 'cloudwatch/logs', flags: nameFlag('log-group', str(e.properties.LogGroupName)), what: `log events of ${str(e.properties.LogGroupName) ?? 'the log group'} (CloudWatchLogs event ${e.name})` }),
  Cognito: (e) => {
    const trigger = firstOf(e.properties.Trigger);
    const id = trigger === 'PostConfirmation' ? 'cognito-idp/post-confirmation' : trigger === 'PreTokenGeneration' ? 'cognito-idp/pre-token-generation' : 'cognito-idp/pre-signup';
    return { id, flags: {}, what: `${trigger ?? 'a trigger'} (Cognito event ${e.name})` };
  },
  MSK: (e) => ({ id: 'kafka/msk', flags: nameFlag('topic', firstOf(e.properties.Topics)), what: `a record from ${firstOf(e.properties.Topics) ?? 'the topic'} (MSK event ${e.name})` }),
  SelfManagedKafka: (e) => ({ id: 'kafka/self-managed', flags: nameFlag('topic', firstOf(e.properties.Topics)), what: `a record from ${firstOf(e.properties.Topics) ?? 'the topic'} (SelfManagedKafka event ${e.name})` }),
  IoTRule: (e) => ({ id: 'iot/rule', flags: {}, what: `the payload of ${str(e.properties.Sql) ?? 'the rule'} (IoTRule event ${e.name})` }),
};

function nameFlag(name: string, value: string | undefined): Record<string, string> {
  return value ? { [name]: value } : {};
}

function patternSample(e: FunctionEvent): ReturnType<Rule> {
  const pattern = (e.properties.Pattern ?? {}) as Props;
  const flags: Record<string, string> = {};
  const source = firstOf(pattern.source);
  const detailType = firstOf(pattern['detail-type']);
  if (source) flags.source = source;
  if (detailType) flags['detail-type'] = detailType;
  if (source === 'aws.events' && detailType === 'Scheduled Event') return { id: 'cloudwatch/scheduled-event', flags: { rule: e.name }, what: `a scheduled event (${e.type} event ${e.name})` };
  return { id: 'eventbridge/event', flags, what: `${detailType ?? 'an event'} from ${source ?? 'a bus'} (${e.type} event ${e.name})` };
}

/** The samples for a function's events, in the template's order (events of types without a sample are skipped). */
export function samplesForEvents(events: readonly FunctionEvent[]): FunctionSample[] {
  const out: FunctionSample[] = [];
  for (const e of events) {
    const r = RULES[e.type]?.(e);
    if (!r) continue;
    const sample = findSample(r.id);
    // Only flags the sample declares (a rule may know more than the sample takes).
    const flags = Object.fromEntries(Object.entries(r.flags).filter(([k]) => k in sample.flags));
    out.push({ id: sampleId(sample), flags, label: r.what });
  }
  return out;
}
