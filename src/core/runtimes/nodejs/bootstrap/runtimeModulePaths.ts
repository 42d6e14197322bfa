// In-environment Node.js runtime: where `import` finds packages the function does not ship. Lambda's Node.js
// 18+ runtimes let ES modules import from the layers (/opt/nodejs/node<NN>/node_modules, /opt/nodejs/node_modules)
// and the runtime's own AWS SDK (/var/runtime/node_modules), after the task root's node_modules; NODE_PATH does
// that for require() only (lambda-semantics.md §2.5 NODE_PATH, §7). A resolve hook, registered once at init when
// the host names such folders, retries a bare specifier the normal walk did not find from each of them in turn.
// Resolution happens while modules load (init, or a first dynamic import), so the warm path never meets it.
import * as nodeModule from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Set by the host (nodejsHost.ts): the node_modules folders, in Lambda's order; hidden from user code. */
export const RUNTIME_MODULE_PATHS_ENV = 'LAMBDA_WORKBENCH_ESM_MODULE_PATHS';

interface ResolveContext {
  parentURL?: string;
  conditions?: readonly string[];
  [key: string]: unknown;
}
type Resolved = { url: string; format?: string | null; shortCircuit?: boolean };
type NextResolveSync = (specifier: string, context?: ResolveContext) => Resolved;
type NextResolve = (specifier: string, context?: ResolveContext) => Resolved | Promise<Resolved>;

/** A package name ('pkg', '@scope/pkg/sub'): not a relative or absolute path, an import map entry or a URL/builtin. */
export function isBareSpecifier(specifier: string): boolean {
  return !/^(\.|\/|#|[a-zA-Z][a-zA-Z0-9+.-]*:)/.test(specifier);
}

/** Only "no such package" falls through to the next folder; anything else (a broken package) is the answer. */
function notFound(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'ERR_MODULE_NOT_FOUND';
}

/** The resolve step for off-thread hooks (module.register, Node 20.6+): `parents` are file URLs inside each folder's parent. */
export async function resolveWithFallback(parents: readonly string[], specifier: string, context: ResolveContext, next: NextResolve): Promise<Resolved> {
  try {
    return await next(specifier, context);
  } catch (e) {
    if (!notFound(e) || !isBareSpecifier(specifier)) throw e;
    for (const parentURL of parents) {
      try {
        return await next(specifier, { ...context, parentURL });
      } catch (again) {
        if (!notFound(again)) throw again;
      }
    }
    throw e;
  }
}

/** The same step for in-thread hooks (module.registerHooks, Node 22.15+/23.5+), which are synchronous. */
function resolveWithFallbackSync(parents: readonly string[], specifier: string, context: ResolveContext, next: NextResolveSync): Resolved {
  try {
    return next(specifier, context);
  } catch (e) {
    if (!notFound(e) || !isBareSpecifier(specifier)) throw e;
    for (const parentURL of parents) {
      try {
        return next(specifier, { ...context, parentURL });
      } catch (again) {
        if (!notFound(again)) throw again;
      }
    }
    throw e;
  }
}

/** Resolution from `<folder>/..` walks `<folder>` first (then, as Node does, the folders above it). */
export function parentUrlsOf(folders: readonly string[]): string[] {
  return folders.map((f) => pathToFileURL(join(dirname(f), 'lambda-workbench-resolve.mjs')).href);
}

interface ModuleHooksApi {
  registerHooks?: (hooks: { resolve: (specifier: string, context: ResolveContext, next: NextResolveSync) => Resolved }) => unknown;
  register?: (specifier: string, options: { data: unknown }) => void;
}

/**
 * Reads (and removes) the host's folder list and registers the hook: in-thread where Node has registerHooks
 * (no measurable cost), else off-thread with module.register and the hook module built beside this bundle
 * (esmResolveHooks.mjs). Off-thread hooks start a loader thread (80–200 ms of init on Node 20), so there they are
 * registered only for a handler loaded as an ES module (§3.1 steps 3–4). The host does not send the list to a
 * Node without either (it warns instead).
 */
export function installRuntimeModulePaths(env: NodeJS.ProcessEnv, bundleDir: string): void {
  const list = env[RUNTIME_MODULE_PATHS_ENV];
  delete env[RUNTIME_MODULE_PATHS_ENV];
  if (!list) return;
  const api = nodeModule as unknown as ModuleHooksApi;
  const inThread = typeof api.registerHooks === 'function';
  if (!inThread && (typeof api.register !== 'function' || !handlerIsEsModule(env.LAMBDA_TASK_ROOT || process.cwd(), env._HANDLER ?? ''))) return;
  const parents = parentUrlsOf(list.split('\n').filter((f) => f !== '' && existsSync(f)));
  if (parents.length === 0) return;
  if (inThread) api.registerHooks!({ resolve: (specifier, context, next) => resolveWithFallbackSync(parents, specifier, context, next) });
  else api.register!(pathToFileURL(join(bundleDir, 'esmResolveHooks.mjs')).href, { data: { parents } });
}

/** Whether the RIC's lookup (§3.1 step 3) loads the handler's module with import(): `<base>.js` under "type": "module", or `<base>.mjs`. */
export function handlerIsEsModule(taskRoot: string, handler: string): boolean {
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot < 0 || handler.includes('..')) return false;
  const base = resolvePath(taskRoot, handler.slice(0, dot));
  if (existsSync(base)) return false;
  if (existsSync(`${base}.js`)) return nearestTypeIsModule(dirname(base));
  return existsSync(`${base}.mjs`);
}

/** The nearest package.json's "type" (walking up, stopping at a node_modules folder or `/`), as the RIC reads it. */
function nearestTypeIsModule(folder: string): boolean {
  for (let dir = folder; !dir.endsWith('/node_modules'); dir = dirname(dir)) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        return (JSON.parse(readFileSync(pj, 'utf8')) as { type?: unknown } | null)?.type === 'module';
      } catch {
        return false; // the RIC ignores an unreadable package.json (and says so when it loads the handler)
      }
    }
    if (dirname(dir) === dir) return false;
  }
  return false;
}
