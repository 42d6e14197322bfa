// core/events/stream: where the stream pollers keep how far each mapping has read each shard (§11.3: a batch
// is checkpointed once it succeeded or was discarded), durable beside the stream's own journal so a restarted
// engine resumes there. One record per checkpoint: mapping UUID, shard (lane), position; the last one wins.
import { unlink } from 'node:fs/promises';
import { describeDamage, Journal } from '../../store/journal';

type CheckpointRecord = { u: string; s: string; n: number };

export class ShardCheckpoints {
  private readonly positions = new Map<string, number>();

  private constructor(private readonly journal: Journal<CheckpointRecord>) {}

  static async open(file: string, warn: (m: string) => void): Promise<ShardCheckpoints> {
    const { journal, records } = await Journal.open<CheckpointRecord>(file, (d) => warn(`Stream checkpoints: ${describeDamage(d)}; earlier checkpoints are kept (a mapping may read a few records again).`));
    const c = new ShardCheckpoints(journal);
    for (const r of records) c.positions.set(`${r.u} ${r.s}`, r.n);
    return c;
  }

  get(uuid: string, shard: string): number | undefined {
    return this.positions.get(`${uuid} ${shard}`);
  }

  /** Every stored position of a mapping whose shard key starts with `prefix` (a shard's lanes). */
  matching(uuid: string, prefix: string): number[] {
    const out: number[] = [];
    for (const [k, n] of this.positions) if (k.startsWith(`${uuid} ${prefix}`)) out.push(n);
    return out;
  }

  /** Stores a position; resolves once it is on disk. */
  async set(uuid: string, shard: string, n: number): Promise<void> {
    this.positions.set(`${uuid} ${shard}`, n);
    await this.journal.append({ u: uuid, s: shard, n });
    if (this.journal.lines > 500 && this.journal.lines > 4 * this.positions.size) {
      await this.journal.compact(() => [...this.positions].map(([k, v]) => ({ u: k.split(' ')[0], s: k.slice(k.indexOf(' ') + 1), n: v })));
    }
  }

  async close(): Promise<void> {
    await this.journal.close();
  }

  async destroy(): Promise<void> {
    await this.close();
    await unlink(this.journal.file).catch(() => undefined);
  }
}
