// core/events/mappings: the mappings' durable record under <state>/mappings — one JSON file per UUID, replaced
// atomically (store/atomicJson.ts), so a mapping created, updated or deleted through the API or the CLI is there
// after a restart or a kill -9. Template mappings are kept only once the API changed them: with the template
// settings they were changed from (`base`), so editing the template again wins over the old change.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readJson, writeJsonAtomic } from '../../store/atomicJson';
import type { MappingRecord, MappingSettings } from './mappingTypes';

export interface StoredMapping {
  version: 1;
  record: MappingRecord;
  /** Template mappings: the template's settings when the API changed them. */
  base?: MappingSettings;
  /** Template mappings deleted through the API. */
  deleted?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class MappingStore {
  constructor(readonly dir: string) {}

  private file(uuid: string): string {
    return join(this.dir, `${uuid}.json`);
  }

  async load(): Promise<StoredMapping[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: StoredMapping[] = [];
    for (const n of names.sort()) {
      if (!n.endsWith('.json') || !UUID.test(n.slice(0, -5))) continue;
      const s = await readJson<StoredMapping>(join(this.dir, n));
      if (s?.record?.uuid) out.push(s);
    }
    return out;
  }

  /** Durable when this resolves. */
  put(s: StoredMapping): Promise<void> {
    return writeJsonAtomic(this.file(s.record.uuid), s);
  }

  async remove(uuid: string): Promise<void> {
    await rm(this.file(uuid), { force: true });
  }
}
