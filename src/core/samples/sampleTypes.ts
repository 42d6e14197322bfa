// core/samples: the shapes of the built-in sample events (`lambda-workbench generate-event`, `--event sample:…`,
// VS Code's "New event from a sample"). One row per event, named `<service> <event>` as `sam local
// generate-event` names them where SAM has the event; the shapes follow the AWS documentation's examples.

/** What a generator gets: where the event "happened", when, and the user's flags (defaults filled in). */
export interface SampleContext {
  region: string;
  accountId: string;
  partition: string;
  now: Date;
  /** Every flag of the sample, by its name without dashes, with the user's value or the default. */
  flags: Readonly<Record<string, string>>;
}

export interface SampleFlag {
  default: string;
  help: string;
}

export interface SampleEvent {
  /** `sam local generate-event`'s service name (apigateway, s3, sqs, …). */
  service: string;
  /** The event under the service (aws-proxy, put, receive-message, …). */
  event: string;
  label: string;
  description: string;
  /** The flags a user can set (`--body`, `--bucket`, …) beyond --region, --account-id and --partition. */
  flags: Readonly<Record<string, SampleFlag>>;
  create(ctx: SampleContext): unknown;
}

/** `service/event`, the id `--event sample:<id>` and the VS Code picker use. */
export const sampleId = (s: Pick<SampleEvent, 'service' | 'event'>): string => `${s.service}/${s.event}`;

export const flag = (def: string, help: string): SampleFlag => ({ default: def, help });
