// core/packaging: which symlinks a package walk follows. Inside the code folder: silently. Outside it but
// inside the workspace: followed, with one warning per package. Outside the workspace: skipped (a stray link
// to ~/.aws must not end up in a ZIP) unless the resource's Metadata says FollowSymlinksOutsideWorkspace.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** The Metadata key (on a function or layer) that lets links out of the workspace be followed. */
export const FOLLOW_OUTSIDE_KEY = 'FollowSymlinksOutsideWorkspace';

interface Link {
  /** The link, relative to the code folder. */
  link: string;
  /** Its real target. */
  target: string;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function inside(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** The template's folder, or the repository around it (the nearest folder above with a .git). */
export function workspaceOf(templatePath: string): string {
  const start = dirname(templatePath);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

function listed(links: Link[]): string {
  const sorted = [...links].sort((a, b) => (a.link < b.link ? -1 : a.link > b.link ? 1 : 0));
  const shown = sorted.slice(0, 5).map((l) => `"${l.link}" → ${l.target}`);
  return sorted.length > 5 ? `${shown.join(', ')} and ${sorted.length - 5} more` : shown.join(', ');
}

export class SymlinkPolicy {
  private readonly realCode: string;
  private readonly realWorkspace: string;
  private readonly followed: Link[] = [];
  private readonly refused: Link[] = [];

  constructor(
    /** The code folder (CodeUri / ContentUri): links inside it are followed silently. */
    readonly codeRoot: string,
    readonly workspace: string,
    readonly followOutsideWorkspace: boolean,
  ) {
    this.realCode = real(codeRoot);
    this.realWorkspace = real(workspace);
  }

  /** For a resource: its code folder, the workspace around its template and its Metadata setting. */
  static forResource(codeRoot: string, templatePath: string, metadata: Record<string, unknown> | undefined): SymlinkPolicy {
    const flag = metadata?.[FOLLOW_OUTSIDE_KEY];
    return new SymlinkPolicy(codeRoot, workspaceOf(templatePath), flag === true || flag === 'true');
  }

  /** Whether the walk goes on into `path` (a link, or a walk root), whose real location is `target`. */
  allows(path: string, target: string): boolean {
    if (inside(target, this.realCode)) return true;
    const entry = { link: relative(this.codeRoot, path), target };
    if (this.followOutsideWorkspace || inside(target, this.realWorkspace)) {
      this.followed.push(entry);
      return true;
    }
    this.refused.push(entry);
    return false;
  }

  /** At most one warning per kind, for `label` (e.g. `function "Api"`), naming each link and its target. */
  warnings(label: string): string[] {
    const out: string[] = [];
    if (this.followed.length > 0) {
      out.push(
        `${label}: symlinks lead outside its code folder ${this.codeRoot} and what they point to is packaged: ${listed(this.followed)}. Lambda gets only what the ZIP holds; if that is not intended, remove the links or add them to .lambdaignore.`,
      );
    }
    if (this.refused.length > 0) {
      out.push(
        `${label}: symlinks lead outside the workspace ${this.workspace} and are not packaged: ${listed(this.refused)}. Copy the files into the code folder, or set Metadata: ${FOLLOW_OUTSIDE_KEY}: true on the resource to package them.`,
      );
    }
    return out;
  }
}
