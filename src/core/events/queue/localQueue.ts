// core/events/queue: a local SQS-like queue, durable in a journal under the state directory: standard and FIFO
// (per-group order, a group blocked while one of its messages is in flight, deduplication within 5 minutes,
// sequence numbers), message attributes, DelaySeconds, retention, receive with a visibility timeout and long
// polling on the engine clock, receive counts, redrive to a dead-letter queue after maxReceiveCount receives and
// back (StartMessageMoveTask). A send resolves after the fsync.
//
// For pollers (event source mappings, §11.2): `receive(max, visibilityTimeout, { waitTimeSeconds })` takes a
// batch, `delete(receiptHandle)` and `changeVisibility(receiptHandle, seconds)` settle it, and
// `onDidBecomeAvailable` fires when messages may have become receivable (a send, a visibility timeout or delay
// running out, a message made visible again) so a poller waits on it instead of spinning.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { unlink } from 'node:fs/promises';
import type { Event } from '../../common/events';
import { WorkbenchError } from '../../common/errors';
import { describeDamage, Journal } from '../../store/journal';
import type { MessageAttribute, MessageTarget, QueueDecl, ResourceContext } from '../resourceTypes';
import { contentDedupId, md5OfAttributes, md5OfBody } from './messageMd5';
import { parseQueueAttributes, renderQueueAttributes, SQS_DEFAULTS } from './queueAttributes';
import { QueueError } from './queueErrors';
import { QueueWaker } from './queueWaker';
import { type QueueMessage, type QueueRecord, type QueueStats, type ReceiveOptions, type SendOptions, type SendResult, checkSend, parseReceiptHandle } from './queueMessages';

export type { QueueMessage, QueueStats, ReceiveOptions, SendOptions, SendResult } from './queueMessages';

/** FIFO deduplication interval (SQS: 5 minutes). */
const DEDUP_WINDOW_MS = 5 * 60_000;

export class LocalQueue implements MessageTarget {
  private readonly messages = new Map<string, QueueMessage>();
  private readonly dedup = new Map<string, { messageId: string; sequenceNumber?: string; at: number }>();
  private overrides: Record<string, string> = {};
  private seq = 0;
  private sequence = 1;
  private readonly waker: QueueWaker;
  private closed = false;

  /** Fires when messages may have become receivable (see the file header). */
  get onDidBecomeAvailable(): Event<void> {
    return this.waker.event;
  }

  private constructor(
    readonly decl: QueueDecl,
    private readonly journal: Journal<QueueRecord>,
    private readonly ctx: ResourceContext,
  ) {
    this.waker = new QueueWaker(ctx.clock, (now) => {
      let next = Infinity;
      for (const m of this.messages.values()) if (m.visibleAt > now && m.visibleAt < next && m.visibleAt !== Number.MAX_SAFE_INTEGER) next = m.visibleAt;
      return next === Infinity ? undefined : next;
    });
  }

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
    const q = new LocalQueue({ ...decl }, journal, ctx);
    for (const r of records) q.apply(r);
    return q;
  }

  private apply(r: QueueRecord): void {
    switch (r.k) {
      case 'm':
        if (this.messages.has(r.m.messageId)) break;
        this.messages.set(r.m.messageId, { ...r.m, seq: this.seq++ });
        if (r.m.dedupId) this.dedup.set(r.m.dedupId, { messageId: r.m.messageId, sequenceNumber: r.m.sequenceNumber, at: r.m.sentAt });
        if (r.m.sequenceNumber) this.sequence = Math.max(this.sequence, Number(r.m.sequenceNumber) + 1);
        break;
      case 'v': {
        const m = this.messages.get(r.id);
        if (m) Object.assign(m, { receiptHandle: r.rh, visibleAt: r.until, receiveCount: r.rc }, r.fr ? { firstReceiveAt: r.fr } : {});
        break;
      }
      case 'd':
        this.messages.delete(r.id);
        break;
      case 'p':
        this.messages.clear();
        break;
      case 'a':
        this.overrides = { ...this.overrides, ...r.a };
        Object.assign(this.decl, parseQueueAttributes(r.a, false));
        break;
      case 'x':
        for (const [id, messageId, sequenceNumber, at] of r.dd) this.dedup.set(id, { messageId, sequenceNumber, at });
        this.sequence = Math.max(this.sequence, r.sn);
        break;
    }
  }

  private async write(...records: QueueRecord[]): Promise<void> {
    for (const r of records) this.apply(r);
    await this.journal.append(...records);
    if (this.journal.lines > 200 && this.journal.lines > 4 * (this.messages.size + 2)) await this.journal.compact(() => this.snapshot());
  }

  private snapshot(): QueueRecord[] {
    const now = this.ctx.clock.now();
    const dd: [string, string, string | undefined, number][] = [];
    for (const [id, e] of this.dedup) if (now - e.at < DEDUP_WINDOW_MS) dd.push([id, e.messageId, e.sequenceNumber, e.at]);
    const head: QueueRecord[] = [{ k: 'x', dd, sn: this.sequence }];
    if (Object.keys(this.overrides).length) head.push({ k: 'a', a: this.overrides });
    return [...head, ...[...this.messages.values()].map(({ seq: _s, ...m }): QueueRecord => ({ k: 'm', m }))];
  }

  /** SendMessage: stored durably before this resolves. A FIFO duplicate answers the first message's id. */
  async send(body: string, attributes: Record<string, MessageAttribute> = {}, options: SendOptions = {}): Promise<SendResult> {
    checkSend(this.decl, body, attributes, options);
    const now = this.ctx.clock.now();
    const md5 = md5OfBody(body);
    const md5Attrs = md5OfAttributes(attributes);
    let dedupId: string | undefined;
    let sequenceNumber: string | undefined;
    if (this.decl.fifo) {
      dedupId = options.dedupId ?? contentDedupId(body);
      const seen = this.dedup.get(dedupId);
      if (seen && now - seen.at < DEDUP_WINDOW_MS) return { messageId: seen.messageId, md5OfBody: md5, md5OfAttributes: md5Attrs, sequenceNumber: seen.sequenceNumber };
      sequenceNumber = String(this.sequence++).padStart(20, '0');
    }
    const delay = options.delaySeconds ?? this.decl.delaySeconds ?? SQS_DEFAULTS.delaySeconds;
    const messageId = randomUUID();
    const m: Omit<QueueMessage, 'seq'> = { messageId, body, md5OfBody: md5, attributes, sentAt: now, receiveCount: 0, visibleAt: delay ? now + delay * 1000 : 0 };
    if (md5Attrs) m.md5OfAttributes = md5Attrs;
    if (this.decl.fifo) Object.assign(m, { groupId: options.groupId, dedupId, sequenceNumber });
    if (options.traceHeader) m.traceHeader = options.traceHeader;
    await this.write({ k: 'm', m });
    if (delay) this.waker.arm();
    else this.waker.notify();
    return { messageId, md5OfBody: md5, md5OfAttributes: md5Attrs, sequenceNumber };
  }

  /** A message moved here from another queue (redrive, or a move task back), keeping its id and timestamps. */
  private async accept(m: QueueMessage, changes: Partial<QueueMessage>): Promise<void> {
    const { seq: _s, receiptHandle: _r, ...rest } = m;
    await this.write({ k: 'm', m: { ...rest, visibleAt: 0, ...changes } });
    this.waker.notify();
  }

  /**
   * ReceiveMessage: up to `max` receivable messages, oldest first (per group for FIFO), invisible for
   * `visibilityTimeout` seconds. With `waitTimeSeconds` (default the queue's ReceiveMessageWaitTimeSeconds) an
   * empty queue is waited on, on the engine clock, until a message arrives or the time is up.
   */
  async receive(max = 1, visibilityTimeout = this.decl.visibilityTimeout, options: ReceiveOptions = {}): Promise<QueueMessage[]> {
    const wait = (options.waitTimeSeconds ?? this.decl.receiveWaitTime ?? 0) * 1000;
    const deadline = this.ctx.clock.monotonic() + wait;
    for (;;) {
      if (this.closed) return [];
      const got = await this.receiveNow(max, visibilityTimeout);
      const left = deadline - this.ctx.clock.monotonic();
      if (got.length || left <= 0 || this.closed) return got;
      await this.waker.wait(left);
    }
  }

  private async receiveNow(max: number, visibilityTimeout: number): Promise<QueueMessage[]> {
    const now = this.ctx.clock.now();
    const retention = (this.decl.retentionPeriod ?? SQS_DEFAULTS.retentionPeriod) * 1000;
    const picked: QueueMessage[] = [];
    const records: QueueRecord[] = [];
    const blocked = new Set<string>();
    for (const m of this.messages.values()) {
      if (picked.length >= max) break;
      if (now - m.sentAt >= retention) {
        records.push({ k: 'd', id: m.messageId });
        continue;
      }
      const group = this.decl.fifo ? (m.groupId ?? '') : undefined;
      if (group !== undefined && blocked.has(group)) continue;
      if (m.visibleAt > now) {
        // FIFO: a message of the group not receivable (in flight or delayed) holds back the ones after it.
        if (group !== undefined) blocked.add(group);
        continue;
      }
      const redrive = this.decl.redrive;
      if (redrive && m.receiveCount >= redrive.maxReceiveCount) {
        if (await this.redrive(m, redrive.deadLetterTargetArn)) continue;
      }
      records.push({ k: 'v', id: m.messageId, rh: receiptHandleFor(this.name, m.messageId), until: now + visibilityTimeout * 1000, rc: m.receiveCount + 1, fr: m.firstReceiveAt ? undefined : now });
      picked.push(m);
    }
    if (!records.length) return [];
    await this.write(...records);
    this.waker.arm();
    return picked.map((m) => ({ ...m }));
  }

  private async redrive(m: QueueMessage, arn: string): Promise<boolean> {
    const hold = m.visibleAt;
    m.visibleAt = Number.MAX_SAFE_INTEGER; // no other receive takes it while it moves
    try {
      const dlq = await this.ctx.target(arn);
      if (!dlq) {
        this.ctx.warn(`Queue "${this.name}" redrives to ${arn}, which is not a local queue; the message stays.`);
        m.visibleAt = hold;
        return false;
      }
      if (dlq instanceof LocalQueue) await dlq.accept(m, { sourceArn: this.arn });
      else await dlq.send(m.body, m.attributes);
    } catch (e) {
      m.visibleAt = hold;
      throw e;
    }
    await this.write({ k: 'd', id: m.messageId });
    return true;
  }

  /** The message a receipt handle of this queue names (throws ReceiptHandleIsInvalid for a malformed one). */
  private byHandle(receiptHandle: string): QueueMessage | undefined {
    const id = parseReceiptHandle(this.name, receiptHandle);
    return this.messages.get(id);
  }

  /** DeleteMessage: false when the message is gone or was received again since (SQS answers success then too). */
  async delete(receiptHandle: string): Promise<boolean> {
    const m = this.byHandle(receiptHandle);
    if (!m || m.receiptHandle !== receiptHandle) return false;
    await this.write({ k: 'd', id: m.messageId });
    return true;
  }

  /** ChangeMessageVisibility: the received message becomes visible `seconds` from now (0: at once). */
  async changeVisibility(receiptHandle: string, seconds: number): Promise<void> {
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 43_200) throw new QueueError('InvalidParameterValue', `Value ${seconds} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.`);
    const m = this.byHandle(receiptHandle);
    if (!m || m.receiptHandle !== receiptHandle) throw new QueueError('ReceiptHandleIsInvalid', `The receipt handle has expired or its message was deleted: "${receiptHandle}".`);
    const now = this.ctx.clock.now();
    if (m.visibleAt <= now) throw new QueueError('MessageNotInflight', `Message ${m.messageId} is not in flight (its visibility timeout ran out).`);
    await this.write({ k: 'v', id: m.messageId, rh: receiptHandle, until: now + seconds * 1000, rc: m.receiveCount });
    if (seconds === 0) this.waker.notify();
    else this.waker.arm();
  }

  /** StartMessageMoveTask: this (dead-letter) queue's messages go back to where they came from, or to `destination`. */
  async moveMessages(destination?: string): Promise<{ moved: number; failed: number }> {
    let moved = 0;
    let failed = 0;
    for (const m of [...this.messages.values()]) {
      const arn = destination ?? m.sourceArn;
      const target = arn ? await this.ctx.target(arn) : undefined;
      if (!(target instanceof LocalQueue) || target === this) {
        failed++;
        continue;
      }
      await target.accept(m, { receiveCount: 0, sourceArn: undefined, firstReceiveAt: undefined });
      await this.write({ k: 'd', id: m.messageId });
      moved++;
    }
    return { moved, failed };
  }

  /** PurgeQueue: every message goes; returns how many. */
  async purge(): Promise<number> {
    const n = this.messages.size;
    await this.write({ k: 'p' });
    return n;
  }

  /** SetQueueAttributes (validated, durable). */
  async setAttributes(attributes: Record<string, string>): Promise<void> {
    parseQueueAttributes(attributes, false);
    await this.write({ k: 'a', a: attributes });
    this.waker.notify();
  }

  /** GetQueueAttributes: the queue's settings and its counts. */
  attributes(): Record<string, string> {
    const s = this.stats();
    return { ...renderQueueAttributes(this.decl), ApproximateNumberOfMessages: String(s.visible), ApproximateNumberOfMessagesNotVisible: String(s.inFlight), ApproximateNumberOfMessagesDelayed: String(s.delayed) };
  }

  /** The messages as they are, without receiving them (peek). */
  peek(): QueueMessage[] {
    return [...this.messages.values()].map((m) => ({ ...m }));
  }

  stats(): QueueStats {
    const now = this.ctx.clock.now();
    let visible = 0;
    let delayed = 0;
    for (const m of this.messages.values()) {
      if (m.visibleAt <= now) visible++;
      else if (m.receiveCount === 0) delayed++;
    }
    return { name: this.name, arn: this.arn, url: this.url, fifo: this.decl.fifo, visible, inFlight: this.messages.size - visible - delayed, delayed, file: this.journal.file };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waker.close();
    await this.journal.close();
  }

  /** DeleteQueue: closes it and removes its journal. */
  async destroy(): Promise<void> {
    await this.close();
    await unlink(this.journal.file).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw new WorkbenchError('INTERNAL', `Could not remove the journal of queue "${this.name}" (${this.journal.file}): ${e.message}`, { cause: e });
    });
  }
}

function receiptHandleFor(queue: string, messageId: string): string {
  return Buffer.from(`${queue}|${messageId}|${randomUUID()}`).toString('base64');
}
