// core/scheduler: reserved concurrency as the user set it — the template's ReservedConcurrentExecutions,
// overridden by PutFunctionConcurrency/DeleteFunctionConcurrency (API, CLI), which are kept in
// <stateDir>/concurrency.json so a setting made by one engine (the CLI) holds for the next (VS Code, start).
// The counters and throttling live in ConcurrencyLimits; this module only decides the configured values.
import { join } from 'node:path';
import { WorkbenchError } from '../common/errors';
import type { FunctionConfig } from '../model/functionConfig';
import { readJson, writeJsonAtomic } from '../store/atomicJson';
import type { ConcurrencyLimits } from './concurrencyLimits';

interface StoredSettings {
  /** Function name → reserved concurrency; null: deleted (also removes the template's value). */
  reserved: Record<string, number | null>;
}

export class ConcurrencySettings {
  private readonly file: string;
  private stored: StoredSettings = { reserved: {} };
  private writing: Promise<void> = Promise.resolve();

  constructor(
    stateRoot: string,
    private readonly limits: ConcurrencyLimits,
    private readonly warn: (message: string) => void,
  ) {
    this.file = join(stateRoot, 'concurrency.json');
  }

  /** Apply the template's reservations and the stored overrides (at every template load). */
  async load(functions: readonly FunctionConfig[]): Promise<void> {
    this.stored = (await readJson<StoredSettings>(this.file)) ?? { reserved: {} };
    this.stored.reserved ??= {};
    const wanted = new Map<string, number | undefined>();
    for (const fn of functions) if (fn.reservedConcurrency !== undefined) wanted.set(fn.functionName, fn.reservedConcurrency);
    for (const [name, value] of Object.entries(this.stored.reserved)) wanted.set(name, value ?? undefined);
    // Clear first so the ≥100-unreserved check sees the new totals, not a mix of old and new.
    for (const name of this.knownNames) this.limits.setReserved(name, undefined);
    this.knownNames = new Set(wanted.keys());
    for (const [name, value] of wanted) {
      try {
        this.limits.setReserved(name, value);
      } catch (e) {
        this.warn(`The reserved concurrency ${value} of "${name}" was not applied: ${(e as Error).message}`);
      }
    }
  }

  private knownNames = new Set<string>();

  get(functionName: string): number | undefined {
    return this.limits.reservedOf(functionName);
  }

  /** PutFunctionConcurrency: validated (Lambda's ≥100 unreserved rule), applied at once and kept on disk. */
  async put(functionName: string, reserved: number): Promise<number> {
    if (!Number.isInteger(reserved) || reserved < 0) {
      throw new WorkbenchError('INVALID_PARAMETER', `ReservedConcurrentExecutions must be a whole number of at least 0, got ${String(reserved)}.`);
    }
    this.limits.setReserved(functionName, reserved);
    this.knownNames.add(functionName);
    await this.save(functionName, reserved);
    return reserved;
  }

  /** DeleteFunctionConcurrency: the function goes back to the unreserved pool. */
  async delete(functionName: string): Promise<void> {
    this.limits.setReserved(functionName, undefined);
    await this.save(functionName, null);
  }

  private save(functionName: string, value: number | null): Promise<void> {
    const next = this.writing.then(async () => {
      const current = (await readJson<StoredSettings>(this.file)) ?? { reserved: {} };
      current.reserved = { ...current.reserved, [functionName]: value };
      this.stored = current;
      await writeJsonAtomic(this.file, current);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}
