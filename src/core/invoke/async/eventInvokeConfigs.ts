// core/invoke/async: EventInvokeConfig per function, version or alias (lambda-semantics.md §9): the
// template's (SAM EventInvokeConfig, AWS::Lambda::EventInvokeConfig) and the API's (Put replaces, Update
// patches), the latter kept in one atomically replaced file under the state directory.
import { join } from 'node:path';
import { WorkbenchError } from '../../common/errors';
import { readJson, writeJsonAtomic } from '../../store/atomicJson';
import { DEFAULT_MAX_EVENT_AGE_SECONDS, DEFAULT_MAX_RETRY_ATTEMPTS, type EffectiveInvokeConfig } from './asyncTypes';

/** The API's FunctionEventInvokeConfig members (without FunctionArn and LastModified). */
export interface InvokeConfigInput {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
  DestinationConfig?: { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } };
}

export interface StoredInvokeConfig extends InvokeConfigInput {
  /** Epoch seconds (the API's LastModified timestamp). */
  LastModified: number;
}

const DESTINATION = /^arn:aws[\w-]*:(sqs|sns|lambda|events|s3):[\w-]*:\d{0,12}:.+$|^arn:aws[\w-]*:s3:::.+$/;

/** Checks Put/Update input against the model's limits (§9); throws INVALID_PARAMETER naming the member. */
export function validateInvokeConfig(input: Record<string, unknown>): InvokeConfigInput {
  const out: InvokeConfigInput = {};
  const { MaximumRetryAttempts: r, MaximumEventAgeInSeconds: age, DestinationConfig: dc } = input;
  if (r !== undefined) {
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r > 2) throw new WorkbenchError('INVALID_PARAMETER', `MaximumRetryAttempts must be 0, 1 or 2, got ${JSON.stringify(r)}.`);
    out.MaximumRetryAttempts = r;
  }
  if (age !== undefined) {
    if (typeof age !== 'number' || !Number.isInteger(age) || age < 60 || age > 21_600) throw new WorkbenchError('INVALID_PARAMETER', `MaximumEventAgeInSeconds must be a whole number from 60 to 21600, got ${JSON.stringify(age)}.`);
    out.MaximumEventAgeInSeconds = age;
  }
  if (dc !== undefined) {
    if (!dc || typeof dc !== 'object') throw new WorkbenchError('INVALID_PARAMETER', 'DestinationConfig must be an object with OnSuccess and/or OnFailure.');
    const config: NonNullable<InvokeConfigInput['DestinationConfig']> = {};
    for (const key of ['OnSuccess', 'OnFailure'] as const) {
      const d = (dc as Record<string, unknown>)[key];
      if (d === undefined) continue;
      const arn = d && typeof d === 'object' ? (d as { Destination?: unknown }).Destination : undefined;
      if (arn !== undefined && (typeof arn !== 'string' || !DESTINATION.test(arn))) {
        throw new WorkbenchError('INVALID_PARAMETER', `${key}.Destination must be the ARN of a queue, topic, function, event bus or (OnFailure) S3 bucket, got ${JSON.stringify(arn)}.`);
      }
      if (typeof arn === 'string' && key === 'OnSuccess' && arn.includes(':s3:')) throw new WorkbenchError('INVALID_PARAMETER', 'An S3 bucket can only be an OnFailure destination (§10).');
      config[key] = arn === undefined ? {} : { Destination: arn };
    }
    out.DestinationConfig = config;
  }
  return out;
}

/** A template's EventInvokeConfig (SAM's `Type` members are ignored: the ARN says the kind). */
export function templateInvokeConfig(raw: Record<string, unknown> | undefined): InvokeConfigInput | undefined {
  if (!raw) return undefined;
  const dc = raw.DestinationConfig as Record<string, { Destination?: unknown } | undefined> | undefined;
  const dest = (d: { Destination?: unknown } | undefined) => (typeof d?.Destination === 'string' ? { Destination: d.Destination } : undefined);
  const onSuccess = dest(dc?.OnSuccess);
  const onFailure = dest(dc?.OnFailure);
  return {
    MaximumRetryAttempts: typeof raw.MaximumRetryAttempts === 'number' ? raw.MaximumRetryAttempts : undefined,
    MaximumEventAgeInSeconds: typeof raw.MaximumEventAgeInSeconds === 'number' ? raw.MaximumEventAgeInSeconds : undefined,
    DestinationConfig: onSuccess || onFailure ? { ...(onSuccess ? { OnSuccess: onSuccess } : {}), ...(onFailure ? { OnFailure: onFailure } : {}) } : undefined,
  };
}

export function effective(config: InvokeConfigInput | undefined, deadLetterArn?: string): EffectiveInvokeConfig {
  return {
    maximumRetryAttempts: config?.MaximumRetryAttempts ?? DEFAULT_MAX_RETRY_ATTEMPTS,
    maximumEventAgeInSeconds: config?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS,
    onSuccess: config?.DestinationConfig?.OnSuccess?.Destination,
    onFailure: config?.DestinationConfig?.OnFailure?.Destination,
    deadLetterArn,
  };
}

/** The API's configs by `<function>:<qualifier>` ($LATEST for an unqualified call). */
export class InvokeConfigStore {
  private configs: Record<string, StoredInvokeConfig> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string) {}

  private get file(): string {
    return join(this.dir, 'event-invoke-configs.json');
  }

  private async all(): Promise<Record<string, StoredInvokeConfig>> {
    this.configs ??= (await readJson<Record<string, StoredInvokeConfig>>(this.file)) ?? {};
    return this.configs;
  }

  async get(functionName: string, qualifier: string): Promise<StoredInvokeConfig | undefined> {
    return (await this.all())[`${functionName}:${qualifier}`];
  }

  /** Every config of a function, by qualifier. */
  async list(functionName: string): Promise<[string, StoredInvokeConfig][]> {
    return Object.entries(await this.all())
      .filter(([k]) => k.slice(0, k.lastIndexOf(':')) === functionName)
      .map(([k, v]) => [k.slice(k.lastIndexOf(':') + 1), v]);
  }

  async set(functionName: string, qualifier: string, config: StoredInvokeConfig | undefined): Promise<void> {
    const all = await this.all();
    const key = `${functionName}:${qualifier}`;
    if (config) all[key] = config;
    else delete all[key];
    const snapshot = { ...all };
    this.writing = this.writing.catch(() => undefined).then(() => writeJsonAtomic(this.file, snapshot));
    await this.writing;
  }

  /** Forgets a deleted function's configs. */
  async forget(functionName: string): Promise<void> {
    for (const [q] of await this.list(functionName)) await this.set(functionName, q, undefined);
  }
}
