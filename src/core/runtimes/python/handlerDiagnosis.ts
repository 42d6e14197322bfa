// core/runtimes/python: explains, on the host, a Python handler that cannot be found (module file missing),
// as a coded error naming the file to create or the Handler to fix.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WorkbenchError } from '../../common/errors';
import type { FunctionConfig } from '../../model/functionConfig';

export function diagnosePythonHandler(fn: FunctionConfig, taskRoot: string, errorType: string): WorkbenchError | undefined {
  const handler = fn.handler ?? '';
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) return undefined;
  // §3.5: split on the last '.', '/' in the module part becomes '.'.
  const module = handler.slice(0, dot).replace(/\//g, '.');
  const fnName = handler.slice(dot + 1);
  const rel = module.split('.').join('/');
  const line = fn.propertyLines?.Handler ?? fn.templateLine;
  const where = `${relative(process.cwd(), fn.templatePath) || fn.templatePath}${line ? `:${line}` : ''}`;
  const name = `Handler "${handler}" of function "${fn.logicalId}" (${where})`;
  const file = [join(taskRoot, `${rel}.py`), join(taskRoot, rel, '__init__.py')].find((f) => existsSync(f));
  if (errorType === 'Runtime.ImportModuleError' && !file) {
    return new WorkbenchError('HANDLER_NOT_FOUND', `${name} not found: no file ${rel}.py in ${fn.code.kind === 'directory' ? fn.code.path : taskRoot}. Fix Handler or CodeUri in the template.`, { file: fn.templatePath, line });
  }
  if (errorType === 'Runtime.HandlerNotFound' && file) {
    return new WorkbenchError('HANDLER_NOT_FOUND', `${name} not found: ${relative(taskRoot, file)} has no function "${fnName}". Define it, or fix Handler in the template.`, { file: fn.templatePath, line });
  }
  return undefined;
}
