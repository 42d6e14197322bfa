// vscode layer, vscode-free: where "break on handler entry" and "debug init code" put their breakpoints:
// the first statement inside the handler, and the first line of code in the handler's module.

const JS_COMMENT = /^\s*(\/\/|\/\*|\*|\*\/)/;
const PY_COMMENT = /^\s*#/;

function isCode(line: string, python: boolean): boolean {
  if (!line.trim()) return false;
  if (python) return !PY_COMMENT.test(line);
  return !JS_COMMENT.test(line) && !/^\s*['"]use strict['"];?\s*$/.test(line);
}

/**
 * 0-based line of the handler body's first statement, given the 0-based line of its definition: the line
 * after the one that opens the body (`{` for JS/TS, a trailing `:` for Python). A breakpoint on the
 * definition line itself would stop while the module loads, not when the handler runs.
 */
export function handlerEntryLine(text: string, exportLine: number, python: boolean): number {
  const lines = text.split(/\r?\n/);
  let open = -1;
  for (let i = exportLine; i < Math.min(lines.length, exportLine + 20); i++) {
    const l = lines[i].replace(python ? /#.*$/ : /\/\/.*$/, '').trimEnd();
    if (python ? l.endsWith(':') : l.includes('{')) {
      open = i;
      break;
    }
  }
  if (open < 0) return exportLine;
  // A one-line body (`=> { return x; }`) keeps the breakpoint on its own line.
  if (!python && /\{.*\S.*\}\s*;?\s*$/.test(lines[open].slice(lines[open].indexOf('{')))) return open;
  for (let i = open + 1; i < lines.length; i++) if (isCode(lines[i], python)) return i;
  return open;
}

/** 0-based line of the module's first line of code (after comments, blank lines and a shebang). */
export function moduleFirstLine(text: string, python: boolean): number {
  const lines = text.split(/\r?\n/);
  let inBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (i === 0 && l.startsWith('#!')) continue;
    if (!python && inBlock) {
      if (l.includes('*/')) inBlock = false;
      continue;
    }
    if (!python && /^\s*\/\*/.test(l) && !l.includes('*/')) {
      inBlock = true;
      continue;
    }
    if (isCode(l, python)) return i;
  }
  return 0;
}
