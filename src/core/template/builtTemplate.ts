// core/template: `sam build` output. As SAM CLI does, a discovered template gives way to the one `sam build`
// wrote beside it (.aws-sam/build/template.yaml) when that one is at least as new; its functions then run as
// built (packaging/functionPackage.ts: no second esbuild, npm or pip step).
import { statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

export const BUILD_DIR = join('.aws-sam', 'build');

/** True for a template inside a `.aws-sam/build` folder. */
export function isBuiltTemplatePath(templatePath: string): boolean {
  return dirname(templatePath).endsWith(`${sep}${BUILD_DIR}`);
}

/**
 * The template to load for a discovered `source`: its built twin when that exists and is not older than the
 * source (with a note saying so), else the source (with a warning when a stale build is skipped).
 */
export function builtTemplateFor(source: string, cwd: string, notes: string[]): string {
  if (isBuiltTemplatePath(source)) return source;
  const built = join(dirname(source), BUILD_DIR, 'template.yaml');
  const b = statSync(built, { throwIfNoEntry: false });
  if (!b?.isFile()) return source;
  const s = statSync(source);
  const shown = relative(cwd, built) || built;
  if (b.mtimeMs >= s.mtimeMs) {
    notes.push(`Using the sam build output ${shown} (not older than ${basename(source)}), as SAM CLI does; pass --template ${basename(source)} to run the sources`);
    return built;
  }
  notes.push(`${shown} is older than ${basename(source)}, so the sources run; run sam build again to use the build`);
  return source;
}
