// core/registry: every way a caller names a function and its qualifier (lambda-semantics.md §5.1, §6):
// `fn`, `fn:3`, `fn:live`, `fn:$LATEST`, a separate Qualifier, full ARNs and partial ARNs
// `123456789012:function:fn[:q]`. Malformed names and qualifiers are INVALID_PARAMETER (the API's
// InvalidParameterValueException); a name that parses but names nothing is FUNCTION_NOT_FOUND elsewhere.
import { WorkbenchError } from '../common/errors';

export const LATEST = '$LATEST';

/** A caller's function name, split. `qualifier` is undefined for an unqualified name (it runs `$LATEST`). */
export interface FunctionTarget {
  /** Function name or template logical id. */
  name: string;
  qualifier?: string;
  /** Only when the caller gave an ARN. */
  region?: string;
  accountId?: string;
}

export type Qualifier = { kind: 'latest' } | { kind: 'version'; version: number } | { kind: 'alias'; alias: string };

const NAME = /^[A-Za-z0-9_.-]+$/;
const QUALIFIER = /^(\$LATEST|[A-Za-z0-9_-]+)$/;
const ARN = /^arn:(aws[A-Za-z-]*):lambda:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):function:([^:]*)(?::([^:]*))?$/;
const PARTIAL = /^(\d{12}):function:([^:]*)(?::([^:]*))?$/;
/** Lambda's limits: 64 characters for the name, 128 for a qualifier, 256 for the whole string (§5.1). */
const MAX_NAME = 64;
const MAX_QUALIFIER = 128;
const MAX_WHOLE = 256;

/**
 * Splits `input` (any accepted form) and merges a separately given qualifier (`--qualifier`, the API's
 * `?Qualifier=`). Fast for the common plain name: no regex unless the input has a colon.
 */
export function parseFunctionName(input: string, qualifier?: string): FunctionTarget {
  let target: FunctionTarget;
  if (!input.includes(':')) target = { name: input };
  else target = parseQualified(input);
  if (!target.name || target.name.length > MAX_NAME || !NAME.test(target.name)) {
    throw invalid(`Invalid function name "${input}": a function name is 1–${MAX_NAME} letters, digits, hyphens, underscores or dots, optionally as an ARN or with a ":qualifier".`);
  }
  if (target.qualifier !== undefined) checkQualifier(target.qualifier, input);
  if (qualifier !== undefined && qualifier !== '') {
    checkQualifier(qualifier, input);
    if (target.qualifier !== undefined && target.qualifier !== qualifier) {
      // Lambda's own wording for fn:1 with Qualifier=2.
      throw invalid(`The derived qualifier from the function name does not match the specified qualifier: "${target.qualifier}" in "${input}", "${qualifier}" given separately.`);
    }
    target.qualifier = qualifier;
  }
  return target;
}

function parseQualified(input: string): FunctionTarget {
  if (input.length > MAX_WHOLE) throw invalid(`Invalid function name: longer than ${MAX_WHOLE} characters ("${input.slice(0, 40)}…").`);
  const arn = ARN.exec(input);
  if (arn) return { name: arn[4], qualifier: arn[5], region: arn[2], accountId: arn[3] };
  if (input.startsWith('arn:')) throw invalid(`Invalid function ARN "${input}": expected arn:aws:lambda:<region>:<12-digit account>:function:<name>[:<qualifier>].`);
  const partial = PARTIAL.exec(input);
  if (partial) return { name: partial[2], qualifier: partial[3], accountId: partial[1] };
  const parts = input.split(':');
  if (parts.length !== 2) throw invalid(`Invalid function name "${input}": use name, name:qualifier, 123456789012:function:name[:qualifier] or a full ARN.`);
  return { name: parts[0], qualifier: parts[1] };
}

function checkQualifier(q: string, input: string): void {
  if (q.length < 1 || q.length > MAX_QUALIFIER || !QUALIFIER.test(q)) {
    throw invalid(`Invalid qualifier "${q}" for "${input}": use $LATEST, a version number, or an alias name (1–${MAX_QUALIFIER} letters, digits, hyphens, underscores).`);
  }
}

/** What a (valid) qualifier names: `$LATEST`, a version number, or an alias (§6: all digits means a version). */
export function classifyQualifier(q: string | undefined): Qualifier {
  if (q === undefined || q === LATEST) return { kind: 'latest' };
  if (/^[0-9]+$/.test(q)) return { kind: 'version', version: Number(q) };
  return { kind: 'alias', alias: q };
}

/** Alias names: 1–128 of [A-Za-z0-9_-], not all digits (§6). */
export function validateAliasName(name: string): void {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(name) || /^[0-9]+$/.test(name)) {
    throw invalid(`Invalid alias name "${name}": 1–128 letters, digits, hyphens or underscores, not all digits (an all-digit name is a version).`);
  }
}

/** A version an alias may point at: `$LATEST` or a published version number (§6). */
export function validateVersionRef(v: string, what: string): void {
  if (v !== LATEST && !/^[0-9]+$/.test(v)) throw invalid(`Invalid ${what} "${v}": use a published version number or $LATEST.`);
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError('INVALID_PARAMETER', message);
}
