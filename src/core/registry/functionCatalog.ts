// core/registry: the control plane behind the Lambda API's function operations — create, update code and
// configuration, delete, tags — for functions created through the API (persisted by ApiFunctionStore), next
// to the template's functions, which the API can read and invoke but not change (the template owns them).
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../common/errors';
import { functionArn } from '../model/arn';
import type { FunctionConfig } from '../model/functionConfig';
import { extractZip } from '../packaging';
import { ApiFunctionStore, toFunctionConfig, type ApiFunctionRecord } from './apiFunctionStore';
import * as v from './configValidation';
import type { FunctionRegistry } from './functionRegistry';

/** Direct-upload limit of a deployment package (§7: 50 MB zipped). */
const MAX_ZIP_BYTES = 50 * 1024 * 1024;

export interface FunctionCatalogDeps {
  registry: FunctionRegistry;
  /** <stateDir>/functions */
  root: string;
  region: string;
  accountId: string;
}

/** What the API reports about one function: its configuration and, for API-created ones, the stored record. */
export interface CatalogEntry {
  fn: FunctionConfig;
  record?: ApiFunctionRecord;
  tags: Record<string, string>;
}

export class FunctionCatalog {
  private readonly store: ApiFunctionStore;
  private records = new Map<string, ApiFunctionRecord>();
  private tags: Record<string, Record<string, string>> = {};
  private loading: Promise<void> | undefined;
  /** Control-plane changes run one at a time: each reads, validates and persists without interleaving. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly d: FunctionCatalogDeps) {
    this.store = new ApiFunctionStore(d.root);
  }

  /** Reads what earlier engines persisted (once). */
  load(): Promise<void> {
    this.loading ??= (async () => {
      for (const rec of await this.store.load()) this.records.set(rec.functionName, rec);
      this.tags = JSON.parse(await readFile(this.tagsFile, 'utf8').catch(() => '{}')) as Record<string, Record<string, string>>;
      this.publish();
    })();
    return this.loading;
  }

  private get tagsFile(): string {
    return join(this.d.root, '.tags.json');
  }

  private publish(): void {
    this.d.registry.setApiFunctions([...this.records.values()].map((r) => toFunctionConfig(r, this.store)));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A function by any name form; throws FUNCTION_NOT_FOUND. */
  entry(name: string): CatalogEntry {
    const { fn } = this.d.registry.resolve(name);
    return { fn, record: this.records.get(fn.functionName), tags: this.tags[fn.functionName] ?? {} };
  }

  list(): CatalogEntry[] {
    return this.d.registry.list().map((fn) => ({ fn, record: this.records.get(fn.functionName), tags: this.tags[fn.functionName] ?? {} }));
  }

  /** CreateFunction from ZipFile bytes. */
  create(input: Record<string, unknown>): Promise<CatalogEntry> {
    return this.serial(async () => {
      const name = v.checkFunctionName(input.FunctionName);
      if (this.d.registry.list().some((f) => f.functionName === name || f.logicalId === name)) {
        throw new WorkbenchError('RESOURCE_CONFLICT', `Function already exist: ${name}`);
      }
      const zip = zipBytes(input.Code);
      const runtime = v.checkRuntime(input.Runtime);
      const code = await this.checkedPackage(name, zip);
      const rec: ApiFunctionRecord = {
        functionName: name,
        runtime,
        handler: v.checkHandler(runtime, input.Handler),
        role: v.checkString('Role', input.Role, 2048) ?? `arn:aws:iam::${this.d.accountId}:role/lambda-workbench-local`,
        description: v.checkString('Description', input.Description, 256),
        timeout: v.checkTimeout(input.Timeout) ?? 3,
        memorySize: v.checkMemorySize(input.MemorySize) ?? 128,
        ephemeralStorage: v.checkEphemeralStorage(input.EphemeralStorage) ?? 512,
        architectures: v.checkArchitectures(input.Architectures) ?? ['x86_64'],
        environment: v.checkEnvironment(input.Environment) ?? {},
        layers: v.checkLayers(input.Layers) ?? [],
        logging: logging(input.LoggingConfig, name),
        tracingMode: (input.TracingConfig as { Mode?: string } | undefined)?.Mode === 'Active' ? 'Active' : 'PassThrough',
        ...code,
        lastModified: lastModified(),
        revisionId: randomUUID(),
      };
      await this.store.save(rec, zip);
      this.records.set(name, rec);
      if (input.Tags && typeof input.Tags === 'object') await this.saveTags(name, { ...(input.Tags as Record<string, string>) });
      this.publish();
      return this.entry(name);
    });
  }

  /** UpdateFunctionCode from ZipFile bytes. */
  updateCode(name: string, input: Record<string, unknown>): Promise<CatalogEntry> {
    return this.serial(async () => {
      const rec = this.owned(name);
      checkRevision(rec, input.RevisionId);
      const zip = zipBytes({ ZipFile: input.ZipFile });
      const code = await this.checkedPackage(rec.functionName, zip);
      const next: ApiFunctionRecord = { ...rec, ...code, lastModified: lastModified(), revisionId: randomUUID() };
      if (input.Architectures !== undefined) next.architectures = v.checkArchitectures(input.Architectures)!;
      await this.store.save(next, zip);
      this.records.set(rec.functionName, next);
      this.publish();
      return this.entry(rec.functionName);
    });
  }

  /** UpdateFunctionConfiguration: only the fields given change. */
  updateConfiguration(name: string, input: Record<string, unknown>): Promise<CatalogEntry> {
    return this.serial(async () => {
      const rec = this.owned(name);
      checkRevision(rec, input.RevisionId);
      const runtime = input.Runtime === undefined ? rec.runtime : v.checkRuntime(input.Runtime);
      const next: ApiFunctionRecord = {
        ...rec,
        runtime,
        handler: input.Handler === undefined ? rec.handler : v.checkHandler(runtime, input.Handler),
        role: v.checkString('Role', input.Role, 2048) ?? rec.role,
        description: input.Description === undefined ? rec.description : v.checkString('Description', input.Description, 256),
        timeout: v.checkTimeout(input.Timeout) ?? rec.timeout,
        memorySize: v.checkMemorySize(input.MemorySize) ?? rec.memorySize,
        ephemeralStorage: v.checkEphemeralStorage(input.EphemeralStorage) ?? rec.ephemeralStorage,
        environment: v.checkEnvironment(input.Environment) ?? rec.environment,
        layers: v.checkLayers(input.Layers) ?? rec.layers,
        logging: input.LoggingConfig === undefined ? rec.logging : logging(input.LoggingConfig, rec.functionName, rec.logging),
        tracingMode: input.TracingConfig === undefined ? rec.tracingMode : (input.TracingConfig as { Mode?: string }).Mode === 'Active' ? 'Active' : 'PassThrough',
        lastModified: lastModified(),
        revisionId: randomUUID(),
      };
      await this.store.save(next);
      this.records.set(rec.functionName, next);
      this.publish();
      return this.entry(rec.functionName);
    });
  }

  delete(name: string): Promise<void> {
    return this.serial(async () => {
      const rec = this.owned(name);
      await this.store.remove(rec.functionName);
      this.records.delete(rec.functionName);
      if (this.tags[rec.functionName]) {
        delete this.tags[rec.functionName];
        await this.writeTags();
      }
      this.publish();
    });
  }

  tagResource(arn: string, tags: Record<string, string>): Promise<void> {
    return this.serial(async () => {
      const fn = this.byArn(arn);
      await this.saveTags(fn.functionName, { ...(this.tags[fn.functionName] ?? {}), ...tags });
    });
  }

  untagResource(arn: string, keys: string[]): Promise<void> {
    return this.serial(async () => {
      const fn = this.byArn(arn);
      const next = { ...(this.tags[fn.functionName] ?? {}) };
      for (const k of keys) delete next[k];
      await this.saveTags(fn.functionName, next);
    });
  }

  listTags(arn: string): Record<string, string> {
    return this.tags[this.byArn(arn).functionName] ?? {};
  }

  /** Tags name a function by its unqualified ARN (the model's TaggableResource). */
  private byArn(arn: string): FunctionConfig {
    const m = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:([a-zA-Z0-9_-]+)$/.exec(arn);
    if (!m) throw new WorkbenchError('INVALID_PARAMETER', `Resource must be an unqualified function ARN (arn:aws:lambda:<region>:<account>:function:<name>), got "${arn}".`);
    return this.d.registry.resolve(m[1]).fn;
  }

  private async saveTags(name: string, tags: Record<string, string>): Promise<void> {
    for (const [k, val] of Object.entries(tags)) {
      if (typeof val !== 'string' || k.length < 1 || k.length > 128 || val.length > 256) throw new WorkbenchError('INVALID_PARAMETER', `Tag "${k}" must have a key of 1–128 and a string value of up to 256 characters.`);
    }
    this.tags[name] = tags;
    await this.writeTags();
  }

  private async writeTags(): Promise<void> {
    await mkdir(this.d.root, { recursive: true });
    const tmp = `${this.tagsFile}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(this.tags, null, 2));
    await rename(tmp, this.tagsFile);
  }

  /** An API-created function; template functions are changed in their template. */
  private owned(name: string): ApiFunctionRecord {
    const { fn } = this.d.registry.resolve(name);
    const rec = this.records.get(fn.functionName);
    if (!rec) {
      throw new WorkbenchError('INVALID_PARAMETER', `Function "${fn.functionName}" comes from the template ${fn.templatePath}; change it there (the API changes only functions created through the API).`);
    }
    return rec;
  }

  /** Refuses what the engine could not run: unsafe or broken ZIPs, found by extracting with the safe extractor. */
  private async checkedPackage(name: string, zip: Buffer): Promise<Pick<ApiFunctionRecord, 'codeSha256' | 'codeSize' | 'zipFile'>> {
    const digest = createHash('sha256').update(zip).digest();
    const work = join(this.d.root, `.upload-${randomUUID()}`);
    await mkdir(work, { recursive: true });
    try {
      await writeFile(join(work, 'package.zip'), zip);
      await extractZip(join(work, 'package.zip'), join(work, 'check')).catch((e: unknown) => {
        throw new WorkbenchError('INVALID_PARAMETER', `Could not unzip uploaded file for function "${name}": ${(e as Error).message} Check the ZIP, then upload it again.`, { cause: e });
      });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    return { codeSha256: digest.toString('base64'), codeSize: zip.length, zipFile: `${digest.toString('hex')}.zip` };
  }

  /** The qualifier a name carries itself (`fn:3`, `…:function:fn:live`), if any. */
  qualifierIn(name: string): string | undefined {
    return this.d.registry.resolve(name).qualifier;
  }

  /** Where an API-created function's uploaded package is stored. */
  zipPathOf(e: CatalogEntry): string {
    if (!e.record) throw new WorkbenchError('INTERNAL', `Function "${e.fn.functionName}" was not created through the API.`);
    return this.store.zipPathOf(e.record);
  }

  arnOf(fn: FunctionConfig, qualifier?: string): string {
    return functionArn(this.d.region, this.d.accountId, fn.functionName, qualifier);
  }
}

function zipBytes(code: unknown): Buffer {
  const zip = (code as { ZipFile?: unknown } | undefined)?.ZipFile;
  if (typeof zip !== 'string' || zip.length === 0) {
    const other = code && typeof code === 'object' ? Object.keys(code).filter((k) => k !== 'ZipFile') : [];
    throw new WorkbenchError('INVALID_PARAMETER', other.length ? `Code.${other[0]} is not available locally: upload the package as ZipFile bytes.` : 'Code.ZipFile is required: the deployment package as ZIP bytes.');
  }
  const bytes = Buffer.from(zip, 'base64');
  if (bytes.length > MAX_ZIP_BYTES) throw new WorkbenchError('REQUEST_TOO_LARGE', `Request must be smaller than ${MAX_ZIP_BYTES} bytes for the CreateFunction/UpdateFunctionCode operation (a ${bytes.length}-byte ZIP).`);
  return bytes;
}

function checkRevision(rec: ApiFunctionRecord, revisionId: unknown): void {
  if (revisionId !== undefined && revisionId !== rec.revisionId) {
    throw new WorkbenchError('PRECONDITION_FAILED', `The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id`);
  }
}

function logging(input: unknown, name: string, base?: ApiFunctionRecord['logging']): ApiFunctionRecord['logging'] {
  const l = (input ?? {}) as Record<string, unknown>;
  const format = l.LogFormat ?? base?.logFormat ?? 'Text';
  if (format !== 'Text' && format !== 'JSON') throw new WorkbenchError('INVALID_PARAMETER', `LoggingConfig.LogFormat must be Text or JSON, got ${JSON.stringify(format)}.`);
  return {
    logFormat: format,
    logGroup: v.checkString('LoggingConfig.LogGroup', l.LogGroup, 512) ?? base?.logGroup ?? `/aws/lambda/${name}`,
    applicationLogLevel: (l.ApplicationLogLevel as ApiFunctionRecord['logging']['applicationLogLevel']) ?? base?.applicationLogLevel,
    systemLogLevel: (l.SystemLogLevel as ApiFunctionRecord['logging']['systemLogLevel']) ?? base?.systemLogLevel,
  };
}

/** Lambda's LastModified format: 2024-05-01T12:00:00.000+0000. */
function lastModified(): string {
  return new Date().toISOString().replace('Z', '+0000');
}
