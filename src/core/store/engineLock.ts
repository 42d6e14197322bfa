// core/store: one engine at a time runs the durable queues of a state directory (the async queues, the local
// queues and topics). VS Code's engine and `lambda-workbench start` (or a CLI `invoke --async`) may share a
// state directory; if both ran the same journal, events would run twice and one engine's compaction could drop
// the other's appends. The first engine to need the queues takes <state>/queues.lock (created whole with
// link(2), so it is never seen half-written) holding its identity and an endpoint; the others forward their
// `Event` invokes to that endpoint and say who runs the queues. A lock whose process is gone (kill -9) is stale
// and taken over.
import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { ownerOf, ownerState, type ProcessOwner } from './processOwner';
import { tempPathFor } from './tempFiles';

export interface LockHolder extends ProcessOwner {
  /** The holder's Lambda API (Event invokes are forwarded to it). */
  url: string;
  /** Who holds it ('vscode', 'cli'…), for messages. */
  origin: string;
  acquiredAt: string;
  /** One engine instance (a process may run several services, as tests do). */
  instance: string;
}

export type LockResult = { owned: true; release(): Promise<void> } | { owned: false; holder: LockHolder };

export const QUEUES_LOCK = 'queues.lock';

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const h = JSON.parse(await fsp.readFile(path, 'utf8')) as LockHolder;
    return typeof h.pid === 'number' && typeof h.url === 'string' ? h : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return undefined; // unreadable or not JSON: treated as stale below
  }
}

/**
 * Takes the queues lock of `stateRoot`, or names the live engine that holds it. `endpoint` is asked only when
 * this engine may take the lock (it starts the listener the others forward to).
 */
export async function acquireQueuesLock(stateRoot: string, origin: string, endpoint: () => Promise<string>): Promise<LockResult> {
  const path = join(stateRoot, QUEUES_LOCK);
  await fsp.mkdir(stateRoot, { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    const holder = await readHolder(path);
    if (holder && ownerState(holder) !== 'dead') {
      return { owned: false, holder };
    }
    if (holder || (await exists(path))) {
      // Stale (its engine is gone) or unreadable: move it aside atomically, so two engines cannot both remove
      // a fresh lock that a third just made.
      const aside = tempPathFor(path);
      await fsp.rename(path, aside).then(() => fsp.rm(aside, { force: true }), () => undefined);
    }
    const mine: LockHolder = { ...ownerOf(), url: await endpoint(), origin, acquiredAt: new Date().toISOString(), instance: randomUUID() };
    const tmp = tempPathFor(path);
    await fsp.writeFile(tmp, JSON.stringify(mine));
    try {
      await fsp.link(tmp, path); // fails with EEXIST when another engine was quicker
      return { owned: true, release: () => release(path, mine.instance) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      await fsp.rm(tmp, { force: true });
    }
  }
  const holder = await readHolder(path);
  if (holder) return { owned: false, holder };
  throw new Error(`Could not take or read the queues lock ${path}.`);
}

async function exists(path: string): Promise<boolean> {
  return fsp.stat(path).then(
    () => true,
    () => false,
  );
}

/** Removes the lock if it is still this engine's. */
async function release(path: string, instance: string): Promise<void> {
  const holder = await readHolder(path);
  if (holder?.instance === instance) await fsp.rm(path, { force: true });
}

/** Whether the holder's process still runs (checked before each forward). */
export function holderAlive(holder: LockHolder): boolean {
  return ownerState(holder) !== 'dead';
}
