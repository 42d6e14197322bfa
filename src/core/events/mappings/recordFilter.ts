// core/events/mappings: FilterCriteria (lambda-semantics.md §11.5) on the one event-pattern matcher, shared by
// every poller: up to 5 patterns, ORed; each sees the record with its data key decoded — SQS `body` (JSON when
// the body is a JSON object or array), Kinesis `data` (base64-decoded, JSON-parsed), DynamoDB `dynamodb` as is.
// The body-format matrix: a JSON pattern on a plain-string body, or a plain-string pattern on a JSON body, drops
// the record; a pattern without the data key filters on metadata only; streams reject a non-JSON data pattern.
import { WorkbenchError } from '../../common/errors';
import { compilePattern, type Matcher } from '../pattern/compilePattern';
import type { FilterCriteria, SourceKind } from './mappingTypes';

/** Whether a record (as the poller built it for the function) passes the mapping's FilterCriteria. */
export type RecordFilter = (record: Record<string, unknown>) => boolean;

/** Lambda's default quota of filters per mapping (§11.5). */
export const MAX_FILTERS = 5;
export const MAX_PATTERN_LENGTH = 4096;

/** The data key each kind filters on. */
const DATA_KEY: Record<SourceKind, string> = { sqs: 'body', kinesis: 'data', dynamodb: 'dynamodb' };

type DataForm = 'json' | 'string' | 'none';

interface CompiledFilter {
  match: Matcher;
  /** What the pattern expects the data to be: a JSON pattern (an object), a plain-string pattern (a list), or none. */
  form: DataForm;
}

function invalid(reason: string): WorkbenchError {
  return new WorkbenchError('INVALID_PARAMETER', `Invalid filter pattern definition. ${reason}`);
}

/** Validates FilterCriteria as Create/UpdateEventSourceMapping do; throws INVALID_PARAMETER with Lambda's wording. */
export function validateFilterCriteria(criteria: unknown, kind: SourceKind): FilterCriteria | undefined {
  if (criteria === undefined || criteria === null) return undefined;
  const filters = (criteria as { Filters?: unknown }).Filters;
  if (typeof criteria !== 'object' || (filters !== undefined && !Array.isArray(filters))) throw invalid('FilterCriteria must be {"Filters": [{"Pattern": "<JSON>"}]}.');
  const list = (filters ?? []) as unknown[];
  if (list.length > MAX_FILTERS) throw new WorkbenchError('INVALID_PARAMETER', `The number of filters (${list.length}) exceeds the limit of ${MAX_FILTERS} per event source mapping.`);
  const out: FilterCriteria = { Filters: [] };
  for (const f of list) {
    const pattern = (f as { Pattern?: unknown } | null)?.Pattern;
    if (typeof pattern !== 'string') throw invalid('Each filter needs a Pattern: a JSON object as a string.');
    if (pattern.length > MAX_PATTERN_LENGTH) throw invalid(`A Pattern is ${pattern.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed.`);
    compileOne(pattern, kind);
    out.Filters.push({ Pattern: pattern });
  }
  return out;
}

function compileOne(pattern: string, kind: SourceKind): CompiledFilter {
  let parsed: unknown;
  try {
    parsed = JSON.parse(pattern);
  } catch (e) {
    throw invalid(`The pattern is not JSON (${(e as Error).message}): ${pattern}`);
  }
  let match: Matcher;
  try {
    match = compilePattern(parsed, { what: 'FilterCriteria' });
  } catch (e) {
    throw invalid((e as Error).message.replace(/^Event pattern is not valid\. /, ''));
  }
  const data = (parsed as Record<string, unknown>)[DATA_KEY[kind]];
  const form: DataForm = data === undefined ? 'none' : Array.isArray(data) ? 'string' : 'json';
  // §11.5: streams' data is filtered as JSON only; a plain-string data pattern is refused at create/update.
  if (kind === 'kinesis' && form === 'string') throw invalid(`The "data" key of a Kinesis filter must be a JSON object pattern (the record data is matched as JSON): ${pattern}`);
  return { match, form };
}

/** Compiles validated FilterCriteria; undefined when there is nothing to filter. */
export function compileFilterCriteria(criteria: FilterCriteria | undefined, kind: SourceKind): RecordFilter | undefined {
  if (!criteria?.Filters.length) return undefined;
  const filters = criteria.Filters.map((f) => compileOne(f.Pattern, kind));
  return (record) => {
    const views = dataViews(record, kind);
    return filters.some((f) => {
      if (f.form === 'none') return f.match(views.metadata);
      const view = f.form === 'json' ? views.json : views.string;
      return view !== undefined && f.match(view);
    });
  };
}

interface Views {
  /** The record, data key as the record has it (metadata-only patterns). */
  metadata: Record<string, unknown>;
  /** The record with its data as parsed JSON; undefined when the data is not JSON. */
  json?: Record<string, unknown>;
  /** The record with its data as a plain string; undefined when the data is JSON. */
  string?: Record<string, unknown>;
}

function dataViews(record: Record<string, unknown>, kind: SourceKind): Views {
  if (kind === 'dynamodb') return { metadata: record, json: record };
  if (kind === 'kinesis') {
    const k = (record.kinesis ?? {}) as Record<string, unknown>;
    const text = typeof k.data === 'string' ? Buffer.from(k.data, 'base64').toString('utf8') : '';
    const parsed = parseJsonData(text);
    const base = { ...record, ...k };
    return { metadata: base, json: parsed === undefined ? undefined : { ...base, data: parsed } };
  }
  const body = typeof record.body === 'string' ? record.body : '';
  const parsed = parseJsonData(body);
  return { metadata: record, json: parsed === undefined ? undefined : { ...record, body: parsed }, string: parsed === undefined ? record : undefined };
}

/** JSON data: an object or array (a bare number or string in the data counts as a plain string). */
function parseJsonData(text: string): unknown {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
