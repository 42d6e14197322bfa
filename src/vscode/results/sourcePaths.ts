// vscode layer, vscode-free: maps paths of the extracted package a function runs from
// (<state>/packages/<hash>/task/… or Lambda's /var/task/…) back to the function's source folder, in log
// lines, results and the Debug Console, so that clicking a stack frame opens the file the user edits. The
// package holds the source's relative paths; a path with no source file (a bundle's output) stays as it is.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const TASK_PATH = /(?:file:\/\/)?(?:\/[^\s"'`()<>:]*?\/packages\/[0-9A-Za-z_-]+\/task|\/var\/task)\/([^\s"'`()<>:]+)/g;

/** True when the text names a path inside a package's task folder (cheap: no file system access). */
export function mentionsTaskPath(text: string): boolean {
  return text.includes('/task/');
}

/** `text` with every package path whose file exists in `codeDir` replaced by that source path. */
export function mapTaskPaths(text: string, codeDir: string | undefined): string {
  if (!codeDir || !mentionsTaskPath(text)) return text;
  return text.replace(TASK_PATH, (whole, rel: string) => {
    const source = path.join(codeDir, rel);
    return !rel.split('/').includes('..') && existsSync(source) ? source : whole;
  });
}
