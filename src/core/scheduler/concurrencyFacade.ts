// core/scheduler: reserved concurrency as the service offers it (LambdaService.concurrency): per function,
// never per qualifier (§8), plus the account's view.
import { WorkbenchError } from '../common/errors';
import type { FunctionConfig } from '../model/functionConfig';
import type { FunctionRegistry } from '../registry/functionRegistry';
import type { AccountConcurrency, ConcurrencyLimits } from './concurrencyLimits';
import type { ConcurrencySettings } from './concurrencySettings';

export interface ConcurrencyFacadeDeps {
  settings: ConcurrencySettings;
  limits: ConcurrencyLimits;
  registry: FunctionRegistry;
  /** Resolves once the template is loaded. */
  loaded(): Promise<unknown>;
}

export class ConcurrencyFacade {
  constructor(private readonly d: ConcurrencyFacadeDeps) {}

  /** PutFunctionConcurrency: reserve (and cap) `reserved` concurrent executions for the function (§8). */
  async put(functionName: string, reserved: number): Promise<number> {
    return this.d.settings.put((await this.unqualified(functionName)).functionName, reserved);
  }

  /** GetFunctionConcurrency: the reserved concurrency, undefined when the function has none. */
  async get(functionName: string): Promise<number | undefined> {
    return this.d.settings.get((await this.unqualified(functionName)).functionName);
  }

  async delete(functionName: string): Promise<void> {
    await this.d.settings.delete((await this.unqualified(functionName)).functionName);
  }

  /** The account's concurrency limit, what is left unreserved, and what runs now. */
  async account(): Promise<AccountConcurrency> {
    await this.d.loaded();
    return this.d.limits.account();
  }

  /** The function a concurrency call names, which must not carry a qualifier (reserved concurrency is per function). */
  private async unqualified(functionName: string): Promise<FunctionConfig> {
    await this.d.loaded();
    const { fn, qualifier } = this.d.registry.resolve(functionName);
    if (qualifier !== undefined) throw new WorkbenchError('INVALID_PARAMETER', `"${functionName}" has a qualifier; name the function without one (e.g. "${fn.functionName}").`);
    return fn;
  }
}
