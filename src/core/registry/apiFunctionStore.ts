// core/registry: functions created through the Lambda API (CreateFunction), persisted under the state
// directory so they survive a restart: <stateDir>/functions/<name>/function.json (written atomically) and
// the uploaded package <stateDir>/functions/<name>/<sha256-hex>.zip, which the engine runs as a ZIP code source.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../common/errors';
import type { Architecture, FunctionConfig, LoggingConfig } from '../model/functionConfig';

/** The mutable ($LATEST) configuration of an API-created function, as stored. */
export interface ApiFunctionRecord {
  functionName: string;
  runtime: string;
  handler?: string;
  role: string;
  description?: string;
  timeout: number;
  memorySize: number;
  ephemeralStorage: number;
  architectures: Architecture[];
  environment: Record<string, string>;
  /** Layer version ARNs, in order. */
  layers: string[];
  logging: LoggingConfig;
  tracingMode: 'Active' | 'PassThrough';
  codeSha256: string;
  codeSize: number;
  /** File name of the package inside the function's folder. */
  zipFile: string;
  lastModified: string;
  revisionId: string;
}

export const API_TEMPLATE_PATH = '(created through the Lambda API)';

export class ApiFunctionStore {
  constructor(readonly root: string) {}

  dirOf(name: string): string {
    return join(this.root, name);
  }

  zipPathOf(rec: ApiFunctionRecord): string {
    return join(this.dirOf(rec.functionName), rec.zipFile);
  }

  /** Every stored function; an unreadable record is reported, never silently dropped. */
  async load(): Promise<ApiFunctionRecord[]> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    const out: ApiFunctionRecord[] = [];
    for (const name of names.filter((n) => !n.startsWith('.')).sort()) {
      const file = join(this.root, name, 'function.json');
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        continue; // a folder whose creation never finished: no record yet
      }
      try {
        out.push(JSON.parse(text) as ApiFunctionRecord);
      } catch (e) {
        throw new WorkbenchError('INTERNAL', `The function record ${file} is unreadable (${(e as Error).message}). Delete its folder or fix the JSON.`, { cause: e });
      }
    }
    return out;
  }

  /** Write the package (when given) and then the record, each atomically. */
  async save(rec: ApiFunctionRecord, zip?: Buffer): Promise<void> {
    const dir = this.dirOf(rec.functionName);
    await mkdir(dir, { recursive: true });
    if (zip) await atomicWrite(join(dir, rec.zipFile), zip);
    await atomicWrite(join(dir, 'function.json'), JSON.stringify(rec, null, 2));
    // Packages of earlier code are no longer referenced by $LATEST (versions keep their own snapshots).
    for (const f of await readdir(dir)) {
      if (f.endsWith('.zip') && f !== rec.zipFile && !f.startsWith('v')) await rm(join(dir, f), { force: true });
    }
  }

  async remove(name: string): Promise<void> {
    await rm(this.dirOf(name), { recursive: true, force: true });
  }
}

async function atomicWrite(file: string, data: Buffer | string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/** The engine's view of a stored function: a ZIP code source like a template's CodeUri: x.zip. */
export function toFunctionConfig(rec: ApiFunctionRecord, store: ApiFunctionStore): FunctionConfig {
  return {
    logicalId: rec.functionName,
    functionName: rec.functionName,
    templatePath: API_TEMPLATE_PATH,
    resourceType: 'AWS::Lambda::Function',
    description: rec.description,
    handler: rec.handler,
    runtime: rec.runtime,
    code: { kind: 'zip', path: store.zipPathOf(rec) },
    memorySize: rec.memorySize,
    timeout: rec.timeout,
    ephemeralStorage: rec.ephemeralStorage,
    architectures: rec.architectures,
    environment: rec.environment,
    logging: rec.logging,
    layers: rec.layers.map((arn) => ({ kind: 'arn' as const, arn })),
    events: [],
    tracing: rec.tracingMode,
  };
}
