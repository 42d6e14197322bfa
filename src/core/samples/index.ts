// core/samples: the table of built-in sample events and the one way to generate one. Used by
// `lambda-workbench generate-event`, `invoke --event sample:<service>/<event>` and VS Code's event picker.
import { WorkbenchError } from '../common/errors';
import { APP_SAMPLES } from './appSamples';
import { DATA_SAMPLES } from './dataSamples';
import { HTTP_SAMPLES } from './httpSamples';
import { MESSAGING_SAMPLES } from './messagingSamples';
import { sampleId, type SampleContext, type SampleEvent } from './sampleTypes';

export type { SampleContext, SampleEvent, SampleFlag } from './sampleTypes';
export { sampleId } from './sampleTypes';

export const SAMPLE_EVENTS: readonly SampleEvent[] = [...HTTP_SAMPLES, ...MESSAGING_SAMPLES, ...DATA_SAMPLES, ...APP_SAMPLES];

/** Ids earlier releases used (saved "last used" choices and `sample:` event names keep working). */
const LEGACY_IDS: Readonly<Record<string, string>> = {
  'apigateway-http-v2': 'apigateway/http-api-proxy',
  'apigateway-rest-v1': 'apigateway/aws-proxy',
  sqs: 'sqs/receive-message',
  sns: 'sns/notification',
  's3-put': 's3/put',
  'eventbridge-schedule': 'cloudwatch/scheduled-event',
  'dynamodb-stream': 'dynamodb/update',
  kinesis: 'kinesis/get-records',
};

/** The services, in table order, with their events. */
export function sampleServices(): Map<string, SampleEvent[]> {
  const out = new Map<string, SampleEvent[]>();
  for (const s of SAMPLE_EVENTS) out.set(s.service, [...(out.get(s.service) ?? []), s]);
  return out;
}

/** `service/event`, `service event` or a legacy id → the sample; a clear error naming the choices otherwise. */
export function findSample(id: string): SampleEvent {
  const norm = LEGACY_IDS[id] ?? id.trim().replace(/\s+/, '/');
  const found = SAMPLE_EVENTS.find((s) => sampleId(s) === norm);
  if (found) return found;
  const [service] = norm.split('/');
  const inService = SAMPLE_EVENTS.filter((s) => s.service === service);
  const choices = inService.length ? inService.map(sampleId) : [...sampleServices().keys()];
  throw new WorkbenchError('UNKNOWN_SAMPLE_EVENT', `Unknown sample event "${id}". ${inService.length ? `${service} has` : 'Services:'} ${choices.join(', ')}.`);
}

export interface GenerateOptions {
  region?: string;
  accountId?: string;
  partition?: string;
  now?: Date;
  /** Flag values by name (`queue-name`, `body`, …); unknown names are refused. */
  flags?: Readonly<Record<string, string>>;
}

/** A fresh sample (new ids, the given time) as an object. */
export function createSample(id: string, opts: GenerateOptions = {}): unknown {
  const sample = findSample(id);
  const flags: Record<string, string> = {};
  for (const [name, f] of Object.entries(sample.flags)) flags[name] = f.default;
  for (const [name, value] of Object.entries(opts.flags ?? {})) {
    if (!(name in sample.flags)) {
      const known = Object.keys(sample.flags);
      throw new WorkbenchError('INVALID_SAMPLE_FLAG', `${sampleId(sample)} has no --${name}. ${known.length ? `Its flags: ${known.map((k) => `--${k}`).join(', ')}` : 'It takes no flags'} (and --region, --account-id, --partition).`);
    }
    flags[name] = value;
  }
  const ctx: SampleContext = { region: opts.region ?? 'us-east-1', accountId: opts.accountId ?? '123456789012', partition: opts.partition ?? 'aws', now: opts.now ?? new Date(), flags };
  try {
    return sample.create(ctx);
  } catch (e) {
    // JSON-valued flags (--detail, --input, --properties, …) that do not parse.
    throw new WorkbenchError('INVALID_SAMPLE_FLAG', `${sampleId(sample)}: a flag's value is not valid: ${(e as Error).message}`, { cause: e });
  }
}

/** A fresh sample as pretty-printed JSON text. */
export function generateSampleEvent(id: string, opts: GenerateOptions = {}): string {
  return JSON.stringify(createSample(id, opts), null, 2) + '\n';
}
