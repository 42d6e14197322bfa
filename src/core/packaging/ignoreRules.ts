// core/packaging: which source files stay out of a package — a documented default list plus the folder's
// `.lambdaignore` file in gitignore syntax (last matching rule wins; `!pattern` re-includes a default).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The ignore file read from the root of a function or layer folder. */
export const IGNORE_FILE = '.lambdaignore';

/**
 * Default exclusions, in gitignore syntax. Test folders only at the folder root (where SAM projects keep
 * them); nothing here reaches into installed dependencies, which are taken as they are.
 */
export const DEFAULT_IGNORES = [
  '.git/',
  '.aws-sam/',
  '.lambda-workbench/',
  '__pycache__/',
  '*.pyc',
  '.DS_Store',
  IGNORE_FILE,
  '/test/',
  '/tests/',
  '/__tests__/',
];

interface Rule {
  negate: boolean;
  dirOnly: boolean;
  re: RegExp;
}

function globToRegExp(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
      if (atStart && atEnd) {
        re += i + 2 === glob.length ? '.*' : '(?:.*/)?';
        i += 2; // also skips the following '/'
        continue;
      }
      re += '[^/]*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < glob.length) re += `\\${glob[++i]}`;
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\]\\/]/g, '\\$&');
  }
  return re;
}

export function parseIgnoreRules(lines: readonly string[]): Rule[] {
  const rules: Rule[] = [];
  for (const raw of lines) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    if (line.startsWith('\\#') || line.startsWith('\\!')) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (!line) continue;
    rules.push({ negate, dirOnly, re: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${globToRegExp(line)}$`) });
  }
  return rules;
}

/** Decides, per relative path ('/'-separated), whether a file or folder is left out of the package. */
export class IgnoreMatcher {
  private readonly rules: Rule[];
  constructor(lines: readonly string[]) {
    this.rules = parseIgnoreRules(lines);
  }

  /** The defaults followed by the folder's ignore file, if any. */
  static forFolder(root: string, defaults: readonly string[] = DEFAULT_IGNORES): IgnoreMatcher {
    let own: string[] = [];
    try {
      own = readFileSync(join(root, IGNORE_FILE), 'utf8').split(/\r?\n/);
    } catch {
      // no ignore file: defaults only
    }
    return new IgnoreMatcher([...defaults, ...own]);
  }

  ignores(relPath: string, isDir: boolean): boolean {
    let ignored = false;
    for (const r of this.rules) {
      if (r.dirOnly && !isDir) continue;
      if (r.re.test(relPath)) ignored = !r.negate;
    }
    return ignored;
  }
}
