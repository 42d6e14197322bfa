// core/runtimes/nodejs: explains, on the host, why a Node.js handler could not be loaded, as a coded
// error that names the file and says what to fix. The runtime's own Lambda error stays the payload.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WorkbenchError } from '../../common/errors';
import type { FunctionConfig } from '../../model/functionConfig';
import { exportNames } from './exportNames';

function exportsOf(file: string): string[] | undefined {
  try {
    return statSync(file).size <= 5 * 1024 * 1024 ? exportNames(readFileSync(file, 'utf8')) : undefined;
  } catch {
    return undefined;
  }
}

export function diagnoseNodeHandler(fn: FunctionConfig, taskRoot: string, errorType: string): WorkbenchError | undefined {
  const handler = fn.handler ?? '';
  // Point at the Handler property (issue 11), else the resource.
  const line = fn.propertyLines?.Handler ?? fn.templateLine;
  const where = `${relative(process.cwd(), fn.templatePath) || fn.templatePath}${line ? `:${line}` : ''}`;
  const name = `Handler "${handler}" of function "${fn.logicalId}" (${where})`;
  if (errorType === 'Runtime.MalformedHandlerName') {
    return new WorkbenchError('HANDLER_NOT_FOUND', `${name} is not a valid handler name. Use <path/to/file>.<export>, relative to CodeUri, without "..".`);
  }
  // §3.1: the last path segment splits at its first '.' into module and export path.
  const slash = handler.lastIndexOf('/');
  const dir = handler.slice(0, slash + 1);
  const last = handler.slice(slash + 1);
  const dot = last.indexOf('.');
  if (dot < 0) return undefined;
  const module = last.slice(0, dot);
  const exportPath = last.slice(dot + 1);
  const base = join(taskRoot, dir, module);
  const candidates = ['', '.js', '.mjs', '.cjs'].map((ext) => base + ext);
  const found = candidates.find((c) => existsSync(c));
  if (errorType === 'Runtime.ImportModuleError' && !found) {
    return new WorkbenchError(
      'HANDLER_NOT_FOUND',
      `${name} not found: no file ${dir}${module}.js, .mjs or .cjs in ${fn.code.kind === 'directory' ? fn.code.path : taskRoot}. Fix Handler or CodeUri in the template.`,
      { file: fn.templatePath, line },
    );
  }
  if (errorType === 'Runtime.HandlerNotFound' && found) {
    const names = exportsOf(found);
    const listed = names === undefined ? '' : names.length ? ` It exports: ${names.map((n) => `"${n}"`).join(', ')}.` : ' It exports nothing.';
    return new WorkbenchError(
      'HANDLER_NOT_FOUND',
      `${name} not found: ${relative(taskRoot, found)} does not export a function "${exportPath}".${listed} Export it, or fix Handler in the template.`,
      { file: fn.templatePath, line },
    );
  }
  return undefined;
}
