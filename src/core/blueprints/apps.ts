// core/blueprints: application templates — whole projects (several functions, their supporting resources, unit
// tests, a buildspec, a CodePipeline template, a GitHub Actions workflow) under blueprints/apps/<id>/, each with
// an app.json manifest. `listApplications` reads the catalog, `createApplication` copies one into an empty or new
// folder. No git here: the callers (`init --app`, VS Code's New Application from Template…) run `git init`.
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../common/errors';
import { readCatalog } from './catalog';
import { filesUnder } from './init';
import { fieldReaders, KEBAB, LANGUAGES, LOGICAL_ID, validateEvent, type BlueprintEvent, type Language } from './manifest';

/** A sample event of one of the application's functions and what invoking it returns. */
export interface AppEvent extends BlueprintEvent {
  /** Logical id of the function the event is for (one of `functions`). */
  function: string;
}

export interface AppManifest {
  /** Folder name under blueprints/apps/, kebab-case: http-api-nodejs. */
  name: string;
  description: string;
  /** Runtimes its functions run on. */
  runtimes: string[];
  language: Language;
  tags: string[];
  /** Logical ids of the functions in its template.yaml. */
  functions: string[];
  /** The command that runs the application's unit tests from its folder (what its buildspec runs too). */
  test: string;
  /** Sample events, each with the function it is for and its exact result (the tests invoke each). */
  events: AppEvent[];
}

export interface Application {
  /** The application's folder (absolute). */
  dir: string;
  manifest: AppManifest;
}

export interface CreateApplicationOptions {
  app: Application;
  /** The project folder: created when missing, refused (TARGET_NOT_EMPTY) when it has anything in it. */
  dir: string;
  /** The project's name (kebab-case), written where the template's id names the project (package.json, stack). */
  name?: string;
}

export interface CreateApplicationResult {
  dir: string;
  /** Every file written, relative to dir (sorted). */
  files: string[];
  /** What to run next from dir: the unit tests, an invoke per function, the pipeline. */
  nextCommands: string[];
}

const MANIFEST = 'app.json';
/** Where application templates live, under the blueprints folder. */
export const APPS_FOLDER = 'apps';
/** Files whose text names the project by the template's id, rewritten to the project's name. */
const NAMED_FILES = new Set(['package.json', 'README.md', 'pipeline/pipeline.yaml', '.github/workflows/pipeline.yml', 'buildspec.yml', 'samconfig.toml']);

/** Checks a parsed app.json; throws BLUEPRINT_INVALID naming the file and the field. */
export function validateAppManifest(raw: unknown, file: string): AppManifest {
  const bad = (what: string) => new WorkbenchError('BLUEPRINT_INVALID', `Application manifest ${file}: ${what}.`, { file });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('must be a JSON object');
  const m = raw as Record<string, unknown>;
  const { str, strings, oneOf } = fieldReaders(m, bad);
  const functions = strings('functions', LOGICAL_ID);
  if (!Array.isArray(m.events)) throw bad('"events" must be an array of { function, file, expected | expectedText | expectedError }');
  const events = m.events.map((e: unknown, i): AppEvent => {
    const fn = (e as Record<string, unknown> | null)?.function;
    if (typeof fn !== 'string' || !functions.includes(fn)) throw bad(`events[${i}].function must be one of ${functions.join(', ')}`);
    return { function: fn, ...validateEvent(e, i, bad) };
  });
  return { name: str('name', KEBAB), description: str('description'), runtimes: strings('runtimes'), language: oneOf('language', LANGUAGES), tags: strings('tags'), functions, test: str('test'), events };
}

/** Every application template under `blueprintsRoot`/apps, sorted by name; none when that folder is missing. */
export async function listApplications(blueprintsRoot: string): Promise<Application[]> {
  const root = join(blueprintsRoot, APPS_FOLDER);
  if (!existsSync(root)) return [];
  return readCatalog(root, MANIFEST, 'Application', validateAppManifest, (m) => ['template.yaml', ...m.events.map((ev) => ev.file)]);
}

/** The application template called `name` (under `blueprintsRoot`/apps); BLUEPRINT_NOT_FOUND listing the names otherwise. */
export async function findApplication(blueprintsRoot: string, name: string): Promise<Application> {
  const all = await listApplications(blueprintsRoot);
  const found = all.find((a) => a.manifest.name === name);
  if (found) return found;
  throw new WorkbenchError('BLUEPRINT_NOT_FOUND', `No application template named "${name}". Applications: ${all.map((a) => a.manifest.name).join(', ') || 'none'} (lambda-workbench init --list describes them).`);
}

/** Copies application `app` into `dir` (new or empty). */
export async function createApplication(opts: CreateApplicationOptions): Promise<CreateApplicationResult> {
  const { app, dir } = opts;
  const m = app.manifest;
  if (opts.name !== undefined && !KEBAB.test(opts.name)) throw new WorkbenchError('INVALID_PARAMETER', `--name "${opts.name}" is not a project name: use lower-case letters, digits and dashes, e.g. orders-api.`);
  const stat = await fsp.stat(dir).catch(() => undefined);
  if (stat && !stat.isDirectory()) throw new WorkbenchError('TARGET_NOT_EMPTY', `${dir} is a file; create application "${m.name}" into a new or empty folder.`);
  const present = stat ? await fsp.readdir(dir) : [];
  if (present.length) throw new WorkbenchError('TARGET_NOT_EMPTY', `${dir} is not empty (it has ${present.slice(0, 3).join(', ')}${present.length > 3 ? ', …' : ''}); create application "${m.name}" into a new or empty folder.`);
  const files = (await filesUnder(app.dir)).filter((f) => f !== MANIFEST);
  const rename = opts.name !== undefined && opts.name !== m.name ? opts.name : undefined;
  for (const f of files) {
    const to = join(dir, f);
    await fsp.mkdir(join(to, '..'), { recursive: true });
    if (rename && NAMED_FILES.has(f)) await fsp.writeFile(to, (await fsp.readFile(join(app.dir, f), 'utf8')).split(m.name).join(rename));
    else await fsp.copyFile(join(app.dir, f), to);
  }
  const firstEvents = m.functions.map((fn) => m.events.find((e) => e.function === fn)).filter((e): e is AppEvent => e !== undefined);
  const nextCommands = [m.test, ...firstEvents.map((e) => `lambda-workbench invoke ${e.function} --event ${e.file}`), 'lambda-workbench pipeline run'];
  return { dir, files, nextCommands };
}
