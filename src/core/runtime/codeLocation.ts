// core/runtime: where a function's code is on disk for its execution environments (the task root), and
// the folder that plays /opt. The packaging issue replaces the source folder with the extracted package.
import { mkdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../common/errors';
import type { FunctionConfig } from '../model/functionConfig';
import { runtimeFamily } from '../model/runtimes';

export function resolveTaskRoot(fn: FunctionConfig, stateDir: string): string {
  const code = fn.code;
  if (code.kind === 'directory') {
    if (!existsSync(code.path) || !statSync(code.path).isDirectory()) {
      throw new WorkbenchError('CODE_URI_NOT_FOUND', `The code folder of function "${fn.logicalId}" does not exist: ${code.path}. Fix CodeUri in ${fn.templatePath}.`);
    }
    return code.path;
  }
  if (code.kind === 'inline') {
    // Lambda writes inline code (InlineCode / ZipFile) as index.js for Node.js and index.py for Python.
    const dir = join(stateDir, 'inline', fn.logicalId);
    mkdirSync(dir, { recursive: true });
    const file = runtimeFamily(fn.runtime) === 'python' ? 'index.py' : 'index.js';
    writeFileSync(join(dir, file), code.source);
    return dir;
  }
  throw new WorkbenchError('CODE_URI_NOT_FOUND', `Function "${fn.logicalId}" points at a ZIP file (${code.path}); running from ZIP archives arrives with deployment packages. Point CodeUri at the source folder for now.`);
}

export function resolveOptDir(fn: FunctionConfig, stateDir: string): string {
  const dir = join(stateDir, 'opt', fn.logicalId);
  mkdirSync(dir, { recursive: true });
  return dir;
}
