// core/pipeline: buildspec.yml (CodeBuild's build specification, version 0.2) read with the `yaml` library into
// the phases the local Build stage runs: env.variables and env.shell, install / pre_build / build / post_build
// with their commands, finally and on-failure. What only CodeBuild's cloud can do (parameter-store, secrets,
// artifacts upload, reports, cache) is accepted and named in a warning; anything malformed is BUILDSPEC_INVALID.
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { WorkbenchError } from '../common/errors';

/** The four phases, in the order CodeBuild runs them. */
export const PHASE_NAMES = ['install', 'pre_build', 'build', 'post_build'] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];

/** What CodeBuild does after a failing phase; unset follows the documented phase transitions (buildStage.ts). */
export type OnFailure = 'ABORT' | 'CONTINUE';

export interface BuildPhase {
  name: PhaseName;
  commands: string[];
  finally: string[];
  onFailure?: OnFailure;
}

export interface Buildspec {
  /** Shell of every phase: `bash` or `/bin/sh` (CodeBuild's Linux choices; its default is sh). */
  shell: string;
  variables: Record<string, string>;
  /** The phases present in the file, in CodeBuild's order. */
  phases: BuildPhase[];
  /** Things the file asks for that only CodeBuild's cloud does, ignored here. */
  warnings: string[];
}

/** env.shell values of CodeBuild's Linux images → the executable. */
const SHELLS: Record<string, string> = { bash: 'bash', '/bin/sh': '/bin/sh', sh: '/bin/sh' };
const CLOUD_ONLY_ENV = ['parameter-store', 'secrets-manager', 'exported-variables', 'git-credential-helper'];
const KNOWN_TOP = new Set(['version', 'run-as', 'env', 'proxy', 'batch', 'phases', 'reports', 'artifacts', 'cache']);
const KNOWN_PHASE_KEYS = new Set(['commands', 'finally', 'on-failure', 'run-as', 'runtime-versions']);

/** Parses buildspec text; `file` names it in errors. Throws BUILDSPEC_INVALID with the line at fault. */
export function parseBuildspec(text: string, file: string): Buildspec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  // Positions point at the key of the entry at fault (its value may sit on a later line, or be empty).
  const fail = (path: (string | number)[], message: string, fix: string): WorkbenchError => {
    const parent = path.length ? doc.getIn(path.slice(0, -1), true) : undefined;
    const pair = isMap(parent) ? parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path.at(-1)) : undefined;
    const node = pair?.key ?? (path.length ? doc.getIn(path, true) : doc.contents);
    const offset = (node as { range?: [number, number, number] } | null)?.range?.[0];
    const line = offset === undefined ? undefined : lineCounter.linePos(offset).line;
    return new WorkbenchError('BUILDSPEC_INVALID', `${file}${line ? `:${line}` : ''}: ${message}. ${fix}`, { file, line });
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = lineCounter.linePos(e.pos[0]).line;
    throw new WorkbenchError('BUILDSPEC_INVALID', `${file}:${line}: not valid YAML: ${e.message.split('\n')[0]}. Fix the YAML syntax there.`, { file, line });
  }
  if (!isMap(doc.contents)) throw fail([], 'a buildspec is a YAML map (version, env, phases)', 'Start it with "version: 0.2" and a "phases:" map');
  const root = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  const version = root.version;
  if (version === undefined) throw fail([], 'no "version"', 'Add "version: 0.2" (the only version run here)');
  if (String(version) !== '0.2') throw fail(['version'], `version ${String(version)} is not supported`, 'Use "version: 0.2" (0.1 ran each command in its own shell and is deprecated by CodeBuild)');
  const warnings: string[] = [];
  for (const key of Object.keys(root)) {
    if (!KNOWN_TOP.has(key)) throw fail([key], `unknown key "${key}"`, `Use only ${[...KNOWN_TOP].join(', ')}`);
  }
  for (const key of ['reports', 'artifacts', 'cache', 'proxy', 'batch', 'run-as']) {
    if (root[key] !== undefined) warnings.push(`${file}: "${key}" is a CodeBuild cloud setting; ignored by the local pipeline`);
  }
  const { shell, variables } = readEnv(doc, root.env, fail, file, warnings);
  const phases = readPhases(root.phases, fail, file, warnings);
  return { shell, variables, phases, warnings };
}

type Fail = (path: (string | number)[], message: string, fix: string) => WorkbenchError;

function readEnv(doc: Document, env: unknown, fail: Fail, file: string, warnings: string[]): { shell: string; variables: Record<string, string> } {
  if (env === undefined || env === null) return { shell: SHELLS.sh, variables: {} };
  if (!isMap(doc.getIn(['env'], true))) throw fail(['env'], '"env" is not a map', 'Give it "variables:" (a map of names to values) and optionally "shell:"');
  const e = env as Record<string, unknown>;
  for (const key of CLOUD_ONLY_ENV) if (e[key] !== undefined) warnings.push(`${file}: env "${key}" needs CodeBuild's cloud; ignored by the local pipeline`);
  let shell = SHELLS.sh;
  if (e.shell !== undefined) {
    shell = SHELLS[String(e.shell)];
    if (!shell) throw fail(['env', 'shell'], `env.shell "${String(e.shell)}" is not a Linux shell CodeBuild offers`, 'Use "bash" or "/bin/sh"');
  }
  const variables: Record<string, string> = {};
  if (e.variables !== undefined && e.variables !== null) {
    const node = doc.getIn(['env', 'variables'], true);
    if (!isMap(node)) throw fail(['env', 'variables'], 'env.variables is not a map', 'Write one "NAME: value" per line');
    for (const [name, value] of Object.entries(e.variables as Record<string, unknown>)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw fail(['env', 'variables', name], `env.variables name "${name}" is not a shell variable name`, 'Use letters, digits and _ (not starting with a digit)');
      if (value !== null && typeof value === 'object') throw fail(['env', 'variables', name], `env.variables "${name}" is not a string`, 'Quote the value');
      variables[name] = value === null ? '' : String(value);
    }
  }
  return { shell, variables };
}

function readPhases(phases: unknown, fail: Fail, file: string, warnings: string[]): BuildPhase[] {
  if (phases === undefined || phases === null) throw fail([], 'no "phases"', 'Add "phases:" with at least a "build:" phase and its "commands:"');
  if (typeof phases !== 'object' || Array.isArray(phases)) throw fail(['phases'], '"phases" is not a map', `Use the phase names ${PHASE_NAMES.join(', ')}`);
  const given = phases as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!(PHASE_NAMES as readonly string[]).includes(name)) throw fail(['phases', name], `unknown phase "${name}"`, `The phases are ${PHASE_NAMES.join(', ')}`);
  }
  const out: BuildPhase[] = [];
  for (const name of PHASE_NAMES) {
    const p = given[name];
    if (p === undefined || p === null) continue;
    if (typeof p !== 'object' || Array.isArray(p)) throw fail(['phases', name], `phase "${name}" is not a map`, 'Give it "commands:" (a list) and optionally "finally:" and "on-failure:"');
    const phase = p as Record<string, unknown>;
    for (const key of Object.keys(phase)) {
      if (!KNOWN_PHASE_KEYS.has(key)) throw fail(['phases', name, key], `unknown key "${key}" in phase "${name}"`, `Use ${[...KNOWN_PHASE_KEYS].join(', ')}`);
    }
    if (phase['runtime-versions'] !== undefined) warnings.push(`${file}: ${name} runtime-versions select CodeBuild image runtimes; the local pipeline uses the tools on your PATH`);
    if (phase['run-as'] !== undefined) warnings.push(`${file}: ${name} run-as is ignored; the local pipeline runs commands as you`);
    let onFailure: OnFailure | undefined;
    const of = phase['on-failure'];
    if (of !== undefined) {
      if (of !== 'ABORT' && of !== 'CONTINUE') throw fail(['phases', name, 'on-failure'], `on-failure "${String(of)}" of phase "${name}" is not run locally`, 'Use ABORT or CONTINUE');
      onFailure = of;
    }
    out.push({ name, commands: commandList(phase.commands, ['phases', name, 'commands'], fail), finally: commandList(phase.finally, ['phases', name, 'finally'], fail), onFailure });
  }
  if (!out.length) throw fail(['phases'], 'no phase has commands', 'Add a "build:" phase with "commands:"');
  return out;
}

function commandList(v: unknown, path: string[], fail: Fail): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw fail(path, `"${path.join('.')}" is not a list`, 'Write one "- command" per line');
  return v.map((c, i) => {
    if (c === null || typeof c === 'object') throw fail([...path, i], `command ${i + 1} of "${path.join('.')}" is not a string`, 'Quote the command (a ": " inside it makes YAML read a map)');
    return String(c);
  });
}

