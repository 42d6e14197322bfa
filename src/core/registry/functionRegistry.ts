// core/registry: the functions and layers the engine knows, looked up the ways callers name them:
// logical id, function name, name:qualifier, or full/partial ARN (lambda-semantics.md §5.1).
import { WorkbenchError } from '../common/errors';
import type { FunctionConfig, TemplateModel } from '../model/functionConfig';

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

  /** Resolve a caller's name for a function; throws FUNCTION_NOT_FOUND naming the known ones. */
  resolve(name: string): FunctionRef {
    let id = name;
    let qualifier: string | undefined;
    const arn = /^(?:arn:aws[\w-]*:lambda:[\w-]+:)?\d{12}:function:([^:]+)(?::(.+))?$/.exec(name);
    if (arn) {
      id = arn[1];
      qualifier = arn[2];
    } else if (name.includes(':')) {
      [id, qualifier] = name.split(':', 2);
    }
    const fns = this.list();
    const fn = fns.find((f) => f.logicalId === id) ?? fns.find((f) => f.functionName === id);
    if (!fn) {
      const known = fns.map((f) => f.logicalId).join(', ') || '(none)';
      throw new WorkbenchError('FUNCTION_NOT_FOUND', `Function not found: "${name}". Functions in ${this.model?.templatePath ?? 'the template'}: ${known}.`);
    }
    return { fn, qualifier };
  }
}
