// core/blueprints: what a front door needs to offer blueprints (VS Code's New Function from Blueprint…): the
// catalog grouped by runtime family and language, the function name checked as a CloudFormation logical id
// against the target template, where a new project goes, and a new application's folder name.
import { existsSync, readdirSync, statSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { Blueprint } from './catalog';
import { kebab } from './init';
import { KEBAB, SOURCE_KINDS, type BlueprintManifest } from './manifest';
import { keysOf, parseTemplateDocument } from './templateEdit';

export interface BlueprintGroup {
  /** 'Node.js (JavaScript)', 'Node.js (TypeScript)', 'Python', 'Custom runtime (provided)'. */
  label: string;
  blueprints: Blueprint[];
}

const GROUPS: { label: string; matches: (m: BlueprintManifest) => boolean }[] = [
  { label: 'Node.js (JavaScript)', matches: (m) => m.runtimes[0].startsWith('nodejs') && m.language !== 'typescript' },
  { label: 'Node.js (TypeScript)', matches: (m) => m.runtimes[0].startsWith('nodejs') && m.language === 'typescript' },
  { label: 'Python', matches: (m) => m.runtimes[0].startsWith('python') },
  { label: 'Custom runtime (provided)', matches: (m) => m.runtimes[0].startsWith('provided') },
];

/**
 * The blueprints grouped by runtime family (Node.js JavaScript, Node.js TypeScript, Python, custom runtime, then any
 * other runtime under its own name); within a group by event source (in SOURCE_KINDS order), then by name.
 * Empty groups are left out.
 */
export function groupBlueprints(all: readonly Blueprint[]): BlueprintGroup[] {
  const bySource = (a: Blueprint, b: Blueprint) =>
    SOURCE_KINDS.indexOf(a.manifest.source) - SOURCE_KINDS.indexOf(b.manifest.source) || a.manifest.name.localeCompare(b.manifest.name);
  const groups = new Map<string, Blueprint[]>(GROUPS.map((g) => [g.label, []]));
  for (const bp of all) {
    const label = GROUPS.find((g) => g.matches(bp.manifest))?.label ?? bp.manifest.runtimes[0];
    groups.set(label, [...(groups.get(label) ?? []), bp]);
  }
  return [...groups].filter(([, bps]) => bps.length).map(([label, bps]) => ({ label, blueprints: bps.sort(bySource) }));
}

/** CloudFormation's limit on a logical id's length. */
const MAX_LOGICAL_ID = 255;

/**
 * Why `name` cannot be the new function's logical id (undefined when it can): CloudFormation allows letters and
 * digits only, up to 255 characters, and the id must not be taken in the target template.
 */
export function functionNameProblem(name: string, taken: Iterable<string> = []): string | undefined {
  if (!name) return 'Name the function: a logical id such as OrdersFunction.';
  if (!/^[A-Za-z0-9]+$/.test(name)) return `"${name}" is not a CloudFormation logical id: use letters and digits only, e.g. OrdersFunction.`;
  if (name.length > MAX_LOGICAL_ID) return `A logical id has at most ${MAX_LOGICAL_ID} characters; this one has ${name.length}.`;
  for (const id of taken) if (id === name) return `The template already has "${name}"; choose another name.`;
  return undefined;
}

/** The logical ids a template already uses (Resources, Parameters, Outputs). */
export async function templateLogicalIds(templatePath: string): Promise<string[]> {
  const doc = parseTemplateDocument(await fsp.readFile(templatePath, 'utf8'), templatePath);
  return ['Resources', 'Parameters', 'Outputs'].flatMap((k) => keysOf(doc, k));
}

/**
 * The folder a new project from `bp` goes to under `root` (a workspace folder without a template): `root` itself
 * when none of the blueprint's top-level files is there, else a subfolder named after the function
 * (HelloWorldFunction → hello-world-function), so nothing of the user's is overwritten.
 */
export async function newProjectDir(bp: Blueprint, root: string, functionId: string): Promise<string> {
  const top = (await fsp.readdir(bp.dir)).filter((n) => n !== 'blueprint.json' && !n.startsWith('.'));
  return top.some((n) => existsSync(join(root, n))) ? join(root, kebab(functionId)) : root;
}

/**
 * Why `name` cannot be a new application's folder under `parent` (undefined when it can): a project name is
 * kebab-case (it names the stack and the package too), and the folder must be new or empty.
 */
export function applicationNameProblem(parent: string, name: string): string | undefined {
  if (!KEBAB.test(name)) return `"${name}" is not a project name: use lower-case letters, digits and dashes, e.g. orders-api.`;
  const dir = join(parent, name);
  if (!existsSync(dir)) return undefined;
  if (!statSync(dir).isDirectory()) return `${dir} is a file; choose another name.`;
  if (readdirSync(dir).length) return `${dir} already exists and is not empty; choose another name.`;
  return undefined;
}
