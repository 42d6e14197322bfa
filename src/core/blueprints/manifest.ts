// core/blueprints: the manifest every blueprint folder carries (blueprint.json) — what pickers show (name,
// description, runtimes, tags, source kind) and what tests check (each sample event with its exact result).
import { WorkbenchError } from '../common/errors';

/** The event source a blueprint's function is written for; pickers group by it. */
export const SOURCE_KINDS = ['none', 'api', 'http-api', 'sqs', 'sns', 's3', 'dynamodb', 'kinesis', 'schedule', 'eventbridge', 'async', 'sdk', 'layer', 'streaming'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const LANGUAGES = ['javascript', 'typescript', 'python', 'shell'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A sample event of the blueprint and what invoking it returns. */
export interface BlueprintEvent {
  /** Relative to the blueprint folder, e.g. events/event.json. */
  file: string;
  /** The response payload, as JSON (compared deeply), when the function returns JSON. */
  expected?: unknown;
  /** The response payload as exact text (a streamed response, a plain string). */
  expectedText?: string;
  /** The function error's type and message, when the event is meant to fail. */
  expectedError?: { errorType: string; errorMessage: string };
}

export interface BlueprintManifest {
  /** Folder name, kebab-case: hello-world-nodejs. */
  name: string;
  description: string;
  /** Runtimes it runs on; the first is the one the template names. */
  runtimes: string[];
  language: Language;
  source: SourceKind;
  tags: string[];
  /** Logical id of the function in the blueprint's template.yaml. */
  function: string;
  /** The file a user opens first, relative to the blueprint folder. */
  handlerFile: string;
  events: BlueprintEvent[];
}

export const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const LOGICAL_ID = /^[A-Za-z0-9]+$/;

/** Checks a parsed blueprint.json; throws BLUEPRINT_INVALID naming the file and the field. */
export function validateManifest(raw: unknown, file: string): BlueprintManifest {
  const bad = (what: string) => new WorkbenchError('BLUEPRINT_INVALID', `Blueprint manifest ${file}: ${what}.`, { file });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('must be a JSON object');
  const m = raw as Record<string, unknown>;
  const { str, strings, oneOf } = fieldReaders(m, bad);
  if (!Array.isArray(m.events)) throw bad('"events" must be an array of { file, expected | expectedText }');
  const events = m.events.map((e: unknown, i) => validateEvent(e, i, bad));
  return {
    name: str('name', KEBAB),
    description: str('description'),
    runtimes: strings('runtimes'),
    language: oneOf('language', LANGUAGES),
    source: oneOf('source', SOURCE_KINDS),
    tags: strings('tags'),
    function: str('function', LOGICAL_ID),
    handlerFile: str('handlerFile'),
    events,
  };
}

/** Checks one entry of a manifest's "events" (blueprint.json, app.json); `bad` makes the error naming the file. */
export function validateEvent(e: unknown, i: number, bad: (what: string) => Error): BlueprintEvent {
  const ev = (e ?? {}) as Record<string, unknown>;
  if (typeof ev.file !== 'string' || !ev.file.endsWith('.json')) throw bad(`events[${i}].file must name a .json file`);
  const err = ev.expectedError as Record<string, unknown> | undefined;
  if (err !== undefined && (typeof err?.errorType !== 'string' || typeof err.errorMessage !== 'string')) throw bad(`events[${i}].expectedError must be { errorType, errorMessage }`);
  if ([('expected' in ev), typeof ev.expectedText === 'string', err !== undefined].filter(Boolean).length !== 1) throw bad(`events[${i}] needs one of "expected" (JSON), "expectedText" (string) or "expectedError"`);
  return {
    file: ev.file,
    ...('expected' in ev ? { expected: ev.expected } : {}),
    ...(typeof ev.expectedText === 'string' ? { expectedText: ev.expectedText } : {}),
    ...(err ? { expectedError: { errorType: err.errorType as string, errorMessage: err.errorMessage as string } } : {}),
  };
}

/** Readers of a manifest's fields that throw `bad(what)` naming the field: shared by blueprint.json and app.json. */
export function fieldReaders(m: Record<string, unknown>, bad: (what: string) => Error) {
  const str = (k: string, re?: RegExp) => {
    const v = m[k];
    if (typeof v !== 'string' || !v.trim()) throw bad(`"${k}" must be a non-empty string`);
    if (re && !re.test(v)) throw bad(`"${k}" is "${v}", which does not match ${re}`);
    return v;
  };
  const strings = (k: string, re?: RegExp) => {
    const v = m[k];
    if (!Array.isArray(v) || !v.length || v.some((x) => typeof x !== 'string' || !x)) throw bad(`"${k}" must be a non-empty array of strings`);
    const wrong = re && (v as string[]).find((x) => !re.test(x));
    if (wrong) throw bad(`"${k}" has "${wrong}", which does not match ${re}`);
    return v as string[];
  };
  const oneOf = <T extends string>(k: string, choices: readonly T[]): T => {
    const v = str(k);
    if (!choices.includes(v as T)) throw bad(`"${k}" is "${v}"; use one of ${choices.join(', ')}`);
    return v as T;
  };
  return { str, strings, oneOf };
}
