// core/template: typed reads of one resource's properties (resolved through the Resolver), with errors that
// name the resource and cite the property's line.
import type { ResourceEntry, TemplateContext } from './context';
import { NO_VALUE, type ResolveScope, type Resolver } from './intrinsics';
import type { SourcePos } from './parse';

export class PropReader {
  readonly owner: string;
  readonly scope: ResolveScope;

  constructor(
    readonly ctx: TemplateContext,
    readonly resolver: Resolver,
    readonly entry: ResourceEntry,
    kind: 'function' | 'layer',
  ) {
    this.owner = `${kind} "${entry.logicalId}"`;
    this.scope = { where: this.owner, pos: this.resourcePos };
  }

  get resourcePos(): SourcePos | undefined {
    return this.entry.line ? { line: this.entry.line, column: 1 } : undefined;
  }

  get props(): Record<string, unknown> {
    return this.entry.properties;
  }

  /** Line of a property (first segment of a dotted path), else of the resource. */
  pos(key: string): SourcePos | undefined {
    return this.ctx.at(this.props, key.split('.')[0]) ?? this.resourcePos;
  }

  /** The raw (unresolved) value at a dotted path. */
  raw(path: string): unknown {
    let v: unknown = this.props;
    for (const k of path.split('.')) v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
    return v;
  }

  /**
   * The resolved value at a dotted path; undefined when absent or AWS::NoValue. The top-level property is
   * resolved whole, so an intrinsic at any level (e.g. `Environment: !If [...]`) is honoured.
   */
  value(path: string, scope: ResolveScope = this.scope): unknown {
    const [first, ...rest] = path.split('.');
    const raw = this.props[first];
    if (raw === undefined) return undefined;
    let v: unknown = this.resolver.resolve(raw, scope);
    for (const k of rest) v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
    return v === NO_VALUE || v === null ? undefined : v;
  }

  /** Like value(), but unsupported/unresolvable intrinsics become warnings (for properties kept, not used). */
  lenient(path: string): unknown {
    return this.value(path, { ...this.scope, lenient: true });
  }

  str(path: string): string | undefined {
    const v = this.value(path);
    if (v === undefined) return undefined;
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    throw this.ctx.error('TEMPLATE_INVALID', `${path} of ${this.owner} must be a string`, `Give it a string value, not: ${JSON.stringify(v)}`, this.pos(path));
  }

  strList(path: string): string[] | undefined {
    const v = this.value(path);
    if (v === undefined) return undefined;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    throw this.ctx.error('TEMPLATE_INVALID', `${path} of ${this.owner} must be a list of strings`, `Write it as a YAML list, not: ${JSON.stringify(v)}`, this.pos(path));
  }

  /** An integer within [min, max] (numeric strings accepted, as CloudFormation does). */
  int(path: string, fallback: number | undefined, min: number, max: number, unit = ''): number | undefined {
    const v = this.value(path);
    if (v === undefined) return fallback;
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      throw this.ctx.error('INVALID_PARAMETER', `${path} of ${this.owner} is out of range`, `Use a whole number from ${min} to ${max}${unit}, not: ${JSON.stringify(v)}`, this.pos(path));
    }
    return n;
  }

  /** One of `allowed`, or the fallback when absent. */
  oneOf<T extends string>(path: string, allowed: readonly T[], fallback?: T): T | undefined {
    const v = this.str(path);
    if (v === undefined) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    throw this.ctx.error('INVALID_PARAMETER', `${path} "${v}" of ${this.owner} is not valid`, `Use one of: ${allowed.join(', ')}`, this.pos(path));
  }
}
