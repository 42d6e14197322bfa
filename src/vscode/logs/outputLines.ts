// vscode layer, vscode-free: how one engine log line is written to the Lambda Functions channel.
import { mapTaskPaths, mentionsTaskPath } from '../results/sourcePaths';

/**
 * The line as written, without its line break. A JSON line is left byte for byte; in a text line, paths of
 * the extracted package (/var/task/…) become the source file's path, so a stack frame opens the user's file.
 */
export function render(message: string, sourceDir: string | undefined): string {
  const text = message.replace(/\r?\n$/, '');
  if (isJsonLine(text) || !mentionsTaskPath(text)) return text;
  return mapTaskPaths(text, sourceDir);
}

function isJsonLine(text: string): boolean {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}
