// core/blueprints: `init` — a blueprint into a folder. Into a folder without a template it becomes a new project
// (its template and files as they are); into an existing template.yaml its function, supporting resources,
// parameters and outputs are added through the YAML document API, code under a folder named after the function.
// Nothing is written unless every file and logical id it needs is free.
import { existsSync, promises as fsp } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isScalar, type Document, type YAMLMap } from 'yaml';
import { WorkbenchError } from '../common/errors';
import type { Blueprint } from './catalog';
import { copySection, foldGlobals, keysOf, parseTemplateDocument, propertiesOf, renameLogicalIds } from './templateEdit';

export interface InitOptions {
  /** The project folder (created when missing). */
  targetDir: string;
  /** Logical id of the new function (default: the blueprint's). */
  name?: string;
  /** One of the blueprint's runtimes (default: the first). */
  runtime?: string;
  /** The template to add the function to, in targetDir (default: targetDir's template.yaml or template.yml). */
  templatePath?: string;
}

export interface InitResult {
  /** 'created' a new project, or 'added' the function to an existing template. */
  mode: 'created' | 'added';
  templatePath: string;
  functionId: string;
  /** The handler file to open, absolute. */
  handlerPath: string;
  /** The sample events written, relative to targetDir. */
  events: string[];
  /** Every file written, relative to targetDir. */
  files: string[];
  /** The command to run next, from targetDir. */
  nextCommand: string;
}

const TEMPLATE_NAMES = ['template.yaml', 'template.yml'];
const NOT_COPIED = new Set(['blueprint.json']);
const CODE_KEYS = ['CodeUri', 'ContentUri'];
/** What running a blueprint in place leaves behind (its state, a build), never copied. */
const LEFT_BEHIND = new Set(['.lambda-workbench', '.aws-sam', '__pycache__']);

/** HelloWorldFunction → hello-world-function: the folder a function's code goes to. */
export const kebab = (id: string) => id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const clash = (what: string) => new WorkbenchError('BLUEPRINT_NAME_CLASH', what);

/** Files under `dir`, relative to it (sorted): what a blueprint or application template copies. */
export async function filesUnder(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      // node_modules beside a package.json is an npm install; elsewhere (a layer's nodejs/node_modules) it is code.
      const installed = e.name === 'node_modules' && existsSync(join(dir, 'package.json'));
      if (!LEFT_BEHIND.has(e.name) && !installed) out.push(...(await filesUnder(p, base)));
    }
    else if (e.isFile()) out.push(relative(base, p));
  }
  return out.sort();
}

/** Generates blueprint `bp` into `opts.targetDir`. */
export async function initBlueprint(bp: Blueprint, opts: InitOptions): Promise<InitResult> {
  const m = bp.manifest;
  const functionId = opts.name ?? m.function;
  if (!/^[A-Za-z0-9]+$/.test(functionId)) throw new WorkbenchError('INVALID_PARAMETER', `--name "${functionId}" is not a logical id: use letters and digits only, e.g. OrdersFunction.`);
  if (opts.runtime && !m.runtimes.includes(opts.runtime)) throw new WorkbenchError('INVALID_PARAMETER', `Blueprint "${m.name}" runs on ${m.runtimes.join(', ')}, not "${opts.runtime}".`);
  const bpTemplate = join(bp.dir, 'template.yaml');
  const doc = parseTemplateDocument(await fsp.readFile(bpTemplate, 'utf8'), bpTemplate);
  if (functionId !== m.function && keysOf(doc, 'Resources').includes(functionId)) throw clash(`Blueprint "${m.name}" already has a resource "${functionId}"; choose another --name.`);
  renameLogicalIds(doc, new Map(functionId !== m.function ? [[m.function, functionId]] : []));
  if (opts.runtime) propertiesOf(doc, functionId).set('Runtime', opts.runtime);
  if (opts.templatePath && !existsSync(opts.templatePath)) throw new WorkbenchError('TEMPLATE_NOT_FOUND', `No template at ${opts.templatePath} to add "${functionId}" to.`);
  const existing = opts.templatePath ?? TEMPLATE_NAMES.map((n) => join(opts.targetDir, n)).find((p) => existsSync(p));
  return existing ? addToTemplate(bp, doc, functionId, existing, opts.targetDir) : createProject(bp, doc, functionId, opts);
}

async function createProject(bp: Blueprint, doc: Document, functionId: string, opts: InitOptions): Promise<InitResult> {
  const files = (await filesUnder(bp.dir)).filter((f) => !NOT_COPIED.has(f));
  const taken = files.filter((f) => existsSync(join(opts.targetDir, f)));
  if (taken.length) throw clash(`${opts.targetDir} already has ${taken.slice(0, 3).join(', ')}${taken.length > 3 ? ', …' : ''}; init into an empty folder or one with a template.yaml to add to.`);
  const edited = functionId !== bp.manifest.function || opts.runtime !== undefined;
  for (const f of files) {
    await fsp.mkdir(join(opts.targetDir, f, '..'), { recursive: true });
    if (f === 'template.yaml' && edited) await fsp.writeFile(join(opts.targetDir, f), doc.toString({ flowCollectionPadding: false }));
    else await fsp.copyFile(join(bp.dir, f), join(opts.targetDir, f));
  }
  const events = bp.manifest.events.map((e) => e.file);
  return {
    mode: 'created',
    templatePath: join(opts.targetDir, 'template.yaml'),
    functionId,
    handlerPath: join(opts.targetDir, bp.manifest.handlerFile),
    events,
    files,
    nextCommand: invokeCommand(functionId, events[0]),
  };
}

function invokeCommand(functionId: string, event: string | undefined): string {
  return `lambda-workbench invoke ${functionId}${event ? ` --event ${event}` : ''}`;
}

async function addToTemplate(bp: Blueprint, doc: Document, functionId: string, templatePath: string, targetDir: string): Promise<InitResult> {
  const m = bp.manifest;
  const target = parseTemplateDocument(await fsp.readFile(templatePath, 'utf8'), templatePath);
  const name = relative(targetDir, templatePath);
  const targetIds = new Set([...keysOf(target, 'Resources'), ...keysOf(target, 'Parameters'), ...keysOf(target, 'Outputs')]);
  if (targetIds.has(functionId)) throw clash(`${name} already has "${functionId}"; choose another --name (lambda-workbench init --blueprint ${m.name} --name OtherFunction).`);
  // Supporting resources and outputs whose ids are taken get the function's id in front (OrdersQueue → MyFnOrdersQueue).
  const renames = new Map<string, string>();
  for (const id of [...keysOf(doc, 'Resources'), ...keysOf(doc, 'Outputs')]) {
    if (id === functionId || !targetIds.has(id)) continue;
    const to = `${functionId}${id}`;
    if (targetIds.has(to)) throw clash(`${name} already has "${id}" and "${to}", which blueprint "${m.name}" needs; choose another --name.`);
    renames.set(id, to);
  }
  renameLogicalIds(doc, renames);
  foldGlobals(doc, functionId);

  // Each code folder (CodeUri, ContentUri) goes to a folder named after its resource.
  const copies: [from: string, to: string][] = [];
  const resources = doc.get('Resources', true);
  for (const p of isMap(resources) ? resources.items : []) {
    const props = isMap(p.value) ? p.value.get('Properties', true) : undefined;
    if (!isMap(props) || !isScalar(p.key)) continue;
    for (const key of CODE_KEYS) {
      const uri = props.get(key);
      if (typeof uri !== 'string' || /^s3:\/\//.test(uri)) continue;
      const folder = kebab(String(p.key.value));
      copies.push([join(bp.dir, uri), folder]);
      props.set(key, `${folder}/`);
    }
  }
  const eventFiles = m.events.map((e): [string, string] => [join(bp.dir, e.file), join('events', functionId, e.file.replace(/^events\//, ''))]);
  const writes: [from: string, to: string][] = [];
  for (const [from, folder] of copies) for (const f of await filesUnder(from)) writes.push([join(from, f), join(folder, f)]);
  writes.push(...eventFiles);
  const taken = writes.map(([, to]) => to).filter((to) => existsSync(join(targetDir, to)));
  if (taken.length) throw clash(`${targetDir} already has ${taken.slice(0, 3).join(', ')}${taken.length > 3 ? ', …' : ''}; choose another --name.`);

  if (!target.has('Transform')) {
    // SAM resources need the transform; it goes after AWSTemplateFormatVersion, where SAM puts it.
    target.set('Transform', 'AWS::Serverless-2016-10-31');
    const items = (target.contents as YAMLMap).items;
    const at = items.findIndex((p) => isScalar(p.key) && p.key.value === 'AWSTemplateFormatVersion') + 1;
    items.splice(at, 0, items.pop()!);
  }
  copySection(doc, target, 'Parameters', true);
  copySection(doc, target, 'Resources', false);
  copySection(doc, target, 'Outputs', false);
  for (const [from, to] of writes) {
    await fsp.mkdir(join(targetDir, to, '..'), { recursive: true });
    await fsp.copyFile(from, join(targetDir, to));
  }
  // The template last: a failed copy leaves it untouched.
  await fsp.writeFile(templatePath, target.toString({ flowCollectionPadding: false }));
  const handlerRel = relative(join(bp.dir), join(bp.dir, m.handlerFile));
  const fnCopy = copies.find(([from]) => join(bp.dir, handlerRel).startsWith(from));
  const handlerPath = fnCopy ? join(targetDir, fnCopy[1], relative(fnCopy[0], join(bp.dir, handlerRel))) : join(targetDir, handlerRel);
  const events = eventFiles.map(([, to]) => to);
  return { mode: 'added', templatePath, functionId, handlerPath, events, files: [...writes.map(([, to]) => to), name], nextCommand: invokeCommand(functionId, events[0]) };
}
