// core/events/queue: a local SQS-like queue, durable in a journal under the state directory: messages with
// attributes, receive with a visibility timeout (on the engine clock) and a receive count, delete, purge,
// and redrive to a dead-letter queue after maxReceiveCount receives. A send resolves after the fsync.
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { WorkbenchError } from '../../common/errors';
import { describeDamage, Journal } from '../../store/journal';
import type { MessageAttribute, MessageTarget, QueueDecl, ResourceContext } from '../resourceTypes';

export interface QueueMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, MessageAttribute>;
  /** Engine-clock epoch ms. */
  sentAt: number;
  receiveCount: number;
  /** Invisible until this time (after a receive). */
  visibleAt: number;
  receiptHandle?: string;
  seq: number;
}

type QueueRecord =
  | { k: 'm'; m: Omit<QueueMessage, 'seq'> }
  | { k: 'v'; id: string; rh: string; until: number; rc: number }
  | { k: 'd'; id: string }
  | { k: 'p' };

export interface QueueStats {
  name: string;
  arn: string;
  url: string;
  fifo: boolean;
  /** ApproximateNumberOfMessages (visible now). */
  visible: number;
  /** ApproximateNumberOfMessagesNotVisible (received, not yet deleted). */
  inFlight: number;
  file: string;
}

export class LocalQueue implements MessageTarget {
  private readonly messages = new Map<string, QueueMessage>();
  private seq = 0;

  private constructor(
    readonly decl: QueueDecl,
    private readonly journal: Journal<QueueRecord>,
    private readonly ctx: ResourceContext,
  ) {}

  get arn(): string {
    return this.decl.arn;
  }

  get name(): string {
    return this.decl.name;
  }

  get url(): string {
    return `http://sqs.${this.ctx.region}.localhost/${this.ctx.accountId}/${this.decl.name}`;
  }

  static async open(decl: QueueDecl, ctx: ResourceContext): Promise<LocalQueue> {
    const file = join(ctx.dir, 'queues', `${decl.name}.journal`);
    const { journal, records } = await Journal.open<QueueRecord>(file, (d) => ctx.warn(`Queue "${decl.name}": ${describeDamage(d)}; the messages before it are kept, the damaged bytes are in ${d.file}.corrupt-${d.offset}.`));
    const q = new LocalQueue(decl, journal, ctx);
    for (const r of records) q.apply(r);
    return q;
  }

  private apply(r: QueueRecord): void {
    switch (r.k) {
      case 'm':
        if (!this.messages.has(r.m.messageId)) this.messages.set(r.m.messageId, { ...r.m, seq: this.seq++ });
        break;
      case 'v': {
        const m = this.messages.get(r.id);
        if (m) Object.assign(m, { receiptHandle: r.rh, visibleAt: r.until, receiveCount: r.rc });
        break;
      }
      case 'd':
        this.messages.delete(r.id);
        break;
      case 'p':
        this.messages.clear();
        break;
    }
  }

  private async write(r: QueueRecord): Promise<void> {
    this.apply(r);
    await this.journal.append(r);
    if (this.journal.lines > 200 && this.journal.lines > 4 * this.messages.size) {
      await this.journal.compact(() => [...this.messages.values()].map(({ seq: _s, ...m }): QueueRecord => ({ k: 'm', m })));
    }
  }

  /** SendMessage: stored durably before this resolves. */
  async send(body: string, attributes: Record<string, MessageAttribute> = {}): Promise<{ messageId: string }> {
    if (Buffer.byteLength(body) > 1024 * 1024) throw new WorkbenchError('REQUEST_TOO_LARGE', `Message to queue "${this.name}" is ${Buffer.byteLength(body)} bytes; SQS allows at most 1048576.`);
    const messageId = randomUUID();
    const md5OfBody = createHash('md5').update(body).digest('hex');
    await this.write({ k: 'm', m: { messageId, body, md5OfBody, attributes, sentAt: this.ctx.clock.now(), receiveCount: 0, visibleAt: 0 } });
    return { messageId };
  }

  /** ReceiveMessage: up to `max` visible messages, oldest first, invisible for `visibilityTimeout` seconds. */
  async receive(max = 1, visibilityTimeout = this.decl.visibilityTimeout): Promise<QueueMessage[]> {
    const now = this.ctx.clock.now();
    const out: QueueMessage[] = [];
    for (const m of [...this.messages.values()].sort((a, b) => a.seq - b.seq)) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      const redrive = this.decl.redrive;
      if (redrive && m.receiveCount >= redrive.maxReceiveCount && (await this.redrive(m, redrive.deadLetterTargetArn))) continue;
      await this.write({ k: 'v', id: m.messageId, rh: randomUUID(), until: now + visibilityTimeout * 1000, rc: m.receiveCount + 1 });
      out.push({ ...m });
    }
    return out;
  }

  private async redrive(m: QueueMessage, arn: string): Promise<boolean> {
    const dlq = await this.ctx.target(arn);
    if (!dlq) {
      this.ctx.warn(`Queue "${this.name}" redrives to ${arn}, which is not a local queue; the message stays.`);
      return false;
    }
    await dlq.send(m.body, m.attributes);
    await this.write({ k: 'd', id: m.messageId });
    return true;
  }

  /** DeleteMessage by the receipt handle of its latest receive. */
  async delete(receiptHandle: string): Promise<boolean> {
    const m = [...this.messages.values()].find((x) => x.receiptHandle === receiptHandle);
    if (!m) return false;
    await this.write({ k: 'd', id: m.messageId });
    return true;
  }

  /** PurgeQueue: every message goes; returns how many. */
  async purge(): Promise<number> {
    const n = this.messages.size;
    await this.write({ k: 'p' });
    return n;
  }

  /** The messages as they are, without receiving them (peek). */
  peek(): QueueMessage[] {
    return [...this.messages.values()].sort((a, b) => a.seq - b.seq).map((m) => ({ ...m }));
  }

  stats(): QueueStats {
    const now = this.ctx.clock.now();
    let visible = 0;
    for (const m of this.messages.values()) if (m.visibleAt <= now) visible++;
    return { name: this.name, arn: this.arn, url: this.url, fifo: this.decl.fifo, visible, inFlight: this.messages.size - visible, file: this.journal.file };
  }

  close(): Promise<void> {
    return this.journal.close();
  }
}
