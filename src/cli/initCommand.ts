// cli: `lambda-workbench init [DIR] --blueprint NAME [--name FnName] [--runtime R]` — a new project from a
// blueprint, or its function added to DIR's template.yaml; `init --list` lists the blueprints.
import { resolve, relative } from 'node:path';
import { findBlueprint, findBlueprintsRoot, initBlueprint, listBlueprints } from '../core/blueprints';
import { WorkbenchError } from '../core/common/errors';
import type { CliContext } from './session';
import { printTable } from './table';

export interface InitCommandOptions {
  blueprint?: string;
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
  if (opts.list) {
    const all = await listBlueprints(root);
    if (opts.json) {
      io.out(JSON.stringify(all.map((b) => b.manifest), null, 2) + '\n');
      return;
    }
    printTable(io, ['BLUEPRINT', 'RUNTIME', 'SOURCE', 'DESCRIPTION'], all.map((b) => [b.manifest.name, b.manifest.runtimes.join(','), b.manifest.source, b.manifest.description]));
    io.out('\nlambda-workbench init [DIR] --blueprint NAME [--name FnName] creates a project, or adds the function to DIR/template.yaml.\n');
    return;
  }
  if (!opts.blueprint) throw new WorkbenchError('INVALID_PARAMETER', 'Name a blueprint: lambda-workbench init [DIR] --blueprint NAME (lambda-workbench init --list shows them).');
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
