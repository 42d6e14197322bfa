// core/invoke/async: sending a finished event on (lambda-semantics.md §10 destinations, §9 dead-letter
// queue). A function destination gets the record as an asynchronous invoke; a queue or topic gets it as
// the message body; the DLQ gets the original event with RequestID/ErrorCode/ErrorMessage attributes.
// An event bus gets the record as an event's `detail` (source lambda, §10's detail-type and resources).
// What cannot be delivered (a bucket, not emulated yet; an unknown ARN) is kept in an
// "undelivered" journal with a warning naming it, so nothing accepted is silently dropped.
import { join } from 'node:path';
import { LocalBus } from '../../events/bus/localBus';
import type { EventResources } from '../../events/eventResources';
import type { MessageAttribute } from '../../events/resourceTypes';
import { Journal, describeDamage } from '../../store/journal';
import type { AsyncEvent } from './asyncTypes';
import type { InvocationRecord } from './invocationRecord';

/** SNS's message limit (256 KB), the smallest of the destinations' (§10). */
const MAX_RECORD_BYTES = 256 * 1024;

export interface DeliveryDeps {
  dir: string;
  resources: EventResources;
  /** Accept an asynchronous invoke of a function ARN (qualified or not). */
  invokeAsync(functionArn: string, payload: string): Promise<{ requestId: string }>;
  warn(message: string): void;
}

export class Destinations {
  private undelivered: Promise<Journal<unknown>> | undefined;

  constructor(private readonly d: DeliveryDeps) {}

  /** Delivers an invocation record to an on-success/on-failure destination. */
  async record(arn: string, record: InvocationRecord, e: AsyncEvent): Promise<void> {
    let body = JSON.stringify(record);
    if (Buffer.byteLength(body) > MAX_RECORD_BYTES) {
      // §10: a record too large for its destination loses its payloads, not its delivery.
      const { requestPayload: _req, responsePayload: _res, ...rest } = record;
      body = JSON.stringify(rest);
    }
    if (/^arn:aws[\w-]*:lambda:/.test(arn)) {
      await this.d.invokeAsync(arn, body);
      return;
    }
    const bus = /^arn:aws[\w-]*:events:/.test(arn) ? await this.d.resources.target(arn) : undefined;
    if (bus instanceof LocalBus) {
      // §10: the docs typeset an en dash in the detail-type; we send the ASCII hyphen ([U] which one AWS sends).
      const outcome = record.requestContext.condition === 'Success' ? 'Success' : 'Failure';
      await bus.putEntries([{ Source: 'lambda', DetailType: `Lambda Function Invocation Result - ${outcome}`, Detail: body, Resources: [record.requestContext.functionArn, arn] }]);
      return;
    }
    await this.message(arn, body, {}, `the invocation record of ${e.requestId}`);
  }

  /** The original event to the dead-letter queue or topic. */
  deadLetter(arn: string, e: AsyncEvent, attributes: Record<string, MessageAttribute>): Promise<void> {
    return this.message(arn, e.payload, attributes, `the dead-letter message of ${e.requestId}`);
  }

  private async message(arn: string, body: string, attributes: Record<string, MessageAttribute>, what: string): Promise<void> {
    const target = /^arn:aws[\w-]*:(sqs|sns):/.test(arn) ? await this.d.resources.target(arn) : undefined;
    if (target) {
      await target.send(body, attributes);
      return;
    }
    const journal = await (this.undelivered ??= Journal.open<unknown>(join(this.d.dir, 'undelivered.journal'), (dmg) => this.d.warn(describeDamage(dmg))).then((r) => r.journal));
    await journal.append({ arn, body, attributes });
    const why = /:s3:/.test(arn) ? 'S3 destinations are not emulated yet' : 'it is not a local queue, topic, event bus or function';
    this.d.warn(`Could not deliver ${what} to ${arn} (${why}); it is kept in ${journal.file}.`);
  }

  async dispose(): Promise<void> {
    const j = this.undelivered;
    this.undelivered = undefined;
    await j?.then((x) => x.close(), () => undefined);
  }
}
