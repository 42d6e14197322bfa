// core/template: what every loader step shares about one template: its file, source positions, resources,
// parameters, pseudo parameters and warnings, plus the helper that builds positioned, coded errors.
import { WorkbenchError, type ErrorCode } from '../common/errors';
import type { SourceMap, SourcePos } from './parse';

export type ParamValue = string | number | string[];

export interface ResourceEntry {
  logicalId: string;
  type: string;
  /** Properties as written (after Globals for SAM functions), intrinsics unresolved. */
  properties: Record<string, unknown>;
  /** The resource's own map in the template (for positions). */
  raw: Record<string, unknown>;
  metadata?: unknown;
  condition?: string;
  line?: number;
}

export interface PseudoValues {
  region: string;
  accountId: string;
  stackName: string;
}

export class TemplateContext {
  readonly resources = new Map<string, ResourceEntry>();
  readonly params = new Map<string, ParamValue>();
  /** Declared parameters that have neither a Default nor an override; an error only when referenced. */
  readonly missingParams = new Set<string>();
  /** Resources left out because their Condition is false, with that condition's name. */
  readonly skipped = new Map<string, string>();
  mappings: Record<string, unknown> = {};
  conditions: Record<string, unknown> = {};
  readonly warnings: string[] = [];

  constructor(
    readonly file: string,
    readonly display: string,
    readonly sm: SourceMap,
    readonly pseudo: PseudoValues,
  ) {}

  /** Position of a map key (when `key` is given) or of a map/list/intrinsic object. */
  at(obj: unknown, key?: string): SourcePos | undefined {
    return key === undefined ? this.sm.node(obj) : (this.sm.key(obj, key) ?? this.sm.node(obj));
  }

  /** `<what> (<file>:<line>). <hint>` with file/line/column set on the error. */
  error(code: ErrorCode, what: string, hint: string, pos?: SourcePos, cause?: unknown): WorkbenchError {
    const where = pos ? ` (${this.display}:${pos.line})` : ` (${this.display})`;
    return new WorkbenchError(code, `${what}${where}. ${hint}`, {
      file: this.file,
      line: pos?.line,
      column: pos?.column,
      cause,
    });
  }

  warn(message: string, pos?: SourcePos): void {
    this.warnings.push(pos ? `${message} (${this.display}:${pos.line})` : message);
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
