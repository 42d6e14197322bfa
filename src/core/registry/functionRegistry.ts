// core/registry: the functions and layers the engine knows, looked up the ways callers name them:
// logical id, function name, name:qualifier, or full/partial ARN (lambda-semantics.md §5.1, qualifiers.ts).
import { WorkbenchError } from '../common/errors';
import type { FunctionConfig, TemplateModel } from '../model/functionConfig';
import { parseFunctionName } from './qualifiers';

export interface FunctionRef {
  fn: FunctionConfig;
  qualifier?: string;
}

export class FunctionRegistry {
  private model: TemplateModel | undefined;
  /** Functions created through the Lambda API (FunctionCatalog), listed after the template's. */
  private apiFunctions: readonly FunctionConfig[] = [];
  private all: readonly FunctionConfig[] = [];

  set(model: TemplateModel): void {
    this.model = model;
    this.all = [...model.functions, ...this.apiFunctions];
  }

  setApiFunctions(fns: readonly FunctionConfig[]): void {
    this.apiFunctions = fns;
    this.all = [...(this.model?.functions ?? []), ...fns];
  }

  get template(): TemplateModel | undefined {
    return this.model;
  }

  list(): readonly FunctionConfig[] {
    return this.all;
  }

  /**
   * Resolve a caller's name for a function (any form of qualifiers.ts, plus an optional separate
   * qualifier); throws INVALID_PARAMETER for a malformed name, FUNCTION_NOT_FOUND naming the known ones.
   */
  resolve(name: string, separateQualifier?: string): FunctionRef {
    const { name: id, qualifier, region, accountId } = parseFunctionName(name, separateQualifier);
    const model = this.model;
    const fns = this.list();
    const fn = fns.find((f) => f.logicalId === id) ?? fns.find((f) => f.functionName === id);
    if (!fn || (region !== undefined && model && region !== model.region) || (accountId !== undefined && model && accountId !== model.accountId)) {
      const known = fns.map((f) => f.logicalId).join(', ') || '(none)';
      const where = fn ? ` This engine serves region ${model!.region}, account ${model!.accountId}.` : '';
      throw new WorkbenchError('FUNCTION_NOT_FOUND', `Function not found: "${name}".${where} Functions in ${model?.templatePath ?? 'the template'}: ${known}.`);
    }
    return { fn, qualifier };
  }
}
