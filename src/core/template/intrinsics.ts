// core/template: evaluates CloudFormation intrinsic functions (Ref, Fn::Sub, Fn::GetAtt, Fn::If, …) and the
// Conditions section against parameters, pseudo parameters and the template's own resources.
import { isWorkbenchError } from '../common/errors';
import { functionArn } from '../model/arn';
import { isRecord, type TemplateContext } from './context';
import type { SourcePos } from './parse';
import { conditionFunctions, valueFunctions } from './functionsTable';
import { TEMPLATE_LIMITS } from './limits';
import { attrValue, nameProperty, refValue } from './physical';

/** The value of `Ref: AWS::NoValue`: the enclosing property or list item is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export interface ResolveScope {
  /** What is being resolved, for messages, e.g. `function "HelloFunction"`. */
  where: string;
  /** Fallback position when the failing node has none of its own (e.g. the resource line). */
  pos?: SourcePos;
  /** Consulted first for Ref; a non-undefined result replaces the normal value (layer refs in Layers). */
  refHook?: (name: string) => unknown;
  /** Unsupported or unresolvable intrinsics become warnings and stay unresolved (properties kept, not used). */
  lenient?: boolean;
}

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);
const LAYER_TYPES = new Set(['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion']);

export class Resolver {
  private readonly conditionCache = new Map<string, boolean>();
  /** Parameters without a value that resolved to "" (each warned about once). */
  private readonly blankedParams = new Set<string>();
  private readonly inProgress = new Set<string>();
  /** Conditions being evaluated, outermost first, to name a cycle in full. */
  private readonly conditionChain: string[] = [];
  private steps = 0;
  private depth = 0;
  /** The value a resolve started from (depth 0), where a step limit is reported: the work is all its own. */
  private root: unknown;
  private chars = 0;

  constructor(readonly ctx: TemplateContext) {}

  /** Resolves every intrinsic inside `value`; NO_VALUE entries are dropped from maps and lists. */
  resolve(value: unknown, scope: ResolveScope): unknown {
    // References can reuse each other so that the work doubles with each one (a Fn::Join of two Refs to a
    // resource named by a Fn::Join of two Refs, …): bound the work and the nesting instead of the stack.
    if (this.depth === 0) this.root = value;
    if (++this.steps > TEMPLATE_LIMITS.maxResolveSteps) {
      throw this.ctx.error('TEMPLATE_INVALID', `Intrinsic functions in ${scope.where} take more than ${TEMPLATE_LIMITS.maxResolveSteps} steps to resolve`, 'Simplify them: Refs, Fn::GetAtt and Fn::FindInMap that reuse each other multiply the work', this.pos(this.root, scope));
    }
    if (this.depth >= TEMPLATE_LIMITS.maxResolveDepth) {
      throw this.ctx.error('TEMPLATE_INVALID', `Intrinsic functions in ${scope.where} nest more than ${TEMPLATE_LIMITS.maxResolveDepth} levels deep`, 'Shorten the chain of Refs, Fn::GetAtt, Fn::FindInMap and Conditions that lead to each other', this.pos(value, scope));
    }
    this.depth++;
    try {
      return this.resolveValue(value, scope);
    } finally {
      this.depth--;
    }
  }

  /** Refuses a string of `length` characters that `fn` is about to build (checked before building it). */
  checkLength(length: number, fn: string, node: unknown, scope: ResolveScope): void {
    const max = TEMPLATE_LIMITS.maxValueChars;
    if (length > max) {
      throw this.ctx.error('TEMPLATE_INVALID', `"${fn}" in ${scope.where} builds a value longer than ${max} characters`, 'Shorten the values it combines', this.pos(node, scope));
    }
  }

  /** checkLength, and counts the string against the total that all intrinsics of the template may build. */
  charge(length: number, fn: string, node: unknown, scope: ResolveScope): void {
    this.checkLength(length, fn, node, scope);
    this.chars += length;
    if (this.chars > TEMPLATE_LIMITS.maxTotalChars) {
      throw this.ctx.error('TEMPLATE_INVALID', `Intrinsic functions build more than ${TEMPLATE_LIMITS.maxTotalChars} characters in total, the last in ${scope.where}`, 'Shorten the values that Fn::Join, Fn::Sub and the like combine, or reuse fewer of them', this.pos(node, scope));
    }
  }

  private resolveValue(value: unknown, scope: ResolveScope): unknown {
    if (Array.isArray(value)) {
      return value.map((v) => this.resolve(v, scope)).filter((v) => v !== NO_VALUE);
    }
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      return this.intrinsic(keys[0], value, scope);
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = this.resolve(value[k], scope);
      if (v !== NO_VALUE) out[k] = v;
    }
    return out;
  }

  private intrinsic(fn: string, node: Record<string, unknown>, scope: ResolveScope): unknown {
    try {
      const arg = node[fn];
      if (fn === 'Ref') return this.ref(this.str(this.resolve(arg, scope), fn, node, scope), node, scope);
      const impl = valueFunctions[fn] ?? conditionFunctions[fn];
      if (!impl) {
        throw this.ctx.error('UNSUPPORTED_INTRINSIC', `Unsupported intrinsic function "${fn}" in ${scope.where}`, 'Replace it with a literal value or a supported function (Ref, Fn::Sub, Fn::GetAtt, Fn::If, Fn::Join, …)', this.pos(node, scope));
      }
      return impl(this, arg, node, scope);
    } catch (e) {
      if (!scope.lenient || !isWorkbenchError(e) || !['UNSUPPORTED_INTRINSIC', 'UNRESOLVED_REFERENCE'].includes(e.code)) throw e;
      this.ctx.warnings.push(`${e.message} (left unresolved: ${scope.where} does not use it locally)`);
      return node;
    }
  }

  pos(node: unknown, scope: ResolveScope): SourcePos | undefined {
    return this.ctx.at(node) ?? scope.pos;
  }

  /** A string argument, or TEMPLATE_INVALID naming the function. */
  str(v: unknown, fn: string, node: unknown, scope: ResolveScope): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) {
      this.charge(v.reduce((n: number, x) => n + String(x).length + 1, 0), fn, node, scope);
      return v.join(',');
    }
    throw this.ctx.error('TEMPLATE_INVALID', `"${fn}" in ${scope.where} needs a string`, `Check the arguments of ${fn}; got: ${JSON.stringify(v)}`, this.pos(node, scope));
  }

  /** Ref semantics: hook, parameter, pseudo parameter, resource. */
  ref(name: string, node: unknown, scope: ResolveScope): unknown {
    const hooked = scope.refHook?.(name);
    if (hooked !== undefined) return hooked;
    const ctx = this.ctx;
    if (ctx.params.has(name)) return ctx.params.get(name);
    const p = ctx.pseudo;
    switch (name) {
      case 'AWS::Region': return p.region;
      case 'AWS::AccountId': return p.accountId;
      case 'AWS::StackName': return p.stackName;
      case 'AWS::StackId': return `arn:aws:cloudformation:${p.region}:${p.accountId}:stack/${p.stackName}/00000000-0000-0000-0000-000000000000`;
      case 'AWS::Partition': return 'aws';
      case 'AWS::URLSuffix': return 'amazonaws.com';
      case 'AWS::NoValue': return NO_VALUE;
      case 'AWS::NotificationARNs': return [];
    }
    if (ctx.missingParams.has(name)) {
      // SAM CLI resolves a parameter with neither Default nor override to "" (an env-vars file may fill what it fed).
      if (!this.blankedParams.has(name)) {
        this.blankedParams.add(name);
        ctx.warn(`Parameter "${name}" has no Default and no --parameter-overrides value; it resolves to "" (first used in ${scope.where}), as with SAM CLI`, this.pos(node, scope));
      }
      return '';
    }
    const type = this.resourceType(name, node, scope);
    if (!type) {
      throw ctx.error('UNRESOLVED_REFERENCE', `Unresolved reference "${name}" in ${scope.where}`, 'Declare it under Parameters or Resources, or fix the name', this.pos(node, scope));
    }
    const physical = this.physicalName(name, type, scope);
    if (LAYER_TYPES.has(type)) return `arn:aws:lambda:${p.region}:${p.accountId}:layer:${physical}:1`;
    return FUNCTION_TYPES.has(type) ? physical : refValue(p, type, physical);
  }

  getAtt(resource: string, attr: string, node: unknown, scope: ResolveScope): unknown {
    const type = this.resourceType(resource, node, scope);
    if (!type) {
      throw this.ctx.error('UNRESOLVED_REFERENCE', `Unresolved reference "${resource}.${attr}" in ${scope.where}`, `Declare a resource named "${resource}" under Resources, or fix the name`, this.pos(node, scope));
    }
    const name = this.physicalName(resource, type, scope);
    const p = this.ctx.pseudo;
    if (FUNCTION_TYPES.has(type) && attr === 'Arn') return functionArn(p.region, p.accountId, name);
    return attrValue(p, type, name, attr);
  }

  /** Template resources plus the ones SAM generates implicitly (ServerlessRestApi, <Function>Role, …). */
  resourceType(name: string, node?: unknown, scope?: ResolveScope): string | undefined {
    const skippedBy = this.ctx.skipped.get(name);
    if (skippedBy !== undefined && scope) {
      throw this.ctx.error('UNRESOLVED_REFERENCE', `Reference "${name}" in ${scope.where} points at a resource left out because its Condition "${skippedBy}" is false`, `Guard the reference with Fn::If "${skippedBy}", or change the condition`, this.pos(node, scope));
    }
    const own = this.ctx.resources.get(name)?.type;
    if (own) return own;
    if (name === 'ServerlessRestApi') return 'AWS::ApiGateway::RestApi';
    if (name === 'ServerlessHttpApi') return 'AWS::ApiGatewayV2::Api';
    if (name.endsWith('Role') && this.ctx.resources.get(name.slice(0, -4))?.type === 'AWS::Serverless::Function') return 'AWS::IAM::Role';
    return undefined;
  }

  /** The resource's name property (FunctionName, LayerName, TableName, …) when set, else its logical id. */
  physicalName(logicalId: string, type: string, scope: ResolveScope): string {
    const prop = FUNCTION_TYPES.has(type) ? 'FunctionName' : LAYER_TYPES.has(type) ? 'LayerName' : nameProperty(type);
    const props = this.ctx.resources.get(logicalId)?.properties;
    if (!prop || !props || props[prop] === undefined || this.inProgress.has(logicalId)) return logicalId;
    this.inProgress.add(logicalId);
    try {
      const v = this.resolve(props[prop], { ...scope, lenient: false });
      return typeof v === 'string' && v !== '' ? v : logicalId;
    } finally {
      this.inProgress.delete(logicalId);
    }
  }

  /** Resolves a Mappings entry that `Fn::FindInMap` found; an entry that finds itself is a cycle, not a loop. */
  mappingEntry(keys: string[], found: unknown, node: unknown, scope: ResolveScope): unknown {
    const key = `mapping:${JSON.stringify(keys)}`;
    if (this.inProgress.has(key)) {
      throw this.ctx.error('TEMPLATE_INVALID', `Mapping entry "${keys.join('.')}" used in ${scope.where} refers to itself through Fn::FindInMap`, 'Mapping values must be literals: write the value out', this.pos(node, scope));
    }
    this.inProgress.add(key);
    try {
      return this.resolve(found, scope);
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** Evaluates the named condition from the Conditions section (cached). */
  condition(name: string, node: unknown, scope: ResolveScope): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const ctx = this.ctx;
    if (!Object.prototype.hasOwnProperty.call(ctx.conditions, name)) {
      throw ctx.error('UNRESOLVED_REFERENCE', `Condition "${name}" used in ${scope.where} is not defined`, 'Declare it under Conditions, or fix the name', this.pos(node, scope));
    }
    const key = `condition:${name}`;
    if (this.inProgress.has(key)) {
      const cycle = [...this.conditionChain.slice(this.conditionChain.indexOf(name)), name];
      const what = cycle.length === 2 ? `Condition "${name}" refers to itself` : `Conditions ${cycle.map((c) => `"${c}"`).join(' → ')} refer to each other in a cycle`;
      throw ctx.error('TEMPLATE_INVALID', what, 'Break the cycle in the Conditions section', ctx.at(ctx.conditions, name));
    }
    this.inProgress.add(key);
    this.conditionChain.push(name);
    try {
      const v = this.resolve(ctx.conditions[name], { where: `condition "${name}"`, pos: ctx.at(ctx.conditions, name) });
      if (typeof v !== 'boolean') {
        throw ctx.error('TEMPLATE_INVALID', `Condition "${name}" does not evaluate to true or false`, 'Use Fn::Equals, Fn::And, Fn::Or or Fn::Not', ctx.at(ctx.conditions, name));
      }
      this.conditionCache.set(name, v);
      return v;
    } finally {
      this.inProgress.delete(key);
      this.conditionChain.pop();
    }
  }
}
