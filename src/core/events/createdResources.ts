// core/events: the queues and topics created through the SQS and SNS APIs (and the template ones deleted
// through them), kept in one JSON record under the events folder so they are there again after a restart.
import { join } from 'node:path';
import { readJson, writeJsonAtomic } from '../store/atomicJson';
import type { LocalResourceDecl } from './resourceTypes';

interface CreatedRecord {
  version: 1;
  resources: LocalResourceDecl[];
  /** ARNs of template resources deleted through the API (until created again). */
  removed: string[];
}

export class CreatedResources {
  private record: Promise<CreatedRecord> | undefined;
  private chain: Promise<void> = Promise.resolve();
  readonly file: string;

  constructor(dir: string) {
    this.file = join(dir, 'created-resources.json');
  }

  load(): Promise<CreatedRecord> {
    return (this.record ??= readJson<CreatedRecord>(this.file).then((r) => r ?? { version: 1, resources: [], removed: [] }));
  }

  /** Adds (or replaces) a created resource; durable when this resolves. */
  put(decl: LocalResourceDecl): Promise<void> {
    return this.change((r) => {
      r.resources = [...r.resources.filter((d) => d.arn !== decl.arn), decl];
      r.removed = r.removed.filter((a) => a !== decl.arn);
    });
  }

  /** Forgets a created resource, or remembers that a template one was deleted. */
  remove(arn: string, declaredByTemplate: boolean): Promise<void> {
    return this.change((r) => {
      r.resources = r.resources.filter((d) => d.arn !== arn);
      if (declaredByTemplate && !r.removed.includes(arn)) r.removed.push(arn);
    });
  }

  private change(edit: (r: CreatedRecord) => void): Promise<void> {
    const run = this.chain.then(async () => {
      const r = await this.load();
      edit(r);
      await writeJsonAtomic(this.file, r);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
