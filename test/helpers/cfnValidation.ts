// Test helper: a template validated by two validators we did not write — npm cfn-lint (1.9.7, which carries a
// 2019 resource specification) and the 2023 CloudFormation resource specification of @aws-cdk/cfnspec
// (cfnSpec.ts). The rule: no cfn-lint error stands unless the newer specification contradicts it, mechanically:
//   - "Resource X has an invalid Type of T": accepted when the specification defines resource type T;
//   - "P is not a valid property of T": accepted when the specification defines P at that place of the template
//     (cfn-lint may have judged the place against an older or another type: an HttpApi event as an ApiEvent);
//   - "Expecting a JSON object / a string / …, got V": accepted when the specification's shape for that place is
//     the shape of V (a List given a list, an object type given an object).
// Every accepted error is returned with its justification; anything else is rejected (the test fails on it).
// Where the SAM part of cfnspec is itself behind SAM (cfnSpec.ts SAM_SUPPLEMENT, each row citing SAM's page),
// an error about such a property is accepted as its own kind, so the count shows how many rest on the supplement.
import { spawnSync } from 'node:child_process';
import { parseTemplateFile } from '../../src/core/template/parse';
import { checkAgainstSpec, supplementDoc, type SpecPlace } from './cfnSpec';

interface LintError {
  message: string;
  resource: string;
}
interface LintResult {
  errors: { crit: LintError[]; warn: LintError[]; info: LintError[] };
}
/**
 * cfn-lint's validateFile, in a process of its own: it keeps state between calls in one process (paths of an
 * earlier template leak into the next one's errors), so each template gets a fresh one.
 */
function cfnLint(file: string): LintResult {
  const script = `process.stdout.write(JSON.stringify(require(${JSON.stringify(require.resolve('cfn-lint'))}).validateFile(process.argv[1])))`;
  const r = spawnSync(process.execPath, ['-e', script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`cfn-lint failed on ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout) as LintResult;
}

export type AcceptedKind = 'resource type newer than cfn-lint' | 'property newer than cfn-lint' | 'shape the specification gives' | 'SAM property missing from both specifications (SAM_SUPPLEMENT)';

export interface Accepted {
  kind: AcceptedKind;
  message: string;
  path: string;
  /** Why the specification contradicts cfn-lint. */
  because: string;
}

export interface Validation {
  file: string;
  /** The template's departures from the resource specification. */
  specProblems: string[];
  /** cfn-lint errors the specification contradicts. */
  accepted: Accepted[];
  /** cfn-lint errors that stand. */
  rejected: string[];
  /** cfn-lint warnings (reported, not failing). */
  warnings: string[];
}

function shapeOf(v: unknown): string {
  if (Array.isArray(v)) return 'List';
  if (typeof v === 'object' && v !== null) return 'object';
  return typeof v;
}

/** The value at a cfn-lint path ("Resources > Fn > Properties > Events") of the parsed template. */
function valueAt(template: unknown, path: string): unknown {
  let v = template;
  for (const k of path.split(' > ')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** Whether the specification's shape for a place admits a value of shape `got` (objects: types and Maps). */
function shapeAgrees(place: SpecPlace, got: string): boolean {
  if (got === 'List') return place.shape === 'List';
  if (got === 'object') return place.shape === 'object' || place.shape === 'Map' || place.shape === 'Json';
  return !['List', 'Map', 'object', 'resource', 'union'].includes(place.shape);
}

function judge(e: LintError, places: Map<string, SpecPlace>, template: unknown): Accepted | undefined {
  const path = e.resource;
  const place = places.get(path);
  const type = /^Resource \S+ has an invalid Type of (\S+)\.$/.exec(e.message);
  if (type) return place?.shape === 'resource' && place.definedAs === type[1] ? { kind: 'resource type newer than cfn-lint', message: e.message, path, because: `the specification defines ${type[1]}` } : undefined;
  const prop = /^(\S+) is not a valid property of (\S+)$/.exec(e.message);
  if (prop && place) {
    const doc = supplementDoc(place.definedAs);
    if (doc) return { kind: 'SAM property missing from both specifications (SAM_SUPPLEMENT)', message: e.message, path, because: `SAM documents ${place.definedAs} at ${doc}; cfnspec 117 lacks it too` };
    return { kind: 'property newer than cfn-lint', message: e.message, path, because: `the specification defines ${place.definedAs}` };
  }
  const shape = /^Expecting (?:a|an) ([\w ]+), got /.exec(e.message);
  if (shape && place) {
    const got = shapeOf(valueAt(template, path));
    const doc = supplementDoc(place.definedAs);
    if (shapeAgrees(place, got) && doc) return { kind: 'SAM property missing from both specifications (SAM_SUPPLEMENT)', message: e.message, path, because: `SAM documents ${place.definedAs} (${place.shape}) at ${doc}; the template has a ${got}` };
    if (shapeAgrees(place, got)) return { kind: 'shape the specification gives', message: e.message, path, because: `the specification gives ${place.definedAs} the shape ${place.shape}; the template has a ${got}` };
  }
  return undefined;
}

/** Both validators over `file`. */
export function validateTemplate(file: string): Validation {
  const template = parseTemplateFile(file, file).data;
  const report = checkAgainstSpec(template);
  const lint = cfnLint(file);
  const accepted: Accepted[] = [];
  const rejected: string[] = [];
  for (const e of lint.errors.crit) {
    const ok = judge(e, report.places, template);
    if (ok) accepted.push(ok);
    else rejected.push(`${e.resource}: ${e.message}`);
  }
  return { file, specProblems: report.problems, accepted, rejected, warnings: lint.errors.warn.map((e) => `${e.resource}: ${e.message}`) };
}
