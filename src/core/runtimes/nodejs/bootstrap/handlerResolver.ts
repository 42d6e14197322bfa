// In-environment Node.js runtime: turns `_HANDLER` into the user's function, loading CJS via require() and
// ESM via a real dynamic import() (lambda-semantics.md §3.1; RIC src/UserFunction.js). Init only.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HandlerNotFound, ImportModuleError, MalformedHandlerName, MalformedStreamingHandler, UserCodeSyntaxError } from './errors';
import { esmSyntaxLocation } from './syntaxLocation';

export type UserHandler = ((...args: any[]) => unknown) & Record<symbol, unknown>;

export const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
export const HANDLER_HIGHWATERMARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
export const STREAM_RESPONSE = 'response';

/** What the loop needs to know about the handler (RIC getHandlerMetadata). */
export interface HandlerMetadata {
  streaming: boolean;
  highWaterMark: number | undefined;
  isAsync: boolean;
  argsNum: number;
}

// esbuild turns `import()` into require() in a cjs bundle; a Function body keeps Node's real ESM loader.
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
// A real require, not esbuild's, resolving like the RIC's own (absolute paths, or `paths` given explicitly).
const userRequire = createRequire(__filename);

function tryRequireFile(file: string): unknown {
  return existsSync(file) ? userRequire(file) : undefined;
}

async function tryImportFile(file: string): Promise<unknown> {
  if (!existsSync(file)) return undefined;
  try {
    return await dynamicImport(pathToFileURL(file).href);
  } catch (e) {
    if (e instanceof SyntaxError) throw new UserCodeSyntaxError(e, esmSyntaxLocation(file, e));
    throw e;
  }
}

/** Walks up from `folder`: the nearest package.json decides; a node_modules folder or `/` means "not a module" (§3.1). */
function folderIsTypeModule(folder: string): boolean {
  for (let dir = folder; ; dir = path.resolve(dir, '..')) {
    if (dir.endsWith('/node_modules')) return false;
    const pj = path.join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        const pkg = JSON.parse(readFileSync(pj, 'utf8')) as { type?: unknown } | null;
        if (pkg) return pkg.type === 'module';
      } catch (e) {
        console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`, e);
        return false;
      }
    }
    if (dir === '/' || dir === path.dirname(dir)) return false;
  }
}

async function loadModule(appRoot: string, moduleRoot: string, moduleName: string): Promise<unknown> {
  const base = path.resolve(appRoot, moduleRoot, moduleName);
  // 1. extension-less file, 2./3. `.js` by the nearest package.json "type", 4. `.mjs`, 5. `.cjs` (§3.1 step 3).
  const extensionless = tryRequireFile(base);
  if (extensionless) return extensionless;
  const isModule = existsSync(base + '.js') && folderIsTypeModule(path.dirname(base + '.js'));
  if (!isModule) {
    const cjs = tryRequireFile(base + '.js');
    if (cjs) return cjs;
  }
  const loaded = (isModule && (await tryImportFile(base + '.js'))) || (await tryImportFile(base + '.mjs')) || tryRequireFile(base + '.cjs');
  if (loaded) return loaded;
  // 6. Node-style resolution from the task root (folders with index.js, node_modules packages).
  return userRequire(userRequire.resolve(moduleName, { paths: [appRoot, moduleRoot] }));
}

export interface ParsedHandler {
  /** Folder part, relative to the task root ('' or ending in '/'). */
  moduleRoot: string;
  moduleName: string;
  /** Dotted export path, e.g. `handlers.main`. */
  propertyPath: string;
}

/** Splits `[dir/sub/]module.path.to.fn` as the RIC does (§3.1 steps 1–2), or throws MalformedHandlerName. */
export function parseHandlerString(handlerString: string): ParsedHandler {
  if (handlerString.includes('..')) {
    throw new MalformedHandlerName(`'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const last = path.basename(handlerString);
  const moduleRoot = handlerString.substring(0, handlerString.indexOf(last));
  const match = /^([^.]*)\.(.*)$/.exec(last);
  if (!match) throw new MalformedHandlerName('Bad handler');
  return { moduleRoot, moduleName: match[1], propertyPath: match[2] };
}

/** Loads the module named by `handlerString` and returns the exported function, or throws a Runtime.* error. */
export async function loadHandler(appRoot: string, handlerString: string): Promise<UserHandler> {
  const { moduleRoot, moduleName, propertyPath } = parseHandlerString(handlerString);

  let userModule: unknown;
  try {
    userModule = await loadModule(appRoot, moduleRoot, moduleName);
  } catch (e) {
    if (e instanceof SyntaxError) throw new UserCodeSyntaxError(e);
    if ((e as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND') throw new ImportModuleError(e);
    throw e;
  }
  const fn = propertyPath.split('.').reduce<any>((obj, key) => obj && obj[key], userModule);
  if (!fn) throw new HandlerNotFound(`${handlerString} is undefined or not exported`);
  if (typeof fn !== 'function') throw new HandlerNotFound(`${handlerString} is not a function`);
  return fn as UserHandler;
}

/** Streaming marker, high-water mark, async-ness and arity of the handler. */
export function handlerMetadata(fn: UserHandler): HandlerMetadata {
  const mark = fn[HANDLER_STREAMING];
  if (mark && mark !== STREAM_RESPONSE) throw new MalformedStreamingHandler('Only response streaming is supported.');
  const hwm = parseInt(String(fn[HANDLER_HIGHWATERMARK]), 10);
  return {
    streaming: mark === STREAM_RESPONSE,
    highWaterMark: Number.isNaN(hwm) ? undefined : hwm,
    isAsync: fn.constructor?.name === 'AsyncFunction',
    argsNum: fn.length,
  };
}
