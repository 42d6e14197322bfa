// cli: `lambda-workbench init [DIR] --blueprint NAME [--name FnName] [--runtime R]` — a new project from a
// blueprint, or its function added to DIR's template.yaml; `init [DIR] --app NAME [--name project]` — a new
// project from an application template; `init --list` lists both.
import { resolve, relative } from 'node:path';
import { createApplication, findApplication, findBlueprint, findBlueprintsRoot, initBlueprint, listApplications, listBlueprints } from '../core/blueprints';
import { WorkbenchError } from '../core/common/errors';
import type { CliContext } from './session';
import { printTable } from './table';

export interface InitCommandOptions {
  blueprint?: string;
  app?: string;
  name?: string;
  runtime?: string;
  list?: boolean;
  json?: boolean;
  /** Where the blueprints are (tests); default the blueprints/ folder shipped beside the CLI. */
  blueprintsDir?: string;
}

function blueprintsRoot(opts: InitCommandOptions): string {
  const root = opts.blueprintsDir ?? findBlueprintsRoot(__dirname);
  if (!root) throw new WorkbenchError('BLUEPRINT_NOT_FOUND', `The blueprints folder that ships with lambda-workbench is missing (looked above ${__dirname}); reinstall it, or pass --blueprints-dir.`);
  return root;
}

export async function initCommand(dir: string | undefined, opts: InitCommandOptions, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  const root = blueprintsRoot(opts);
  if (opts.list) return listCommand(root, opts, ctx);
  if (opts.app !== undefined) {
    if (opts.blueprint !== undefined) throw new WorkbenchError('INVALID_PARAMETER', 'Pass --blueprint NAME or --app NAME, not both.');
    return appCommand(root, dir, opts.app, opts, ctx);
  }
  if (!opts.blueprint) throw new WorkbenchError('INVALID_PARAMETER', 'Name a blueprint or an application template: lambda-workbench init [DIR] --blueprint NAME, or --app NAME (lambda-workbench init --list shows them).');
  const bp = await findBlueprint(root, opts.blueprint);
  const targetDir = resolve(dir ?? '.');
  const r = await initBlueprint(bp, { targetDir, name: opts.name, runtime: opts.runtime });
  if (opts.json) {
    io.out(JSON.stringify(r, null, 2) + '\n');
    return;
  }
  const rel = relative(process.cwd(), targetDir);
  io.out(r.mode === 'created' ? `Created ${r.functionId} from blueprint "${bp.manifest.name}" in ${rel || '.'}:\n` : `Added ${r.functionId} from blueprint "${bp.manifest.name}" to ${relative(process.cwd(), r.templatePath)}:\n`);
  for (const f of r.files) io.out(`  ${f}\n`);
  io.out(`\nNext: ${rel ? `cd ${rel} && ` : ''}${r.nextCommand}\n`);
}

async function listCommand(root: string, opts: InitCommandOptions, { io }: CliContext): Promise<void> {
  const [blueprints, apps] = await Promise.all([listBlueprints(root), listApplications(root)]);
  if (opts.json) {
    io.out(JSON.stringify({ blueprints: blueprints.map((b) => b.manifest), applications: apps.map((a) => a.manifest) }, null, 2) + '\n');
    return;
  }
  printTable(io, ['BLUEPRINT', 'RUNTIME', 'SOURCE', 'DESCRIPTION'], blueprints.map((b) => [b.manifest.name, b.manifest.runtimes.join(','), b.manifest.source, b.manifest.description]));
  io.out('\nlambda-workbench init [DIR] --blueprint NAME [--name FnName] creates a project, or adds the function to DIR/template.yaml.\n');
  if (!apps.length) return;
  io.out('\n');
  printTable(io, ['APPLICATION', 'RUNTIME', 'FUNCTIONS', 'DESCRIPTION'], apps.map((a) => [a.manifest.name, a.manifest.runtimes.join(','), a.manifest.functions.join(','), a.manifest.description]));
  io.out('\nlambda-workbench init DIR --app NAME [--name project-name] creates a project from an application template (then git init).\n');
}

async function appCommand(root: string, dir: string | undefined, name: string, opts: InitCommandOptions, { io }: CliContext): Promise<void> {
  if (opts.runtime !== undefined) throw new WorkbenchError('INVALID_PARAMETER', 'An application template keeps its runtimes; --runtime is for --blueprint.');
  const app = await findApplication(root, name);
  const targetDir = resolve(dir ?? '.');
  const r = await createApplication({ app, dir: targetDir, name: opts.name });
  if (opts.json) {
    io.out(JSON.stringify(r, null, 2) + '\n');
    return;
  }
  const rel = relative(process.cwd(), targetDir);
  io.out(`Created application "${app.manifest.name}" (${app.manifest.functions.join(', ')}) in ${rel || '.'}: ${r.files.length} files.\n\nNext:\n`);
  if (rel) io.out(`  cd ${rel}\n`);
  io.out('  git init && git add -A && git commit -m "First commit"\n');
  for (const c of r.nextCommands) io.out(`  ${c}\n`);
}
